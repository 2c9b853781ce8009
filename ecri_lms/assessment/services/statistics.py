"""Quiz statistics for trainers: per question, how many got it right and how often each choice was picked."""

from dataclasses import dataclass, field

from sqlalchemy import func, select

from ...accounts.permissions import Cap, require
from ...infra.extensions import db
from ..models import FINISHED_STATES, Attempt, AttemptAnswer, Question, Quiz
from ..question_types import get_type

CHOICE_WIDGETS = ("radio", "checkbox")


@dataclass
class ChoiceCount:
    id: str
    text: str
    credit: float  # what picking this choice alone earns: > 0 marks a right (or partly right) choice
    count: int = 0

    def share(self, total: int) -> float:
        return self.count / total if total else 0.0


@dataclass
class QuestionStats:
    question: Question
    answered: int = 0  # finished attempts that showed the question and got an answer
    shown: int = 0  # finished attempts that showed the question
    right: int = 0  # score >= 1
    total_score: float = 0.0
    scored: int = 0
    choices: list[ChoiceCount] = field(default_factory=list)

    @property
    def mean_score(self) -> float | None:
        return self.total_score / self.scored if self.scored else None

    @property
    def right_share(self) -> float:
        return self.right / self.shown if self.shown else 0.0


@dataclass
class QuizStatistics:
    quiz: Quiz
    attempts: int
    questions: list[QuestionStats]


def chosen_ids(response) -> list[str]:
    """The choice ids a response picked: a choice id, a list of them, or a true/false answer."""
    if isinstance(response, bool):
        return ["true" if response else "false"]
    if isinstance(response, str):
        return [response]
    if isinstance(response, list):
        return [item for item in response if isinstance(item, str)]
    return []


def quiz_statistics(actor, quiz: Quiz) -> QuizStatistics:
    """Per-question counts over every finished attempt of the quiz (three queries)."""
    require(actor, Cap.TEACH)
    rows = db.session.execute(
        select(AttemptAnswer.question_id, AttemptAnswer.response, AttemptAnswer.auto_score, AttemptAnswer.manual_score)
        .join(Attempt, Attempt.id == AttemptAnswer.attempt_id)
        .where(Attempt.quiz_id == quiz.id, Attempt.state.in_(FINISHED_STATES))
    ).all()
    attempts = db.session.scalar(
        select(func.count(Attempt.id)).where(Attempt.quiz_id == quiz.id, Attempt.state.in_(FINISHED_STATES))
    )
    question_ids = sorted({row.question_id for row in rows} | {s.question_id for s in quiz.slots if s.question_id})
    questions = (
        {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(question_ids)))}
        if question_ids
        else {}
    )
    stats = {question_id: _empty_stats(question) for question_id, question in questions.items()}
    for row in rows:
        _count(stats[row.question_id], row)
    positions = {slot.question_id: slot.position for slot in quiz.slots if slot.question_id}
    ordered = sorted(
        stats.values(),
        key=lambda item: (
            positions.get(item.question.id, len(positions) + 1),
            item.question.category.path,
            item.question.id,
        ),
    )
    return QuizStatistics(quiz, attempts or 0, ordered)


def _empty_stats(question: Question) -> QuestionStats:
    """Counters for one question, with one per choice for choice questions."""
    question_type = get_type(question.qtype)
    stats = QuestionStats(question)
    if question_type.widget in CHOICE_WIDGETS:
        view = question_type.public_view(question.spec)
        stats.choices = [
            ChoiceCount(choice["id"], choice["text"], _credit(question, choice["id"])) for choice in view["choices"]
        ]
    return stats


def _credit(question: Question, choice_id: str) -> float:
    """The score of a response that picks only this choice."""
    question_type = get_type(question.qtype)
    return question_type.score(question.spec, question_type.parse_response(question.spec, [choice_id])) or 0.0


def _count(stats: QuestionStats, row) -> None:
    """Add one finished answer to the question's counters."""
    stats.shown += 1
    if row.response is not None:
        stats.answered += 1
    score = row.manual_score if row.manual_score is not None else row.auto_score
    if score is not None:
        stats.scored += 1
        stats.total_score += score
        stats.right += score >= 1
    picked = set(chosen_ids(row.response))
    for choice in stats.choices:
        choice.count += choice.id in picked
