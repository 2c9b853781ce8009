"""Browsing and searching the catalogue, and the course page."""

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import select

from ...accounts.permissions import Cap, can
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.pagination import paginate
from ..forms import MaterialForm
from ..models import AUDIENCE_LABELS, FORMAT_LABELS, LEVEL_LABELS, Enrolment
from ..panels import course_panels_for
from ..search import search_hits
from ..services import (
    CatalogueFilter,
    card_texts,
    catalogue_query,
    course_reading,
    course_texts,
    courses_by_codes,
    enrolment_of,
    filter_options,
    get_course,
    is_course_staff,
    languages_of,
    lesson_titles,
    materials_of,
    may_read_lessons,
    may_study,
    progress_by_lesson,
    summary_of,
)
from .blueprint import bp
from .helpers import chosen_language, render_for

PER_PAGE = 12
LABELS = {"levels": LEVEL_LABELS, "audiences": AUDIENCE_LABELS, "formats": FORMAT_LABELS}


def _enrolled_course_ids() -> set[int]:
    if not current_user.is_authenticated:
        return set()
    return set(db.session.scalars(select(Enrolment.course_id).where(Enrolment.user_id == current_user.id)))


@bp.get("/courses")
def index():
    options = filter_options()
    filters = CatalogueFilter.from_args(request.args, options, may_include_archived=is_course_staff(current_user))
    page = paginate(catalogue_query(filters), per_page=PER_PAGE)
    return render_template(
        "catalogue/index.html",
        page=page,
        cards=card_texts(page.items),
        # The page's courses passed the catalogue's rule of who sees what: their lessons may be shown.
        hits=search_hits(page.items, filters.query) if filters.query else None,
        filters=filters,
        options=options,
        labels=LABELS,
        enrolled=_enrolled_course_ids(),
        may_create=can(current_user, Cap.EDIT_CATALOGUE),
    )


def material_form_for(course) -> MaterialForm:
    form = MaterialForm()
    form.attach_to.choices = [("course", _("The whole course"))] + [
        (f"lesson:{lesson.id}", _("Lesson %(number)d: %(title)s", number=lesson.position, title=lesson.title))
        for lesson in course.active_lessons
    ]
    return form


@bp.get("/courses/<code>")
def course(code: str):
    course = get_course(current_user, code)
    language = chosen_language(course)
    reading = course_reading(course, language)
    texts = course_texts(course, reading.shown)
    studying = may_study(current_user, course)
    staff = is_course_staff(current_user)
    progress = progress_by_lesson(current_user, course) if studying else {}
    prerequisites = courses_by_codes(course.prerequisites)
    return render_template(
        "catalogue/course.html",
        course=course,
        texts=texts,
        language=language,
        reading=reading,
        titles=lesson_titles(course, reading.wanted),
        languages=languages_of(course),
        description=render_for(course, texts["description"], language),
        labels=LABELS,
        enrolment=enrolment_of(current_user, course),
        studying=studying,
        staff=staff,
        may_read=may_read_lessons(current_user, course),
        progress=progress,
        summary=summary_of(course, progress) if studying else None,
        prerequisites=prerequisites,
        prerequisite_texts=card_texts(prerequisites, reading.wanted),
        materials=materials_of(current_user, "course", course),
        may_edit=can(current_user, Cap.EDIT_CATALOGUE) and course.source == "app",
        may_upload=can(current_user, Cap.TEACH) and course.archived_at is None,
        material_form=material_form_for(course),
        may_enrol=can(current_user, Cap.LEARN) and course.archived_at is None,
        panels=course_panels_for(current_user, course),
    )
