"""Quizzes of a course: settings, slots (fixed or random questions), and when they are open."""

import re
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import lazyload

from ...accounts.audit.services import record
from ...accounts.permissions import Cap, require
from ...catalogue.models import Course
from ...infra.errors import Conflict, NotFound, ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.i18n import ngettext
from ...infra.timeutil import utcnow
from ..models import GRADING_METHODS, REVIEW_TIMES, Question, QuestionCategory, Quiz, QuizSlot, QuizWindow

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SETTINGS = (
    "title",
    "intro",
    "pass_mark",
    "attempts_allowed",
    "time_limit_minutes",
    "shuffle_questions",
    "shuffle_answers",
    "opens_at",
    "closes_at",
    "feedback_shown",
    "answers_shown",
    "grading_method",
)
# What a content quiz takes from course_content/ (front matter and GIFT file): not editable in the app.
CONTENT_SETTINGS = (
    "title",
    "pass_mark",
    "attempts_allowed",
    "time_limit_minutes",
    "shuffle_questions",
    "shuffle_answers",
    "feedback_shown",
    "answers_shown",
)
MAX_DRAW = 200


def get_course(course_id: int) -> Course:
    """The course with this id, or NotFound."""
    course = db.session.get(Course, course_id)
    if course is None:
        raise NotFound(_("No such course."))
    return course


def get_quiz(quiz_id: int, *, include_archived: bool = False) -> Quiz:
    """The quiz with this id, or NotFound (archived quizzes only when asked)."""
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None or (quiz.is_archived and not include_archived):
        raise NotFound(_("No such quiz."))
    return quiz


def quizzes_of(course, include_archived: bool = False) -> list[Quiz]:
    """The course's quizzes, by title."""
    query = select(Quiz).where(Quiz.course_id == course.id).order_by(Quiz.title, Quiz.id)
    if not include_archived:
        query = query.where(Quiz.archived_at.is_(None))
    return list(db.session.scalars(query))


def quiz_by_slug(course, slug: str) -> Quiz | None:
    """The course's quiz with this short name (archived or not): slugs are how content finds its quizzes."""
    return db.session.scalar(select(Quiz).where(Quiz.course_id == course.id, Quiz.slug == slug))


def quizzes_by_slugs(wanted: Iterable[tuple[int, str]]) -> dict[tuple[int, str], Quiz]:
    """The quizzes named by (course id, slug) pairs, archived or not, keyed so; missing ones left out.

    One query for many courses (a trainee's completion rules over all their runs). The quizzes' course
    is not joined: whoever names a course by id has usually loaded it already.
    """
    wanted = set(wanted)
    if not wanted:
        return {}
    quizzes = db.session.scalars(
        select(Quiz)
        .options(lazyload(Quiz.course))
        .where(Quiz.course_id.in_({course_id for course_id, _ in wanted}), Quiz.slug.in_({slug for _, slug in wanted}))
    )
    return {(quiz.course_id, quiz.slug): quiz for quiz in quizzes if (quiz.course_id, quiz.slug) in wanted}


def create_quiz(actor, course, *, slug: str, title: str, **settings) -> Quiz:
    """A new quiz made in the app (no questions yet)."""
    require(actor, Cap.EDIT_CATALOGUE)
    if not isinstance(slug, str) or not SLUG_PATTERN.fullmatch(slug) or len(slug) > 60:
        raise ValidationError(
            _("The short name must be lower-case letters and digits joined by dashes, e.g. mid-term.")
        )
    if quiz_by_slug(course, slug) is not None:
        raise Conflict(_("The course already has a quiz called “%(slug)s”.", slug=slug))
    quiz = Quiz(course_id=course.id, slug=slug, title=title, source="app")
    _apply_settings(quiz, {"title": title, **settings})
    db.session.add(quiz)
    db.session.flush()
    record(actor, "quiz.create", "quiz", quiz.id, summary=f"{course.code}: quiz {slug} created")
    return quiz


def update_quiz(actor, quiz: Quiz, **settings) -> Quiz:
    """Change a quiz's settings; a content quiz keeps what its files say."""
    require(actor, Cap.EDIT_CATALOGUE)
    if quiz.source == "content":
        changed = [name for name in CONTENT_SETTINGS if name in settings and settings[name] != getattr(quiz, name)]
        if changed:
            raise ValidationError(
                _(
                    "This quiz comes from course_content/: change %(settings)s in the course's files, not here.",
                    settings=", ".join(changed),
                )
            )
    before = {name: _plain(getattr(quiz, name)) for name in settings}
    _apply_settings(quiz, settings)
    after = {name: _plain(getattr(quiz, name)) for name in settings}
    db.session.flush()
    changes = {name: [before[name], after[name]] for name in settings if before[name] != after[name]}
    if changes:
        record(actor, "quiz.update", "quiz", quiz.id, summary=f"quiz {quiz.slug} settings changed", changes=changes)
    return quiz


def _plain(value):
    return value.isoformat() if isinstance(value, datetime) else value


def _apply_settings(quiz: Quiz, settings: dict) -> None:
    """Set known settings only, then check them together."""
    unknown = sorted(set(settings) - set(SETTINGS))
    if unknown:
        raise ValidationError(
            ngettext(
                "Unknown quiz setting: %(names)s.",
                "Unknown quiz settings: %(names)s.",
                len(unknown),
                names=", ".join(unknown),
            )
        )
    for name, value in settings.items():
        setattr(quiz, name, value)
    check_settings(quiz)


def check_settings(quiz: Quiz) -> None:
    """Raise ValidationError unless the quiz's settings make sense together."""
    if not (quiz.title or "").strip():
        raise ValidationError(_("The quiz needs a title."))
    if not 0 <= (quiz.pass_mark or 0) <= 100:
        raise ValidationError(_("The pass mark is a percentage between 0 and 100."))
    if (quiz.attempts_allowed or 0) < 0 or (quiz.time_limit_minutes or 0) < 0:
        raise ValidationError(_("Attempts and time limit cannot be negative (0 means unlimited)."))
    for name in ("opens_at", "closes_at"):
        moment = getattr(quiz, name)
        if moment is not None and moment.tzinfo is None:
            raise ValidationError(_("Opening and closing times need a time zone."))
    if quiz.opens_at and quiz.closes_at and quiz.closes_at <= quiz.opens_at:
        raise ValidationError(_("The quiz must close after it opens."))
    for name in ("feedback_shown", "answers_shown"):
        if getattr(quiz, name) not in (None, *REVIEW_TIMES):
            raise ValidationError(_("Unknown review option “%(option)s”.", option=getattr(quiz, name)))
    waiting = _shown_after_close_without_closing(quiz.feedback_shown, quiz.answers_shown, quiz.closes_at)
    if waiting == "feedback_shown":
        raise ValidationError(
            _(
                "'Feedback is shown: after the quiz closes' needs a closing time, or nothing is ever shown: "
                "set when the quiz closes, or choose immediately or never."
            )
        )
    if waiting == "answers_shown":
        raise ValidationError(
            _(
                "'Right answers are shown: after the quiz closes' needs a closing time, or nothing is ever shown: "
                "set when the quiz closes, or choose immediately or never."
            )
        )
    if quiz.grading_method not in (None, *GRADING_METHODS):
        raise ValidationError(_("Unknown grading method “%(method)s”.", method=quiz.grading_method))


def review_problem(feedback_shown: str | None, answers_shown: str | None, closes_at: datetime | None) -> str | None:
    """Why these review options would never show what they promise, or None: "after the quiz closes" on a
    quiz that never closes shows nothing, ever. `flask content sync --check` asks (in English, like the content
    files' other errors); the quiz form asks `_shown_after_close_without_closing` and says it in the reader's words."""
    labels = {"feedback_shown": "Feedback is shown", "answers_shown": "Right answers are shown"}
    waiting = _shown_after_close_without_closing(feedback_shown, answers_shown, closes_at)
    return (
        f"'{labels[waiting]}: after the quiz closes' needs a closing time, or nothing is ever shown"
        if waiting
        else None
    )


def _shown_after_close_without_closing(
    feedback_shown: str | None, answers_shown: str | None, closes_at: datetime | None
) -> str | None:
    """The review option ("feedback_shown" or "answers_shown") that waits for a closing that never comes."""
    for name, option in (("feedback_shown", feedback_shown), ("answers_shown", answers_shown)):
        if option == "after_close" and closes_at is None:
            return name
    return None


# Slots ---------------------------------------------------------------------------------------


def _require_app_slots(actor, quiz: Quiz) -> None:
    """Slots of a content quiz follow its GIFT file; only app quizzes are edited here."""
    require(actor, Cap.EDIT_CATALOGUE)
    if quiz.source == "content":
        raise ValidationError(_("This quiz's questions come from its GIFT file in course_content/; edit the file."))


def _next_position(quiz: Quiz) -> int:
    return max((slot.position for slot in quiz.slots), default=0) + 1


def _check_mark(max_mark: float) -> float:
    """A slot's mark must be positive: it weighs the question in the attempt's score."""
    if not isinstance(max_mark, int | float) or max_mark <= 0 or max_mark > 1000:
        raise ValidationError(_("A question's mark must be a positive number (at most 1000)."))
    return float(max_mark)


def add_fixed_slot(actor, quiz: Quiz, question: Question, max_mark: float = 1.0) -> QuizSlot:
    """Put one question of the course's bank at the end of the quiz."""
    _require_app_slots(actor, quiz)
    if question.course_id != quiz.course_id or question.is_archived:
        raise ValidationError(_("Only active questions of this course's bank can be added."))
    if any(slot.question_id == question.id for slot in quiz.slots):
        raise Conflict(_("The question is already in the quiz."))
    slot = QuizSlot(question=question, position=_next_position(quiz), max_mark=_check_mark(max_mark))
    quiz.slots.append(slot)
    db.session.flush()
    return slot


def add_random_slot(actor, quiz: Quiz, category: QuestionCategory, count: int, max_mark: float = 1.0) -> QuizSlot:
    """Draw `count` random questions of a category for each attempt, at the end of the quiz."""
    _require_app_slots(actor, quiz)
    if category.course_id != quiz.course_id:
        raise ValidationError(_("Only categories of this course's bank can be drawn from."))
    if not isinstance(count, int) or not 1 <= count <= MAX_DRAW:
        raise ValidationError(_("Draw between 1 and %(most)d questions.", most=MAX_DRAW))
    available = active_count(category)
    if count > available:
        raise ValidationError(
            ngettext(
                "The category “%(category)s” has only %(num)d active question.",
                "The category “%(category)s” has only %(num)d active questions.",
                available,
                category=category.label,
            )
        )
    slot = QuizSlot(category=category, draw_count=count, position=_next_position(quiz), max_mark=_check_mark(max_mark))
    quiz.slots.append(slot)
    db.session.flush()
    return slot


def remove_slot(actor, quiz: Quiz, slot_id: int) -> None:
    """Take a slot out of the quiz; attempts already started keep their questions."""
    _require_app_slots(actor, quiz)
    slot = next((slot for slot in quiz.slots if slot.id == slot_id), None)
    if slot is None:
        raise NotFound(_("No such question in this quiz."))
    quiz.slots.remove(slot)
    db.session.flush()


def active_count(category: QuestionCategory) -> int:
    """How many questions a random slot can draw from the category."""
    return (
        db.session.scalar(
            select(func.count(Question.id)).where(Question.category_id == category.id, Question.archived_at.is_(None))
        )
        or 0
    )


def question_count(quiz: Quiz) -> int:
    """How many questions an attempt of this quiz holds."""
    return sum(slot.draw_count if slot.is_random else 1 for slot in quiz.slots)


# Timing and review ---------------------------------------------------------------------------


def open_state(quiz: Quiz, now: datetime | None = None) -> QuizWindow:
    """Whether the quiz takes new attempts at `now`."""
    now = now or utcnow()
    if quiz.opens_at is not None and now < quiz.opens_at:
        return QuizWindow.NOT_OPEN_YET
    if quiz.closes_at is not None and now >= quiz.closes_at:
        return QuizWindow.CLOSED
    return QuizWindow.OPEN


def review_time_reached(quiz: Quiz, option: str, now: datetime | None = None) -> bool:
    """Whether a finished attempt may show what `option` ('immediately'|'after_close'|'never') governs."""
    if option == "immediately":
        return True
    if option == "after_close":
        return quiz.closes_at is not None and (now or utcnow()) >= quiz.closes_at
    return False


# Listings ------------------------------------------------------------------------------------


def staff_courses_query():
    """Active courses, by code, for the staff's list of banks and quizzes (paginated by the caller)."""
    return select(Course).where(Course.archived_at.is_(None)).order_by(Course.code)


def quiz_counts(course_ids: list[int]) -> dict[int, int]:
    """Active quizzes per course, in one query."""
    if not course_ids:
        return {}
    rows = db.session.execute(
        select(Quiz.course_id, func.count(Quiz.id))
        .where(Quiz.course_id.in_(course_ids), Quiz.archived_at.is_(None))
        .group_by(Quiz.course_id)
    )
    return dict(rows.all())
