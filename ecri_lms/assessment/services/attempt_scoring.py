"""Scoring a closed attempt with the question-type registry, and its score from the answers."""

from datetime import datetime

from sqlalchemy import select

from ...infra.extensions import db
from ...infra.timeutil import utcnow
from ..models import Attempt, Question
from ..question_types import get_type
from .reading import scoring_spec, translations_of


def questions_of(attempt: Attempt) -> dict[int, Question]:
    """The attempt's questions by id, in one query."""
    ids = attempt.question_ids
    if not ids:
        return {}
    return {question.id: question for question in db.session.scalars(select(Question).where(Question.id.in_(ids)))}


def auto_score(question: Question, response, spec: dict | None = None) -> float | None:
    """The registry's score (against `spec`, by default the question's); None when a person must grade it. A blank
    answer earns 0 either way."""
    score = get_type(question.qtype).score(question.spec if spec is None else spec, response)
    if score is None and response is None:
        return 0.0
    return score


def grade_attempt(attempt: Attempt, now: datetime | None = None) -> None:
    """Score every answer of a submitted attempt on its original question (a short answer also against the
    translation it was typed in); essays left for a grader make it needs_grading."""
    questions = questions_of(attempt)
    translations = translations_of(questions, (answer.language for answer in attempt.answers))
    for answer in attempt.answers:
        question = questions[answer.question_id]
        spec = scoring_spec(question, translations.get((question.id, answer.language)))
        answer.auto_score = auto_score(question, answer.response, spec)
    refresh_state(attempt, now)


def refresh_state(attempt: Attempt, now: datetime | None = None) -> bool:
    """Set the attempt graded (with its score) when no answer waits for a grader; True if it is graded."""
    if any(answer.score is None for answer in attempt.answers):
        attempt.await_grader()
        db.session.flush()
        return False
    attempt.grade(attempt_score(attempt), now or utcnow())
    db.session.flush()
    return True


def attempt_score(attempt: Attempt) -> float:
    """The marks earned over the marks available, as a fraction (the layout holds each question's mark)."""
    marks = {item["question_id"]: item["mark"] for item in attempt.layout}
    total = sum(marks.values())
    if total <= 0:
        return 0.0
    earned = sum((answer.score or 0.0) * marks[answer.question_id] for answer in attempt.answers)
    return round(min(1.0, max(0.0, earned / total)), 9)
