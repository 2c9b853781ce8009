"""Taking a quiz: starting an attempt, saving each answer as it is given, submitting.

Every rule is enforced here, on the server: who may start, when, how many times, and the time
limit (a save or submission after the deadline plus the grace is refused and the attempt is closed
on what was saved). Every function takes `now` so tests can move time without sleeping.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defaultload, joinedload

from ...accounts.permissions import Cap, can, has_capability
from ...catalogue.models import Course
from ...infra.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.i18n import ngettext
from ...infra.input_guards import parse_id
from ...infra.timeutil import format_in_zone, utcnow
from ..learners import may_take_quizzes
from ..models import Attempt, AttemptAnswer, AttemptState, Question, Quiz, QuizWindow
from ..question_types import QuestionError, get_type
from .attempt_scoring import questions_of
from .lifecycle import close_expired, close_if_expired, finish_attempt, is_late
from .quizzes import open_state
from .reading import reader_language

SEED_RANGE = 2**31

_COURSE = defaultload(Attempt.quiz).defaultload(Quiz.course)
# An attempt being taken is read in one query with its quiz, its course (without the course's topics and
# search text, which no attempt page shows) and its answers.
TAKING = (_COURSE.lazyload(Course.course_topics), _COURSE.defer(Course.search_text), joinedload(Attempt.answers))


def attempts_of(user, quiz: Quiz, now: datetime | None = None) -> list[Attempt]:
    """The user's attempts at the quiz, oldest first; expired ones are closed on the way."""
    attempts = list(
        db.session.scalars(
            select(Attempt).where(Attempt.quiz_id == quiz.id, Attempt.user_id == user.id).order_by(Attempt.number)
        )
    )
    close_expired(attempts, now)
    return attempts


def start_attempt(user, quiz: Quiz, *, now: datetime | None = None, rng: random.Random | None = None) -> Attempt:
    """Start (or resume, if one is in progress) the user's attempt, or say clearly why not."""
    now = now or utcnow()
    if quiz.is_archived:
        raise NotFound(_("No such quiz."))
    attempts = attempts_of(user, quiz, now)
    current = next((attempt for attempt in attempts if attempt.is_in_progress), None)
    if current is not None and may_take_quizzes(user, quiz.course):
        return current
    refusal = start_refusal(user, quiz, attempts, now)
    if refusal is not None:
        raise refusal
    layout = build_layout(quiz, rng or random.SystemRandom())
    attempt = Attempt(
        quiz=quiz,
        user_id=user.id,
        number=len(attempts) + 1,
        started_at=now,
        deadline_at=deadline_for(quiz, now),
        state=AttemptState.IN_PROGRESS,
        layout=layout,
    )
    attempt.answers = [AttemptAnswer(question_id=item["question_id"]) for item in layout]
    try:
        with db.session.begin_nested():
            db.session.add(attempt)
    except IntegrityError:
        raise Conflict(_("Another attempt was started at the same moment; open the quiz page again.")) from None
    return attempt


def start_refusal(user, quiz: Quiz, attempts: list[Attempt], now: datetime | None = None) -> DomainError | None:
    """Why the user may not start a new attempt now (the error to raise or show), or None."""
    now = now or utcnow()
    if not may_take_quizzes(user, quiz.course):
        return PermissionDenied(
            _(
                "Only learners of %(course)s can take its quizzes: enrol in the course "
                "or register for one of its runs first.",
                course=quiz.course.title,
            )
        )
    state = open_state(quiz, now)
    zone = getattr(user, "display_timezone", "UTC")
    if state == QuizWindow.NOT_OPEN_YET:
        return ValidationError(_("This quiz opens on %(moment)s.", moment=format_in_zone(quiz.opens_at, zone)))
    if state == QuizWindow.CLOSED:
        return ValidationError(
            _("This quiz closed on %(moment)s; no new attempts.", moment=format_in_zone(quiz.closes_at, zone))
        )
    if quiz.attempts_allowed and len(attempts) >= quiz.attempts_allowed:
        return ValidationError(
            ngettext(
                "You have used the %(num)d attempt allowed for this quiz.",
                "You have used all %(num)d attempts allowed for this quiz.",
                quiz.attempts_allowed,
            )
        )
    return None


def deadline_for(quiz: Quiz, started_at: datetime) -> datetime | None:
    """When an attempt started now must end: its time limit, or the quiz's closing if sooner."""
    limits = []
    if quiz.time_limit_minutes:
        limits.append(started_at + timedelta(minutes=quiz.time_limit_minutes))
    if quiz.closes_at is not None:
        limits.append(quiz.closes_at)
    return min(limits) if limits else None


def build_layout(quiz: Quiz, rng: random.Random) -> list[dict]:
    """Draw the attempt's questions: fixed slots as they are, random slots from their category."""
    drawn: list[tuple[int, float]] = []
    used = {slot.question_id for slot in quiz.slots if not slot.is_random}
    for slot in quiz.slots:
        if not slot.is_random:
            drawn.append((slot.question_id, slot.max_mark))
            continue
        candidates = sorted(
            set(
                db.session.scalars(
                    select(Question.id).where(Question.category_id == slot.category_id, Question.archived_at.is_(None))
                )
            )
            - used
        )
        if len(candidates) < slot.draw_count:
            raise ValidationError(
                _(
                    "This quiz cannot start: the category “%(category)s” has too few "
                    "questions for its random draw. Please tell the trainer.",
                    category=slot.category.label,
                )
            )
        chosen = rng.sample(candidates, slot.draw_count)
        used.update(chosen)
        drawn.extend((question_id, slot.max_mark) for question_id in chosen)
    if not drawn:
        raise ValidationError(_("This quiz has no questions yet."))
    if quiz.shuffle_questions:
        rng.shuffle(drawn)
    return [
        {"question_id": question_id, "seed": rng.randrange(SEED_RANGE), "mark": mark} for question_id, mark in drawn
    ]


# Reading an attempt --------------------------------------------------------------------------


def own_attempt(user, attempt_id: int, now: datetime | None = None) -> Attempt:
    """The user's own attempt (closed first if its time ran out); anyone else's is NotFound, and someone who
    never takes quizzes is refused (PermissionDenied), as SECURITY.md's refusal policy says."""
    if not has_capability(user, Cap.LEARN):
        raise PermissionDenied(_("Only trainees take quizzes."))
    attempt = db.session.get(Attempt, attempt_id, options=TAKING)
    if attempt is None or user is None or attempt.user_id != getattr(user, "id", None):
        raise NotFound(_("No such attempt."))
    close_if_expired(attempt, now)
    return attempt


def viewable_attempt(viewer, attempt_id: int, now: datetime | None = None) -> Attempt:
    """An attempt the viewer may look at: their own, or any for someone who grades (Cap.TEACH)."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None:
        raise NotFound(_("No such attempt."))
    if attempt.user_id != getattr(viewer, "id", None) and not can(viewer, Cap.TEACH):
        raise NotFound(_("No such attempt."))
    close_if_expired(attempt, now)
    return attempt


# Answering -----------------------------------------------------------------------------------


@dataclass
class SaveOutcome:
    """What happened to submitted answers: saved ids, refused ones with the reason, or the time ran out."""

    saved: list[int] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)
    closed_late: bool = False
    submitted: bool = False


def save_answers(user, attempt: Attempt, values: dict[int, Any], now: datetime | None = None) -> SaveOutcome:
    """Save each question's answer on its own, with the language it was read in; a malformed answer is refused
    and the others are kept."""
    now = now or utcnow()
    if _closed_for_lateness(user, attempt, now):
        return SaveOutcome(closed_late=True)
    answers = {answer.question_id: answer for answer in attempt.answers}
    unknown = set(values) - set(answers)
    if unknown:
        raise NotFound(_("That question is not part of this attempt."))
    questions = questions_of(attempt)
    language = reader_language(user)
    outcome = SaveOutcome()
    for question_id, submitted in values.items():
        question = questions[question_id]
        try:
            response = get_type(question.qtype).parse_response(question.spec, submitted)
        except QuestionError as error:
            outcome.errors[question_id] = str(error)
            continue
        answer = answers[question_id]
        if response != answer.response or answer.saved_at is None:
            answer.response = response
            answer.saved_at = now
            answer.language = language
        outcome.saved.append(question_id)
    db.session.flush()
    return outcome


def save_answer(user, attempt: Attempt, question_id: int, values: Any, now: datetime | None = None) -> SaveOutcome:
    """Save one question's answer (the autosave); a malformed answer is a ValidationError."""
    outcome = save_answers(user, attempt, {question_id: values}, now)
    if outcome.errors:
        raise ValidationError(outcome.errors[question_id])
    return outcome


def submit_attempt(
    user, attempt: Attempt, values: dict[int, Any] | None = None, now: datetime | None = None
) -> SaveOutcome:
    """Save the last answers and close the attempt for grading; refused (kept open) if an answer is malformed."""
    now = now or utcnow()
    outcome = save_answers(user, attempt, values or {}, now)
    if outcome.closed_late or outcome.errors:
        return outcome
    finish_attempt(attempt, now)
    outcome.submitted = True
    return outcome


def _closed_for_lateness(user, attempt: Attempt, now: datetime) -> bool:
    """Refuse changes to a finished attempt; close a late one and say so."""
    if attempt.user_id != getattr(user, "id", None):
        raise NotFound(_("No such attempt."))
    attempt.refuse_if_finished()
    if is_late(attempt, now):
        finish_attempt(attempt, attempt.deadline_at, automatically=True, now=now)
        return True
    return False


def seconds_left(attempt: Attempt, now: datetime | None = None) -> int | None:
    """Whole seconds until the deadline (0 when past), or None without a time limit."""
    if attempt.deadline_at is None:
        return None
    return max(0, int((attempt.deadline_at - (now or utcnow())).total_seconds()))


def submitted_values(form, only: int | None = None) -> dict[int, Any]:
    """The answers in a posted attempt form, by question id, in the shape each type parses.

    Every question on the page posts a hidden `shown` field with its id, so that a question whose
    checkboxes were all cleared still counts as answered-blank. Matching posts `q<id>-<prompt id>`
    fields (a dict of prompt → option); every other widget posts `q<id>` (a list of values).
    """
    values: dict[int, Any] = {}
    for raw in form.getlist("shown"):
        question_id = parse_id(raw)
        if question_id is None:
            raise ValidationError(_("The answer form is damaged; reload the page."))
        if only is not None and question_id != only:
            continue
        prefix = f"q{question_id}-"
        pairs = {key[len(prefix) :]: form.get(key) for key in form if key.startswith(prefix)}
        values[question_id] = pairs or form.getlist(f"q{question_id}")
    return values
