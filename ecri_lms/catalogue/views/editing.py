"""Writing courses and lessons in the app (trainers and coordinators)."""

from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from ...accounts.permissions import Cap, require
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.web import commit_or_flash
from ..forms import CourseForm, LessonForm
from ..models import Topic
from ..services import (
    CourseData,
    add_lesson,
    all_course_codes,
    archive_lesson,
    create_course,
    ensure_editable,
    get_course,
    get_lesson,
    move_lesson,
    set_course_archived,
    update_course,
    update_lesson,
)
from .blueprint import bp
from .helpers import render_for


def _course_form(course=None) -> CourseForm:
    form = CourseForm(obj=course)
    topics = [(t.code, f"{t.code} – {t.name}") for t in db.session.scalars(select(Topic).order_by(Topic.position))]
    form.main_topic.choices, form.topics.choices = topics, topics
    form.prerequisites.choices = [
        (code, f"{code} – {title}") for code, title in all_course_codes(exclude=course.code if course else None)
    ]
    if course is not None and request.method == "GET":
        codes = [t.code for t in course.topics]
        form.main_topic.data, form.topics.data = (codes[0] if codes else None), codes[1:]
        form.outcomes.data = "\n".join(course.outcomes or [])
    return form


def _course_data(form: CourseForm) -> CourseData:
    main = form.main_topic.data
    return CourseData(
        code=form.code.data or "",
        title=form.title.data,
        summary=form.summary.data,
        description=form.description.data or "",
        level=form.level.data,
        audience=form.audience.data,
        formats=form.formats.data,
        topic_codes=[main] + [c for c in form.topics.data or [] if c != main],
        outcomes=(form.outcomes.data or "").splitlines(),
        duration_hours=float(form.duration_hours.data or 0),
        prerequisites=form.prerequisites.data or [],
    )


@bp.route("/courses/new", methods=["GET", "POST"])
@login_required
def new_course():
    require(current_user, Cap.EDIT_CATALOGUE)
    form = _course_form()
    if form.validate_on_submit():
        outcome = commit_or_flash(
            lambda: create_course(current_user, _course_data(form)), _("Course created. Now add its lessons.")
        )
        if outcome.ok:
            return redirect(url_for("catalogue.course", code=outcome.value.code))
    return render_template("catalogue/course_form.html", form=form, course=None)


@bp.route("/courses/<code>/edit", methods=["GET", "POST"])
@login_required
def edit_course(code: str):
    course = get_course(current_user, code)
    ensure_editable(current_user, course)
    form = _course_form(course)
    form.code.data = course.code
    saved = (
        form.validate_on_submit()
        and commit_or_flash(lambda: update_course(current_user, course, _course_data(form)), _("Course saved.")).ok
    )
    if saved:
        return redirect(url_for("catalogue.course", code=course.code))
    return render_template("catalogue/course_form.html", form=form, course=course)


@bp.post("/courses/<code>/archive")
@login_required
def archive_course(code: str):
    course = get_course(current_user, code)
    archived = request.form.get("archived", "1") == "1"
    commit_or_flash(
        lambda: set_course_archived(current_user, course, archived),
        _("Course archived.") if archived else _("Course back in the catalogue."),
    )
    return redirect(url_for("catalogue.course", code=course.code))


def _lesson_page(course, form: LessonForm, lesson=None):
    preview = render_for(course, form.body.data or "", in_lesson=True) if form.preview.data else None
    return render_template("catalogue/lesson_form.html", course=course, lesson=lesson, form=form, preview=preview)


@bp.route("/courses/<code>/lessons/new", methods=["GET", "POST"])
@login_required
def new_lesson(code: str):
    course = get_course(current_user, code)
    ensure_editable(current_user, course)
    form = LessonForm()
    if form.validate_on_submit() and not form.preview.data:
        outcome = commit_or_flash(
            lambda: add_lesson(current_user, course, form.title.data, form.minutes.data, form.body.data),
            _("Lesson added."),
        )
        if outcome.ok:
            return redirect(url_for("catalogue.course", code=course.code, _anchor="lessons"))
    return _lesson_page(course, form)


@bp.route("/courses/<code>/lessons/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_lesson(code: str, slug: str):
    course = get_course(current_user, code)
    ensure_editable(current_user, course)
    lesson = get_lesson(course, slug)
    form = LessonForm(obj=lesson)
    saved = (
        form.validate_on_submit()
        and not form.preview.data
        and commit_or_flash(
            lambda: update_lesson(current_user, lesson, form.title.data, form.minutes.data, form.body.data),
            _("Lesson saved."),
        ).ok
    )
    if saved:
        return redirect(url_for("catalogue.lesson", code=course.code, slug=lesson.slug))
    return _lesson_page(course, form, lesson)


@bp.post("/courses/<code>/lessons/<slug>/move")
@login_required
def move(code: str, slug: str):
    course = get_course(current_user, code)
    lesson = get_lesson(course, slug)
    commit_or_flash(lambda: move_lesson(current_user, lesson, -1 if request.form.get("direction") == "up" else 1))
    return redirect(url_for("catalogue.course", code=course.code, _anchor="lessons"))


@bp.post("/courses/<code>/lessons/<slug>/remove")
@login_required
def remove_lesson(code: str, slug: str):
    course = get_course(current_user, code)
    lesson = get_lesson(course, slug)
    commit_or_flash(lambda: archive_lesson(current_user, lesson), _("Lesson removed from the course."))
    return redirect(url_for("catalogue.course", code=course.code, _anchor="lessons"))
