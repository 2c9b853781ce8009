"""Writing validated content into the database: topics, courses, lessons and translations."""

from sqlalchemy import select

from ...infra.extensions import db
from ...infra.timeutil import utcnow
from ..models import Course, CourseTopic, CourseTranslation, CurriculumArea, Lesson, LessonTranslation, Topic
from ..search import refresh_search_text
from .sources import CourseSource, CourseTranslationSource, LessonSource
from .taxonomy import Taxonomy


def _upsert(model, code: str, values: dict, existing: dict, changes: dict) -> object:
    row = existing.get(code)
    if row is None:
        row = model(code=code, **values)
        db.session.add(row)
        existing[code] = row
        changes["created"].append(code)
    elif any(getattr(row, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(row, key, value)
        changes["updated"].append(code)
    return row


def apply_taxonomy(taxonomy: Taxonomy) -> tuple[dict[str, Topic], dict]:
    """Areas and topics created or updated by code (never deleted: other areas refer to them)."""
    changes: dict = {"created": [], "updated": []}
    areas = {a.code: a for a in db.session.scalars(select(CurriculumArea))}
    for spec in taxonomy.areas:
        _upsert(CurriculumArea, spec.code, {"name": spec.name, "position": spec.position}, areas, changes)
    db.session.flush()
    topics = {t.code: t for t in db.session.scalars(select(Topic))}
    for spec in taxonomy.topics:
        values = {"name": spec.name, "track": spec.track, "area_id": areas[spec.area].id, "position": spec.position}
        _upsert(Topic, spec.code, values, topics, changes)
    db.session.flush()
    return topics, changes


def apply_course(source: CourseSource, course: Course | None, topics: dict[str, Topic]) -> tuple[Course, str]:
    """Create or update one content course; returns it and 'created', 'updated' or 'unchanged'."""
    if course is not None and course.source_hash == source.fingerprint and course.archived_at is None:
        return course, "unchanged"
    status = "updated"
    if course is None:
        course = Course(code=source.code, source="content")
        db.session.add(course)
        status = "created"
    _copy_course_fields(course, source)
    _set_topics(course, [topics[code] for code in source.topics])
    _set_lessons(course, source.lessons)
    _set_translations(course, source.translations)
    refresh_search_text(course)
    db.session.flush()
    return course, status


def _copy_course_fields(course: Course, source: CourseSource) -> None:
    for name in (
        "title",
        "summary",
        "description",
        "level",
        "audience",
        "formats",
        "outcomes",
        "prerequisites",
        "duration_hours",
        "language",
    ):
        setattr(course, name, getattr(source, name))
    course.completion_rules = source.completion
    course.trainer_notes = source.trainer_notes
    course.source_hash = source.fingerprint
    course.archived_at = None


def _set_topics(course: Course, topics: list[Topic]) -> None:
    current = {link.topic_id: link for link in course.course_topics}
    wanted = {topic.id for topic in topics}
    for link in [link for link in course.course_topics if link.topic_id not in wanted]:
        course.course_topics.remove(link)
    for position, topic in enumerate(topics):
        link = current.get(topic.id)
        if link is None:
            course.course_topics.append(CourseTopic(topic=topic, topic_id=topic.id, position=position))
        else:
            link.position = position
    course.course_topics.sort(key=lambda link: link.position)


def _set_lessons(course: Course, sources: list[LessonSource]) -> None:
    """Lessons matched by slug, so trainees' progress stays; a lesson gone from disk is archived."""
    by_slug = {lesson.slug: lesson for lesson in course.lessons}
    for position, source in enumerate(sources, start=1):
        lesson = by_slug.pop(source.slug, None)
        if lesson is None:
            lesson = Lesson(slug=source.slug)
            course.lessons.append(lesson)
        lesson.position, lesson.title, lesson.minutes, lesson.body = position, source.title, source.minutes, source.body
        lesson.last_checked = source.provenance.last_checked
        lesson.sources = [ref.as_json() for ref in source.provenance.sources]
        lesson.archived_at = None
    for lesson in by_slug.values():
        if lesson.archived_at is None:
            lesson.archived_at = utcnow()
    course.lessons.sort(key=lambda lesson: (lesson.archived_at is not None, lesson.position))


def _set_translations(course: Course, sources: list[CourseTranslationSource]) -> None:
    wanted = {source.language: source for source in sources}
    for translation in [t for t in course.translations if t.language not in wanted]:
        course.translations.remove(translation)
    existing = {t.language: t for t in course.translations}
    for language, source in wanted.items():
        translation = existing.get(language)
        if translation is None:
            translation = CourseTranslation(language=language)
            course.translations.append(translation)
        translation.title, translation.summary = source.title, source.summary
        translation.description, translation.outcomes = source.description, source.outcomes
    for lesson in course.lessons:
        _set_lesson_translations(
            lesson,
            {
                language: next((t for t in source.lessons if t.slug == lesson.slug), None)
                for language, source in wanted.items()
            },
        )


def _set_lesson_translations(lesson: Lesson, by_language: dict) -> None:
    wanted = {language: source for language, source in by_language.items() if source is not None}
    for translation in [t for t in lesson.translations if t.language not in wanted]:
        lesson.translations.remove(translation)
    existing = {t.language: t for t in lesson.translations}
    for language, source in wanted.items():
        translation = existing.get(language)
        if translation is None:
            translation = LessonTranslation(language=language)
            lesson.translations.append(translation)
        translation.title, translation.body = source.title, source.body


def archive_missing(courses: dict[str, Course], codes_on_disk: set[str]) -> list[str]:
    """Content courses no longer on disk are archived, never deleted, so their history stays."""
    archived = []
    for code, course in sorted(courses.items()):
        if code not in codes_on_disk and course.archived_at is None:
            course.archived_at = utcnow()
            archived.append(code)
    return archived
