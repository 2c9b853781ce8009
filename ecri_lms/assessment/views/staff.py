"""Staff pages: a course's question bank (import, export), its quizzes (settings, slots), statistics."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...accounts.permissions import Cap, require
from ...infra.errors import DomainError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.i18n import ngettext
from ...infra.input_guards import int_arg
from ...infra.pagination import paginate
from ...infra.timeutil import from_wall_clock, to_zone
from ...infra.web import commit_or_flash, flash_form_errors
from .. import services
from ..forms import FixedSlotForm, GiftImportForm, NewQuizForm, QuizForm, QuizOptionsForm, RandomSlotForm
from .blueprint import bp

ERROR_LINES_SHOWN = 50
NAMES_SHOWN = 20


def _bank_course(course_id: int):
    require(current_user, Cap.EDIT_CATALOGUE)
    return services.get_course(course_id)


@bp.get("/courses/<int:course_id>/question-bank")
@login_required
def bank(course_id: int):
    course = _bank_course(course_id)
    return _render_bank(course, GiftImportForm(prefix="import"), NewQuizForm(formdata=None, prefix="quiz"))


def _render_bank(course, import_form, quiz_form, status: int = 200):
    category_id = int_arg("category")
    page = paginate(services.bank_questions_query(course, category_id), per_page=30)
    return render_template(
        "assessment/bank.html",
        course=course,
        page=page,
        archive_refusals=services.archive_refusals(page.items),
        category_id=category_id,
        categories=services.categories_of(course),
        quizzes=services.quizzes_of(course, True),
        import_form=import_form,
        quiz_form=quiz_form,
    ), status


@bp.post("/courses/<int:course_id>/question-bank/import")
@login_required
def import_questions(course_id: int):
    course = _bank_course(course_id)
    form = GiftImportForm(prefix="import")
    if not form.validate_on_submit():
        return _render_bank(course, form, NewQuizForm(formdata=None, prefix="quiz"), 400)
    upload = form.gift_file.data
    try:
        text = services.decode_gift(upload.read())
        report = services.import_gift(current_user, course, text, source_file=upload.filename or None)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(url_for(".bank", course_id=course.id))
    db.session.commit()
    flash(
        _("Import of %(file)s: %(summary)s.", file=upload.filename, summary=report.summary()),
        "warning" if report.errors else "success",
    )
    if report.created:
        names = ", ".join(question.name for question in report.created[:NAMES_SHOWN])
        more = len(report.created) - NAMES_SHOWN
        if more > 0:
            flash(
                ngettext(
                    "Created: %(names)s and %(num)d more.", "Created: %(names)s and %(num)d more.", more, names=names
                ),
                "info",
            )
        else:
            flash(_("Created: %(names)s.", names=names), "info")
    for error in report.errors[:ERROR_LINES_SHOWN]:
        flash(_("Line %(line)s: %(message)s", line=error.line, message=error.message), "danger")
    if len(report.errors) > ERROR_LINES_SHOWN:
        more = len(report.errors) - ERROR_LINES_SHOWN
        flash(ngettext("… and %(num)d more problem.", "… and %(num)d more problems.", more), "danger")
    return redirect(url_for(".bank", course_id=course.id))


@bp.get("/courses/<int:course_id>/question-bank/export.gift")
@login_required
def export_questions(course_id: int):
    course = _bank_course(course_id)
    exported = services.export_gift(current_user, course)
    return Response(
        exported.text,
        mimetype="text/plain; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{course.code}-questions.gift"'},
    )


@bp.post("/courses/<int:course_id>/question-bank/questions/<int:question_id>/archive")
@login_required
def archive_question(course_id: int, question_id: int):
    course = _bank_course(course_id)
    question = services.get_question(course, question_id)
    archive = not question.is_archived
    commit_or_flash(
        lambda: services.set_archived(current_user, question, archive),
        _("Question archived.") if archive else _("Question restored."),
    )
    return redirect(url_for(".bank", course_id=course.id, category=question.category_id))


@bp.post("/courses/<int:course_id>/quizzes")
@login_required
def new_quiz(course_id: int):
    course = _bank_course(course_id)
    form = NewQuizForm(prefix="quiz")
    if form.validate_on_submit():
        settings = _settings(form, QuizForm)
        outcome = commit_or_flash(
            lambda: services.create_quiz(current_user, course, slug=form.slug.data, **settings),
            _("Quiz created: now add its questions."),
        )
        if outcome.ok:
            return redirect(url_for(".edit_quiz", quiz_id=outcome.value.id))
    return _render_bank(course, GiftImportForm(formdata=None, prefix="import"), form, 400)


def _settings(form, form_class) -> dict:
    """The settings a form class edits, times typed in the editor's zone turned into UTC."""
    names = [name for name in services.SETTINGS if hasattr(form_class, name)]
    settings = {name: getattr(form, name).data for name in names}
    for name in ("opens_at", "closes_at"):
        if settings.get(name) is not None:
            settings[name] = from_wall_clock(settings[name], current_user.display_timezone)
    settings["intro"] = (settings.get("intro") or "").strip()
    return settings


def _settings_form(quiz):
    """The settings form of a quiz: all settings, or only those a content quiz leaves to the app."""
    form = (QuizOptionsForm if quiz.source == "content" else QuizForm)(obj=quiz)
    if not form.is_submitted():
        for name in ("opens_at", "closes_at"):
            moment = getattr(quiz, name)
            form[name].data = to_zone(moment, current_user.display_timezone).replace(tzinfo=None) if moment else None
    return form


@bp.route("/quizzes/<int:quiz_id>/edit", methods=["GET", "POST"])
@login_required
def edit_quiz(quiz_id: int):
    require(current_user, Cap.EDIT_CATALOGUE)
    quiz = services.get_quiz(quiz_id, include_archived=True)
    form = _settings_form(quiz)
    if form.validate_on_submit():
        settings = _settings(form, type(form))
        if commit_or_flash(lambda: services.update_quiz(current_user, quiz, **settings), _("Settings saved.")).ok:
            return redirect(url_for(".edit_quiz", quiz_id=quiz.id))
    status = 400 if request.method == "POST" else 200
    return _render_quiz_form(quiz, form), status


def _render_quiz_form(quiz, form):
    """The settings form with the slots and the two forms that add slots (prefixed: one page, unique ids)."""
    fixed_form = FixedSlotForm(formdata=None, prefix="fixed")
    random_form = RandomSlotForm(formdata=None, prefix="random")
    in_quiz = {slot.question_id for slot in quiz.slots}
    fixed_form.question.choices = [
        (q.id, f"{q.category.label} · {q.name}") for q in services.active_questions(quiz.course) if q.id not in in_quiz
    ]
    random_form.category.choices = [
        (item.category.id, _("%(category)s (%(count)d active)", category=item.category.label, count=item.active))
        for item in services.categories_of(quiz.course)
        if item.active
    ]
    return render_template(
        "assessment/quiz_form.html",
        quiz=quiz,
        form=form,
        fixed_form=fixed_form,
        random_form=random_form,
        question_count=services.question_count(quiz),
    )


@bp.post("/quizzes/<int:quiz_id>/slots/fixed")
@login_required
def add_fixed_slot(quiz_id: int):
    require(current_user, Cap.EDIT_CATALOGUE)
    quiz = services.get_quiz(quiz_id, include_archived=True)
    form = FixedSlotForm(prefix="fixed")
    form.question.choices = [(q.id, q.name) for q in services.active_questions(quiz.course)]
    if form.validate_on_submit():
        question = services.get_question(quiz.course, form.question.data)
        commit_or_flash(
            lambda: services.add_fixed_slot(current_user, quiz, question, form.max_mark.data), _("Question added.")
        )
    else:
        flash_form_errors(form)
    return redirect(url_for(".edit_quiz", quiz_id=quiz.id))


@bp.post("/quizzes/<int:quiz_id>/slots/random")
@login_required
def add_random_slot(quiz_id: int):
    require(current_user, Cap.EDIT_CATALOGUE)
    quiz = services.get_quiz(quiz_id, include_archived=True)
    form = RandomSlotForm(prefix="random")
    form.category.choices = [(item.category.id, item.category.label) for item in services.categories_of(quiz.course)]
    if form.validate_on_submit():
        category = services.get_category(quiz.course, form.category.data)
        commit_or_flash(
            lambda: services.add_random_slot(current_user, quiz, category, form.count.data, form.max_mark.data),
            _("Random questions added."),
        )
    else:
        flash_form_errors(form)
    return redirect(url_for(".edit_quiz", quiz_id=quiz.id))


@bp.post("/quizzes/<int:quiz_id>/slots/<int:slot_id>/delete")
@login_required
def remove_slot(quiz_id: int, slot_id: int):
    require(current_user, Cap.EDIT_CATALOGUE)
    quiz = services.get_quiz(quiz_id, include_archived=True)
    commit_or_flash(lambda: services.remove_slot(current_user, quiz, slot_id), _("Question taken out of the quiz."))
    return redirect(url_for(".edit_quiz", quiz_id=quiz.id))


@bp.get("/quizzes/<int:quiz_id>/statistics")
@login_required
def statistics(quiz_id: int):
    require(current_user, Cap.TEACH)
    quiz = services.get_quiz(quiz_id, include_archived=True)
    return render_template("assessment/statistics.html", quiz=quiz, stats=services.quiz_statistics(current_user, quiz))
