"""Full-text search over courses through a denormalised, lower-cased, accent-folded `search_text`.

A plain substring match on one column works the same on SQLite and PostgreSQL; the text is rebuilt
by the content sync and by every edit in the app, so it always includes the lessons' text.
"""

import unicodedata

from sqlalchemy import and_

from .models import Course

MAX_TERMS = 8
MAX_TERM_LENGTH = 60


def fold(text: str) -> str:
    """Lower-case, without accents, whitespace collapsed: 'Kraków  Łódź' → 'krakow lodz'."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def course_search_text(course: Course) -> str:
    """Everything a trainee might search a course by, in one folded string."""
    parts: list[str] = [
        course.code,
        course.title,
        course.summary or "",
        course.description or "",
        *(course.outcomes or []),
    ]
    parts += [f"{topic.code} {topic.name}" for topic in course.topics]
    for lesson in course.active_lessons:
        parts += [lesson.title, lesson.body or ""]
        parts += [f"{t.title or ''} {t.body or ''}" for t in lesson.translations]
    for translation in course.translations:
        parts += [
            translation.title or "",
            translation.summary or "",
            translation.description or "",
            *(translation.outcomes or []),
        ]
    return fold(" ".join(parts))


def refresh_search_text(course: Course) -> None:
    course.search_text = course_search_text(course)


def search_terms(query: str) -> list[str]:
    """The words of a query, folded like the indexed text; at most a few, each of bounded length."""
    return [term[:MAX_TERM_LENGTH] for term in fold(query).split()[:MAX_TERMS]]


def matches_all(terms: list[str]):
    """A condition true for courses whose text contains every term."""
    return and_(*(Course.search_text.contains(term, autoescape=True) for term in terms))
