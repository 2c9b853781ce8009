"""Which language a reader gets a course's texts in: their own where the course's files translate it,
otherwise the original, with a note saying so. Pages ask here; they never pick a translation themselves."""

from collections.abc import Iterable
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from sqlalchemy import select

from ...infra.extensions import db
from ...infra.i18n import LANGUAGES, current_language
from ...infra.i18n import gettext as _
from ..models import Course, CourseTranslation, Lesson, LessonTranslation

KINDS = ("course", "lesson", "quiz", "card")


def language_name(code: str) -> str:
    """A language named in itself ("Ελληνικά", "English"): how its readers recognise it."""
    if code in LANGUAGES:
        return LANGUAGES[code]
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_")) or code
    except (ValueError, UnknownLocaleError):
        return code


@dataclass(frozen=True)
class Reading:
    """A text (`kind`: a course, a lesson, a quiz, a catalogue card) for a reader who wants `wanted`."""

    kind: str
    wanted: str  # the reader's language
    original: str  # the language the text was written in
    shown: str  # `wanted` where a translation exists, else `original`

    @property
    def translated(self) -> bool:
        return self.shown != self.original

    @property
    def note(self) -> str | None:
        """What the reader is told when they get the original because their language has no translation yet."""
        if self.shown == self.wanted:
            return None
        names = {"language": language_name(self.wanted), "original": language_name(self.original)}
        if self.kind == "lesson":
            return _(
                "This lesson is not yet available in %(language)s; you are reading the original in %(original)s.",
                **names,
            )
        if self.kind == "quiz":
            return _(
                "This quiz is not yet available in %(language)s; you are reading the original in %(original)s.",
                **names,
            )
        if self.kind == "card":
            return _("Not yet available in %(language)s: shown in %(original)s.", **names)
        return _(
            "This course is not yet available in %(language)s; you are reading the original in %(original)s.",
            **names,
        )


def reading(kind: str, original: str, available: Iterable[str], wanted: str | None = None) -> Reading:
    """The language a text written in `original` and translated into `available` is shown in for a reader of
    `wanted` (by default, the language of this request)."""
    wanted = wanted or current_language()
    return Reading(kind, wanted, original, wanted if wanted == original or wanted in set(available) else original)


def course_reading(course: Course, wanted: str | None = None, kind: str = "course") -> Reading:
    """The course page in the reader's language when its index.md is translated (it reads `course.translations`)."""
    return reading(kind, course.language, (t.language for t in course.translations), wanted)


def lesson_reading(course: Course, lesson: Lesson, wanted: str | None = None) -> Reading:
    """A lesson in the reader's language when its text is translated."""
    return reading("lesson", course.language, (t.language for t in lesson.translations if t.body), wanted)


def card_texts(courses: list[Course], wanted: str | None = None) -> dict[int, tuple[dict, Reading]]:
    """Each catalogue card's title and summary in the reader's language, with its reading (one query)."""
    wanted = wanted or current_language()
    ids = [course.id for course in courses if course.language != wanted]
    query = select(CourseTranslation).where(CourseTranslation.course_id.in_(ids), CourseTranslation.language == wanted)
    found = {row.course_id: row for row in db.session.scalars(query)} if ids else {}
    cards = {}
    for course in courses:
        translation = found.get(course.id)
        card = reading("card", course.language, [wanted] if translation else [], wanted)
        texts = {"title": course.title, "summary": course.summary}
        if translation is not None:
            texts = {name: getattr(translation, name) or texts[name] for name in texts}
        cards[course.id] = (texts, card)
    return cards


def lesson_titles(course: Course, wanted: str | None = None) -> dict[int, str]:
    """The titles of the course's lessons in the reader's language, each falling back to its original (one query)."""
    wanted = wanted or current_language()
    titles = {lesson.id: lesson.title for lesson in course.lessons}
    if wanted == course.language or not titles:
        return titles
    rows = db.session.execute(
        select(LessonTranslation.lesson_id, LessonTranslation.title).where(
            LessonTranslation.lesson_id.in_(list(titles)), LessonTranslation.language == wanted
        )
    )
    titles.update({lesson_id: title for lesson_id, title in rows if title})
    return titles
