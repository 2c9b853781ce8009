"""Finding courses: browsing with filters and search, one course by code, its lessons in order."""

from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Text, cast, exists, or_, select
from sqlalchemy.orm import joinedload

from ...accounts.organisations import Partner
from ...infra.caching.results import cached_result, table_names
from ...infra.errors import NotFound
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ..models import AUDIENCES, FORMATS, LEVELS, Course, CourseTopic, CurriculumArea, Lesson, Topic
from ..search import matches_all, search_terms
from .access import may_see_course


@dataclass(frozen=True)
class CatalogueFilter:
    """What a visitor asked for; unknown values are dropped rather than trusted."""

    query: str = ""
    area: str = ""
    topic: str = ""
    level: str = ""
    audience: str = ""
    format: str = ""
    partner: str = ""
    include_archived: bool = False

    @classmethod
    def from_args(
        cls, args, options: "FilterOptions | None" = None, *, may_include_archived: bool = False
    ) -> "CatalogueFilter":
        """The filters in `args`, checked against `options` (the form's choices: read if not given)."""
        options = options or filter_options()

        def pick(name: str, allowed) -> str:
            value = (args.get(name) or "").strip()
            return value if value in allowed else ""

        def codes(choices) -> set[str]:
            return {choice.code for choice in choices}

        return cls(
            query=(args.get("q") or "").strip()[:200],
            area=pick("area", codes(options.areas)),
            topic=pick("topic", codes(options.topics)),
            level=pick("level", LEVELS),
            audience=pick("audience", AUDIENCES),
            format=pick("format", FORMATS),
            partner=pick("partner", codes(options.all_partners)),
            include_archived=may_include_archived and args.get("archived") == "1",
        )

    @property
    def active(self) -> bool:
        return any((self.query, self.area, self.topic, self.level, self.audience, self.format, self.partner))


def _json_list_contains(column, value: str):
    """A JSON list column holds `value` (codes from a closed vocabulary, so a text match is exact)."""
    return cast(column, Text).contains(f'"{value}"', autoescape=True)


def catalogue_query(filters: CatalogueFilter):
    """Courses matching the filters, ordered by code, with their topics joined in (a select, for pagination;
    read directly, its result needs `.unique()`)."""
    query = select(Course).options(joinedload(Course.course_topics))
    if not filters.include_archived:
        query = query.where(Course.archived_at.is_(None))
    terms = search_terms(filters.query)
    if terms:
        query = query.where(matches_all(terms))
    if filters.level:
        query = query.where(Course.level == filters.level)
    if filters.audience:
        query = query.where(_json_list_contains(Course.audience, filters.audience))
    if filters.format:
        query = query.where(_json_list_contains(Course.formats, filters.format))
    if filters.topic:
        query = query.where(
            exists().where(
                CourseTopic.course_id == Course.id, CourseTopic.topic_id == Topic.id, Topic.code == filters.topic
            )
        )
    if filters.area:
        query = query.where(
            exists().where(
                CourseTopic.course_id == Course.id,
                CourseTopic.topic_id == Topic.id,
                Topic.area_id == CurriculumArea.id,
                CurriculumArea.code == filters.area,
            )
        )
    if filters.partner and _OFFERINGS:
        offered = [offering(filters.partner) for offering in _OFFERINGS.values()]
        query = query.where(or_(*(Course.id.in_(course_ids) for course_ids in offered)))
    return query.order_by(Course.code)


# Areas that deliver courses (scheduling's runs) say which courses a partner offers:
# `offering(partner_code)` returns a select of course ids.
_OFFERINGS: dict = {}


def register_offering(name: str, offering) -> None:
    """Let an area that delivers courses (scheduling's runs) say which courses a partner offers, for the filter."""
    _OFFERINGS[name] = offering


class Choice(NamedTuple):
    """An option of a filter: the code the form sends and the name it shows."""

    code: str
    name: str


@dataclass(frozen=True)
class FilterOptions:
    """Choices for the catalogue's filter form."""

    areas: list[Choice]
    topics: list[Choice]
    all_partners: list[Choice]  # by short name
    levels: tuple[str, ...] = LEVELS
    audiences: tuple[str, ...] = AUDIENCES
    formats: tuple[str, ...] = FORMATS

    @property
    def partners(self) -> list[Choice]:
        """Offered only when an area says which partner offers which course."""
        return self.all_partners if _OFFERINGS else []


def filter_options() -> FilterOptions:
    """The form's choices, kept (caching) until the taxonomy or the partners change: every catalogue page
    shows them, and they change only with the curriculum."""
    return FilterOptions(
        *cached_result("catalogue.filter_options", table_names((CurriculumArea, Topic, Partner)), (), _choice_lists)
    )


def _choice_lists() -> tuple[list[Choice], list[Choice], list[Choice]]:
    def choices(query) -> list[Choice]:
        return [Choice(code, name) for code, name in db.session.execute(query)]

    return (
        choices(select(CurriculumArea.code, CurriculumArea.name).order_by(CurriculumArea.position)),
        choices(select(Topic.code, Topic.name).order_by(Topic.position)),
        choices(select(Partner.code, Partner.short_name).order_by(Partner.code)),
    )


def get_course(user, code: str) -> Course:
    """The course with this code, if the user may see it (else NotFound, as if it did not exist).

    Its topics and translations, which its pages show, come in the same query: a course has few of each.
    """
    course = (
        db.session.scalars(
            select(Course)
            .options(joinedload(Course.course_topics), joinedload(Course.translations))
            .where(Course.code == code)
        )
        .unique()
        .one_or_none()
    )
    if course is None or not may_see_course(user, course):
        raise NotFound(_("No such course."))
    return course


def get_lesson(course: Course, slug: str) -> Lesson:
    """An active lesson of the course by slug."""
    lesson = next((lesson for lesson in course.active_lessons if lesson.slug == slug), None)
    if lesson is None:
        raise NotFound(_("No such lesson in this course."))
    return lesson


def neighbours(course: Course, lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    """The lessons before and after this one."""
    lessons = course.active_lessons
    index = lessons.index(lesson)
    return (lessons[index - 1] if index > 0 else None, lessons[index + 1] if index + 1 < len(lessons) else None)


def courses_by_codes(codes: list[str]) -> list[Course]:
    """Courses for a list of codes (prerequisites), in the list's order; unknown codes are skipped."""
    found = {c.code: c for c in db.session.scalars(select(Course).where(Course.code.in_(codes)))} if codes else {}
    return [found[code] for code in codes if code in found]


def course_texts(course: Course, language: str | None) -> dict:
    """Title, summary, description and outcomes in `language`, each falling back to the original."""
    texts = {
        "title": course.title,
        "summary": course.summary,
        "description": course.description,
        "outcomes": course.outcomes,
        "language": course.language,
    }
    translation = next((t for t in course.translations if t.language == language), None)
    if translation is not None:
        texts["language"] = language
        for name in ("title", "summary", "description", "outcomes"):
            texts[name] = getattr(translation, name) or texts[name]
    return texts


def lesson_texts(lesson: Lesson, language: str | None) -> tuple[str, str]:
    """A lesson's title and Markdown body in `language`, each falling back to the original."""
    translation = next((t for t in lesson.translations if t.language == language), None)
    if translation is None:
        return lesson.title, lesson.body
    return translation.title or lesson.title, translation.body or lesson.body


def languages_of(course: Course) -> list[str]:
    """The languages the course can be read in: its original first, then its translations."""
    return [course.language] + [t.language for t in course.translations]


def all_course_codes(exclude: str | None = None) -> list[tuple[str, str]]:
    """(code, title) of every live course, for choosing prerequisites."""
    query = select(Course.code, Course.title).where(Course.archived_at.is_(None)).order_by(Course.code)
    return [(code, title) for code, title in db.session.execute(query) if code != exclude]
