"""What several catalogue views share: turning lesson Markdown into safe HTML with working links."""

from functools import lru_cache

from flask import request, url_for
from markupsafe import Markup

from ..models import Course
from ..rendering import lesson_slug_of, render_markdown
from ..services import languages_of

MEDIA_FOLDER = "media/"
RENDERED_TEXTS = 256  # Markdown texts kept rendered per process (a course description or lesson is a few kB)


def chosen_language(course: Course) -> str | None:
    """The ?lang= the visitor asked for (the original's or a translation's), if the course can be read in it.
    Without one, pages show the reader's own language where translated (services.translations)."""
    language = request.args.get("lang")
    return language if language in languages_of(course) else None


def _resolver(code: str, slugs: frozenset[str], from_content: bool, language: str | None):
    """Map a course-relative path to a lesson page or to the course's access-checked media route."""

    def resolve(path: str, fragment: str) -> str | None:
        slug = lesson_slug_of(path)
        if slug in slugs:
            return url_for("catalogue.lesson", code=code, slug=slug, lang=language) + fragment
        if path.startswith(MEDIA_FOLDER) and from_content:
            return url_for("catalogue.course_file", code=code, filename=path)
        return None

    return resolve


def render_for(course: Course, text: str, language: str | None = None, *, in_lesson: bool = False) -> Markup:
    """The text's safe HTML, rendered once and then kept (Markdown and sanitising cost more than the rest of
    a lesson page): the HTML depends only on the text and on the cache key's other parts, the course's code,
    lesson slugs and source, the language, and where the app is mounted."""
    slugs = frozenset(lesson.slug for lesson in course.active_lessons)
    return _rendered(text or "", course.code, slugs, course.is_from_content, language, in_lesson, request.script_root)


@lru_cache(maxsize=RENDERED_TEXTS)
def _rendered(
    text: str,
    code: str,
    slugs: frozenset[str],
    from_content: bool,
    language: str | None,
    in_lesson: bool,
    _script_root: str,
) -> Markup:
    return render_markdown(text, _resolver(code, slugs, from_content, language), in_lesson=in_lesson)
