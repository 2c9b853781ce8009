"""Demo data for assessments: the curriculum's quizzes, and attempts by demo trainees.

Needs the courses in the database (the catalogue's content sync); without them the step says so and
does nothing. Attempts go through the same services as a trainee's, with times in the past.
"""

import random
from datetime import timedelta

import click
from flask import current_app
from sqlalchemy import select

from ..catalogue.models import Course
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.timeutil import utcnow
from .learners import may_take_quizzes
from .models import Quiz
from .question_types import item_id
from .services import attempts_of, grade_essay, start_attempt, submit_attempt, sync_content_quizzes

ESSAY_TEXT = (
    "Our field project focused on diagnostics SMEs and the regional hospital network. We chose two "
    "priority segments because members' revenues and the regional smart specialisation strategy point the "
    "same way; we dropped a biobank service line that only two members would use. Next six months: a "
    "members' working group, a first joint EU proposal and quarterly indicators on member satisfaction."
)
PRACTICE_ATTEMPTS = 12
RIGHT_PROBABILITY = 0.7
FAILING_SHARE = 0.3
ESSAY_GRADES = (65, 75, 80, 90)
ESSAY_COMMENT = "Clear priorities, backed by the members' figures; the indicators could be more specific."


def load_assessments(rng: random.Random, people: dict) -> None:
    """Load the content quizzes, then one failed-then-passed trainee, an essay waiting, and practice attempts."""
    if not db.session.scalar(select(Course.id).where(Course.source == "content").limit(1)):
        click.echo(_("Quizzes skipped: there are no content courses yet (the content sync loads them first)."))
        return
    report = sync_content_quizzes(current_app.config["CONTENT_DIR"])
    if report.problems:
        problems = "\n".join(map(str, report.problems))
        raise click.ClickException(_("The curriculum's quizzes have errors:") + "\n" + problems)
    quizzes = list(
        db.session.scalars(select(Quiz).where(Quiz.source == "content", Quiz.archived_at.is_(None)).order_by(Quiz.id))
    )
    finals = [quiz for quiz in quizzes if quiz.pass_mark > 0]
    essays = [quiz for quiz in quizzes if any(slot.question.qtype == "essay" for slot in quiz.slots)]
    trainees = list(people.get("trainees", []))
    now = utcnow()
    _failed_then_passed(rng, trainees, finals, now)
    _essay_waiting(rng, trainees, essays, now)
    _practice(rng, trainees, finals, now)


def _learners(trainees: list, quizzes: list[Quiz]) -> list[tuple]:
    """Every (trainee, quiz) pair where the trainee is a learner of the quiz's course."""
    return [(trainee, quiz) for quiz in quizzes for trainee in trainees if may_take_quizzes(trainee, quiz.course)]


def _failed_then_passed(rng: random.Random, trainees: list, finals: list[Quiz], now) -> None:
    """One trainee fails a final quiz, then passes it a day later (completion rules need this case)."""
    pairs = _learners(trainees, finals)
    if not pairs:
        click.echo(_("No demo trainee is a learner of a course with a quiz: no attempts made."))
        return
    trainee, quiz = pairs[0]
    _sit(rng, trainee, quiz, now - timedelta(days=9), right_share=0.3)
    _sit(rng, trainee, quiz, now - timedelta(days=8), right_share=1.0)


def _essay_waiting(rng: random.Random, trainees: list, essays: list[Quiz], now) -> None:
    """One reflection essay waits in the trainers' grading queue."""
    pairs = _learners(trainees, essays)
    if not pairs:
        click.echo(_("No demo trainee is a learner of a course with an essay: no essay waits for grading."))
        return
    trainee, quiz = pairs[-1]
    _sit(rng, trainee, quiz, now - timedelta(days=2), right_share=1.0)


def _practice(rng: random.Random, trainees: list, finals: list[Quiz], now) -> None:
    """A spread of results, so quiz statistics have something to show."""
    pairs = _learners(trainees, finals)[1:]
    for trainee, quiz in rng.sample(pairs, min(PRACTICE_ATTEMPTS, len(pairs))):
        _sit(rng, trainee, quiz, now - timedelta(days=rng.randint(1, 20)), right_share=RIGHT_PROBABILITY)


def pass_quiz(rng: random.Random, trainee, quiz: Quiz, started, grader, *, fail_first: bool = False) -> None:
    """A trainee passes a quiz they never tried (failing once first when asked and allowed); their essays
    are graded by `grader` two days later. A trainee who already tried the quiz keeps their own record."""
    if attempts_of(trainee, quiz):
        return
    if fail_first and quiz.pass_mark > 0 and quiz.attempts_allowed != 1:
        _sit(rng, trainee, quiz, started, right_share=FAILING_SHARE)
        started += timedelta(days=1)
    attempt = _sit(rng, trainee, quiz, started, right_share=1.0)
    for answer in attempt.answers:
        if answer.question.qtype == "essay":
            grade_essay(grader, answer, rng.choice(ESSAY_GRADES), ESSAY_COMMENT, now=started + timedelta(days=2))
    db.session.flush()


def _sit(rng: random.Random, trainee, quiz: Quiz, started, right_share: float):
    """An attempt answered right with probability `right_share` per question, submitted 12 minutes later."""
    attempt = start_attempt(trainee, quiz, now=started, rng=rng)
    questions = {answer.question_id: answer.question for answer in attempt.answers}
    values = {
        question_id: demo_values(question, rng.random() < right_share) for question_id, question in questions.items()
    }
    submit_attempt(trainee, attempt, values, now=started + timedelta(minutes=12))
    db.session.flush()
    return attempt


def demo_values(question, right: bool):
    """Form values that answer a question right, or wrong (an essay always gets a text)."""
    spec = question.spec
    if question.qtype in ("single_choice", "multiple_response"):
        chosen = [c for c in spec["choices"] if (c["weight"] > 0) == right]
        if question.qtype == "single_choice":
            chosen = [max(chosen, key=lambda c: c["weight"]) if right else chosen[0]]
        return [item_id(choice["text"]) for choice in chosen]
    if question.qtype == "true_false":
        return ["true" if spec["answer"] == right else "false"]
    if question.qtype == "short_answer":
        return [max(spec["answers"], key=lambda a: a["weight"])["text"] if right else "I am not sure"]
    if question.qtype == "numerical":
        answer = max(spec["answers"], key=lambda a: a["weight"])
        value = answer["value"] if "value" in answer else answer["min"]
        return [repr(float(value) if right else float(value) * 10 + 1)]
    if question.qtype == "matching":
        rights = [pair["right"] for pair in spec["pairs"]]
        options = rights if right else rights[1:] + rights[:1]
        return {item_id(pair["left"]): item_id(option) for pair, option in zip(spec["pairs"], options, strict=True)}
    return [ESSAY_TEXT]
