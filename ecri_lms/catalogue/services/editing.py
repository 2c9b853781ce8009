"""Courses and lessons written in the app by trainers and coordinators (source 'app')."""

import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import select

from ...accounts.audit.services import record
from ...accounts.permissions import Cap, require
from ...infra.errors import Conflict, PermissionDenied, ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.timeutil import utcnow
from ..content.courses import COURSE_CODE_PATTERN
from ..models import AUDIENCES, FORMATS, LEVELS, Course, CourseTopic, Lesson, Topic
from ..search import refresh_search_text


@dataclass
class CourseData:
    code: str
    title: str
    summary: str
    level: str
    audience: list[str]
    formats: list[str]
    topic_codes: list[str]
    outcomes: list[str]
    duration_hours: float
    description: str = ""
    prerequisites: list[str] = field(default_factory=list)


def ensure_editable(actor, course: Course) -> None:
    """Only courses written in the app are edited in the app; the others live in course_content/."""
    require(actor, Cap.EDIT_CATALOGUE)
    if course.source != "app":
        raise PermissionDenied(
            _(
                "This course comes from the curriculum files (course_content/): "
                "change it there and run `flask content sync`."
            )
        )


def _validate(data: CourseData, code: str) -> list[Topic]:
    problems = []
    if not re.fullmatch(COURSE_CODE_PATTERN, data.code or ""):
        problems.append(_("The code must be 2–32 capital letters, digits, '-' or '_', starting with a letter."))
    if not (data.title or "").strip() or not (data.summary or "").strip():
        problems.append(_("Give the course a title and a summary."))
    if data.level not in LEVELS:
        problems.append(_("Choose a level."))
    if not data.audience or set(data.audience) - set(AUDIENCES):
        problems.append(_("Choose at least one audience."))
    if not data.formats or set(data.formats) - set(FORMATS):
        problems.append(_("Choose at least one delivery format."))
    if not [o for o in data.outcomes if o.strip()]:
        problems.append(_("Write at least one learning outcome."))
    if not data.duration_hours or data.duration_hours <= 0:
        problems.append(_("The duration must be more than zero hours."))
    topics = {t.code: t for t in db.session.scalars(select(Topic).where(Topic.code.in_(data.topic_codes or [])))}
    if not data.topic_codes or len(topics) != len(set(data.topic_codes)):
        problems.append(_("Choose at least one topic from the curriculum."))
    known = set(db.session.scalars(select(Course.code).where(Course.code.in_(data.prerequisites or []))))
    if code in data.prerequisites or set(data.prerequisites) - known:
        problems.append(_("Prerequisites must be other existing courses."))
    if problems:
        raise ValidationError(" ".join(problems))
    return [topics[c] for c in dict.fromkeys(data.topic_codes)]


def _apply(course: Course, data: CourseData, topics: list[Topic]) -> None:
    course.title, course.summary = data.title.strip(), data.summary.strip()
    course.description, course.level = (data.description or "").strip(), data.level
    course.audience, course.formats = list(data.audience), list(data.formats)
    course.outcomes = [o.strip() for o in data.outcomes if o.strip()]
    course.duration_hours, course.prerequisites = float(data.duration_hours), list(data.prerequisites)
    current = {link.topic_id: link for link in course.course_topics}
    course.course_topics = [current.get(t.id) or CourseTopic(topic=t, topic_id=t.id) for t in topics]
    for position, link in enumerate(course.course_topics):
        link.position = position
    refresh_search_text(course)


def create_course(actor, data: CourseData) -> Course:
    """A new course written in the app; the content sync never touches it."""
    require(actor, Cap.EDIT_CATALOGUE)
    data.code = (data.code or "").strip().upper()
    topics = _validate(data, data.code)
    if db.session.scalar(select(Course.id).where(Course.code == data.code)) is not None:
        raise Conflict(_("The code %(code)s is already used by another course.", code=data.code))
    course = Course(
        code=data.code,
        source="app",
        created_by_id=getattr(actor, "id", None),
        completion_rules={"lessons": "all", "quizzes": [], "essays_graded": False},
    )
    db.session.add(course)
    _apply(course, data, topics)
    db.session.flush()
    record(actor, "course.create", "course", course.id, summary=f"Created course {course.code}")
    return course


def update_course(actor, course: Course, data: CourseData) -> Course:
    """Edit an app course; its code stays (other courses and reports refer to it)."""
    ensure_editable(actor, course)
    data.code = course.code
    _apply(course, data, _validate(data, course.code))
    db.session.flush()
    record(actor, "course.update", "course", course.id, summary=f"Edited course {course.code}")
    return course


def set_course_archived(actor, course: Course, archived: bool) -> None:
    """Archive an app course (hidden from the catalogue, history kept) or bring it back."""
    ensure_editable(actor, course)
    course.archived_at = utcnow() if archived else None
    db.session.flush()
    record(actor, "course.archive" if archived else "course.restore", "course", course.id, summary=course.code)


def slugify(title: str) -> str:
    """A lesson's URL name from its title: lower-case ASCII words joined by hyphens, at most 80 characters."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")[:80].strip("-") or "lesson"


def _unique_slug(course: Course, title: str) -> str:
    base = slugify(title)
    taken = {lesson.slug for lesson in course.lessons}
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_lesson(title: str, minutes: int, body: str) -> None:
    if not (title or "").strip() or not (body or "").strip():
        raise ValidationError(_("A lesson needs a title and some text."))
    if minutes is None or not 0 <= minutes <= 600:
        raise ValidationError(_("The study time must be between 0 and 600 minutes."))


def _renumber(course: Course) -> list[Lesson]:
    lessons = course.active_lessons
    for position, lesson in enumerate(lessons, start=1):
        lesson.position = position
    return lessons


def add_lesson(actor, course: Course, title: str, minutes: int, body: str) -> Lesson:
    """Append a lesson to an app course."""
    ensure_editable(actor, course)
    _check_lesson(title, minutes, body)
    lesson = Lesson(
        slug=_unique_slug(course, title),
        title=title.strip(),
        minutes=minutes,
        body=body.strip(),
        position=len(_renumber(course)) + 1,
    )
    course.lessons.append(lesson)
    refresh_search_text(course)
    db.session.flush()
    record(actor, "lesson.create", "course", course.id, summary=f"Added lesson {lesson.slug} to {course.code}")
    return lesson


def update_lesson(actor, lesson: Lesson, title: str, minutes: int, body: str) -> Lesson:
    """Change a lesson's text; its slug (and so trainees' progress) stays."""
    ensure_editable(actor, lesson.course)
    _check_lesson(title, minutes, body)
    lesson.title, lesson.minutes, lesson.body = title.strip(), minutes, body.strip()
    refresh_search_text(lesson.course)
    db.session.flush()
    return lesson


def move_lesson(actor, lesson: Lesson, offset: int) -> None:
    """Move a lesson one place up (-1) or down (+1); at either end nothing moves."""
    ensure_editable(actor, lesson.course)
    if offset not in (-1, 1):
        raise ValidationError(_("A lesson moves one place up or down."))
    lessons = _renumber(lesson.course)
    index = lessons.index(lesson)
    other = index + offset
    if 0 <= other < len(lessons):
        lessons[index].position, lessons[other].position = lessons[other].position, lessons[index].position
        lesson.course.lessons.sort(key=lambda item: (item.archived_at is not None, item.position))
    db.session.flush()


def archive_lesson(actor, lesson: Lesson) -> None:
    """Remove a lesson from the course, keeping it (and trainees' progress on it) in the database."""
    ensure_editable(actor, lesson.course)
    lesson.archived_at = utcnow()
    _renumber(lesson.course)
    refresh_search_text(lesson.course)
    db.session.flush()
    record(actor, "lesson.archive", "course", lesson.course_id, summary=f"Removed lesson {lesson.slug}")
