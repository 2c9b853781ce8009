"""Self-paced study: enrolment, lesson views, lessons marked as done, progress per course."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload, load_only

from ...accounts.audit.services import record
from ...accounts.permissions import Cap, require
from ...infra.errors import PermissionDenied, ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.timeutil import utcnow
from ..models import Course, Enrolment, Lesson, LessonProgress
from .access import enrolment_of, may_study


def enrol(user, course: Course) -> Enrolment:
    """Enrol a learner in a course for self-paced study; enrolling twice keeps the first enrolment."""
    require(user, Cap.LEARN)
    existing = enrolment_of(user, course)
    if existing is not None:
        return existing
    if course.archived_at is not None:
        raise ValidationError(_("This course is archived: it no longer takes new trainees."))
    enrolment = Enrolment(user_id=user.id, course_id=course.id)
    db.session.add(enrolment)
    db.session.flush()
    record(user, "course.enrol", "course", course.id, partner_id=user.partner_id, summary=f"Enrolled in {course.code}")
    return enrolment


def _progress_row(user, lesson: Lesson) -> LessonProgress | None:
    return db.session.scalar(
        select(LessonProgress).where(LessonProgress.user_id == user.id, LessonProgress.lesson_id == lesson.id)
    )


def _ensure_progress(user, lesson: Lesson) -> LessonProgress:
    row = _progress_row(user, lesson)
    if row is None:
        row = LessonProgress(user_id=user.id, lesson_id=lesson.id, first_viewed_at=utcnow())
        db.session.add(row)
    return row


def record_lesson_view(user, lesson: Lesson) -> None:
    """Remember that a trainee opened a lesson, and that it is where they stopped; staff previews are not kept."""
    if not may_study(user, lesson.course):
        return
    _ensure_progress(user, lesson)
    enrolment = enrolment_of(user, lesson.course)
    if enrolment is not None:
        enrolment.last_lesson_id = lesson.id
        enrolment.last_viewed_at = utcnow()
    db.session.flush()


def set_lesson_done(user, lesson: Lesson, done: bool = True) -> LessonProgress:
    """Mark a lesson as done (or not done again) for a trainee who studies the course."""
    if not may_study(user, lesson.course):
        raise PermissionDenied(_("Enrol in the course to keep track of your progress."))
    if lesson.archived_at is not None:
        raise ValidationError(_("This lesson has been removed from the course."))
    row = _ensure_progress(user, lesson)
    if done and row.completed_at is None:
        row.completed_at = utcnow()
    elif not done:
        row.completed_at = None
    db.session.flush()
    return row


def _active_lessons_of(course_id: int):
    return select(Lesson.id).where(Lesson.course_id == course_id, Lesson.archived_at.is_(None))


def lesson_progress_summary(user, course: Course) -> tuple[int, int]:
    """(lessons marked done, lessons in the course), counting only the course's current lessons."""
    total = db.session.scalar(select(func.count()).select_from(_active_lessons_of(course.id).subquery())) or 0
    done = (
        db.session.scalar(
            select(func.count())
            .select_from(LessonProgress)
            .where(
                LessonProgress.user_id == user.id,
                LessonProgress.completed_at.is_not(None),
                LessonProgress.lesson_id.in_(_active_lessons_of(course.id)),
            )
        )
        or 0
    )
    return done, total


def summary_of(course: Course, progress: dict[int, LessonProgress]) -> tuple[int, int]:
    """lesson_progress_summary from what the page has already read: progress_by_lesson and the course's lessons."""
    return sum(1 for row in progress.values() if row.completed_at is not None), len(course.active_lessons)


def lessons_viewed_summary(user, course: Course) -> tuple[int, int]:
    """(lessons opened at least once, lessons in the course): for completion rules on viewing."""
    return lessons_viewed_by_course(user, [course.id])[course.id]


def lessons_viewed_by_course(user, course_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(lessons opened at least once, lessons) of each course's current lessons, for many courses in one query.

    A trainee's certificates page checks the viewing rule of every run at once; a course without
    current lessons is (0, 0).
    """
    course_ids = list(dict.fromkeys(course_ids))
    counts = {course_id: (0, 0) for course_id in course_ids}
    if course_ids:
        rows = db.session.execute(
            select(Lesson.course_id, func.count(LessonProgress.id), func.count(Lesson.id))
            .outerjoin(LessonProgress, (LessonProgress.lesson_id == Lesson.id) & (LessonProgress.user_id == user.id))
            .where(Lesson.course_id.in_(course_ids), Lesson.archived_at.is_(None))
            .group_by(Lesson.course_id)
        )
        counts.update((course_id, (viewed, total)) for course_id, viewed, total in rows)
    return counts


def progress_by_lesson(user, course: Course) -> dict[int, LessonProgress]:
    """The user's progress rows for the course's lessons, by lesson id."""
    if getattr(user, "id", None) is None:
        return {}
    rows = db.session.scalars(
        select(LessonProgress).where(
            LessonProgress.user_id == user.id, LessonProgress.lesson_id.in_(_active_lessons_of(course.id))
        )
    )
    return {row.lesson_id: row for row in rows}


@dataclass(frozen=True)
class MyCourse:
    enrolment: Enrolment
    done: int
    total: int
    first_lesson: Lesson | None  # the course's first current lesson

    @property
    def course(self) -> Course:
        return self.enrolment.course

    @property
    def resume_lesson(self) -> Lesson | None:
        """Where the trainee stopped, or the first lesson when they have not started."""
        last = self.enrolment.last_lesson
        if last is not None and last.archived_at is None:
            return last
        return self.first_lesson

    @property
    def finished(self) -> bool:
        return self.total > 0 and self.done >= self.total


def my_courses(user) -> list[MyCourse]:
    """The user's enrolments with progress, most recently studied first: two queries, however many courses."""
    enrolments = list(
        db.session.scalars(
            select(Enrolment)
            .options(joinedload(Enrolment.course), joinedload(Enrolment.last_lesson))
            .where(Enrolment.user_id == user.id)
            .order_by(Enrolment.last_viewed_at.desc().nulls_last(), Enrolment.enrolled_at.desc())
        )
    )
    lessons: dict[int, list[Lesson]] = defaultdict(list)
    done: Counter[int] = Counter()
    if enrolments:
        rows = db.session.execute(
            select(Lesson, LessonProgress.completed_at)
            .outerjoin(LessonProgress, and_(LessonProgress.lesson_id == Lesson.id, LessonProgress.user_id == user.id))
            .options(load_only(Lesson.course_id, Lesson.slug, Lesson.title, Lesson.position, Lesson.archived_at))
            .where(Lesson.course_id.in_({e.course_id for e in enrolments}), Lesson.archived_at.is_(None))
            .order_by(Lesson.course_id, Lesson.position, Lesson.id)
        )
        for lesson, completed_at in rows:
            lessons[lesson.course_id].append(lesson)
            done[lesson.course_id] += completed_at is not None
    return [
        MyCourse(e, done[e.course_id], len(lessons[e.course_id]), next(iter(lessons[e.course_id]), None))
        for e in enrolments
    ]
