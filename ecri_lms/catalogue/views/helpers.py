"""What several catalogue views share: turning lesson Markdown into safe HTML with working links."""

from flask import request, url_for
from markupsafe import Markup

from ..models import Course
from ..rendering import lesson_slug_of, render_markdown
from ..services import languages_of

MEDIA_FOLDER = "media/"


def chosen_language(course: Course) -> str | None:
    """The ?lang= the visitor asked for, if the course has that translation."""
    language = request.args.get("lang")
    return language if language in languages_of(course)[1:] else None


def resolver_for(course: Course, language: str | None):
    """Map a course-relative path to a lesson page or to the course's access-checked media route."""
    slugs = {lesson.slug for lesson in course.active_lessons}

    def resolve(path: str, fragment: str) -> str | None:
        slug = lesson_slug_of(path)
        if slug in slugs:
            return url_for("catalogue.lesson", code=course.code, slug=slug, lang=language) + fragment
        if path.startswith(MEDIA_FOLDER) and course.is_from_content:
            return url_for("catalogue.course_file", code=course.code, filename=path)
        return None

    return resolve


def render_for(course: Course, text: str, language: str | None = None, *, in_lesson: bool = False) -> Markup:
    return render_markdown(text, resolver_for(course, language), in_lesson=in_lesson)
