"""Surveys: defining them, handing out respondent links, importing answers, and answering (no account)."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...accounts.permissions import Cap, has_capability
from ...infra.errors import DomainError
from ...infra.exports import csv_response
from ...infra.extensions import db, limiter
from ...infra.i18n import LANGUAGES, current_language
from ...infra.i18n import gettext as _
from ...infra.i18n import lazy_gettext as _l
from ...infra.links import absolute_url
from ...infra.navigation import register_nav
from ...infra.web import commit_or_flash, flash_form_errors
from ..errors import AlreadyAnswered, ImportRefused
from ..forms import (
    ActionForm,
    LinksForm,
    StatusForm,
    SurveyForm,
    UploadForm,
    answer_form,
    answers_of,
    translated_items,
    translation_form,
)
from ..models import SurveyStatus
from ..services import imports, surveys, translations
from ..services.access import get_survey_for, needs_scope, partners_for, survey_owner_refusal, visible_surveys
from . import bp
from .common import import_errors, uploaded_bytes

register_nav(_l("Surveys"), "needs.surveys", 61, lambda u: has_capability(u, Cap.MANAGE_NEEDS), menu=_l("Needs"))


def _survey_form() -> SurveyForm:
    form = SurveyForm()
    choices = [(p.code, p.short_name) for p in partners_for(current_user)]
    form.partner.choices = (
        ([("", _("The whole consortium"))] + choices) if needs_scope(current_user) is None else choices
    )
    topics = surveys.all_topics()
    form.topics.choices = [(t.code, f"{t.code} – {t.name}") for t in topics]
    if not form.is_submitted():
        form.topics.data = [t.code for t in topics]
    return form


@bp.route("/surveys", methods=["GET", "POST"], endpoint="surveys")
@login_required
def survey_list():
    form = _survey_form()
    if form.validate_on_submit():
        outcome = commit_or_flash(
            lambda: surveys.create_survey(
                current_user, name=form.name.data, partner_code=form.partner.data or None, topic_codes=form.topics.data
            ),
            _("Survey created as a draft."),
        )
        if outcome.ok:
            return redirect(url_for("needs.survey", survey_id=outcome.value.id))
    listed = list(db.session.scalars(visible_surveys(current_user)))
    return render_template("needs/surveys.html", surveys=listed, form=form)


def _translation_forms(survey) -> dict:
    """A form per language for whoever may change the survey, filled with what is stored; none for others."""
    if survey_owner_refusal(current_user, survey) is not None:
        return {}
    stored = translations.translations(survey)
    return {
        language: translation_form(survey, language, stored[language]) for language in translations.TRANSLATED_LANGUAGES
    }


def _render_survey(survey, errors=None, status=200, links_form=None, upload_form=None):
    links_form = links_form or LinksForm()
    links_form.partner.choices = [
        (p.code, p.short_name) for p in partners_for(current_user) if survey.partner_id in (None, p.id)
    ]
    return render_template(
        "needs/survey.html",
        survey=survey,
        status_choices=surveys.status_choices(current_user, survey),
        counts=surveys.respondent_counts(survey),
        links_form=links_form,
        upload_form=upload_form or UploadForm(),
        action_form=ActionForm(),
        import_errors=errors or [],
        statuses=SurveyStatus,
        translations=translations.translations(survey),
        translation_forms=_translation_forms(survey),
    ), status


@bp.get("/surveys/<int:survey_id>")
@login_required
def survey(survey_id: int):
    return _render_survey(get_survey_for(current_user, survey_id))


@bp.post("/surveys/<int:survey_id>/status")
@login_required
def survey_status(survey_id: int):
    survey = get_survey_for(current_user, survey_id)
    form = StatusForm()
    if form.validate_on_submit():
        status = SurveyStatus(form.status.data)
        done = {
            SurveyStatus.OPEN: _("The survey is now open."),
            SurveyStatus.CLOSED: _("The survey is now closed."),
        }.get(status)
        commit_or_flash(lambda: surveys.set_status(current_user, survey, status), done)
    else:
        flash_form_errors(form)
    return redirect(url_for("needs.survey", survey_id=survey.id))


LINK_COLUMNS = ("partner", "organisation_type", "link")


def _link_rows(batch):
    for respondent, token in batch:
        link = absolute_url("needs.answer", token=token)
        yield respondent.partner.code, respondent.organisation_type, link


@bp.post("/surveys/<int:survey_id>/links")
@login_required
def survey_links(survey_id: int):
    survey = get_survey_for(current_user, survey_id)
    form = LinksForm()
    form.partner.choices = [(p.code, p.short_name) for p in partners_for(current_user)]
    if not form.validate_on_submit():
        return _render_survey(survey, status=400, links_form=form)
    outcome = commit_or_flash(
        lambda: surveys.create_links(
            current_user,
            survey,
            partner_code=form.partner.data,
            organisation_type=form.organisation_type.data,
            count=form.count.data,
        )
    )
    if not outcome.ok:
        return redirect(url_for("needs.survey", survey_id=survey.id))
    return csv_response(f"survey-{survey.id}-links", LINK_COLUMNS, _link_rows(outcome.value))


@bp.post("/surveys/<int:survey_id>/import")
@login_required
def survey_import(survey_id: int):
    survey = get_survey_for(current_user, survey_id)
    form = UploadForm()
    if not form.validate_on_submit():
        return _render_survey(survey, status=400, upload_form=form)
    try:
        result = imports.import_answers(current_user, survey, uploaded_bytes(form))
    except ImportRefused as refused:
        db.session.rollback()
        return _render_survey(survey, import_errors(refused), 400)
    except DomainError as error:
        db.session.rollback()
        return _render_survey(survey, [error.message], error.status_code)
    db.session.commit()
    flash(
        _(
            "Imported: %(added)d new respondents, %(replaced)d replaced, %(answers)d answers.",
            added=result.added,
            replaced=result.replaced,
            answers=result.answers,
        ),
        "success",
    )
    return redirect(url_for("needs.survey", survey_id=survey.id))


def _answer_unavailable(error: DomainError):
    return render_template(
        "needs/answer_unavailable.html", message=error.message, used=isinstance(error, AlreadyAnswered)
    ), error.status_code


@bp.route("/answer/<token>", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
def answer(token: str):
    respondent = surveys.respondent_for_token(token)
    try:
        surveys.check_answerable(respondent)
    except DomainError as error:
        return _answer_unavailable(error)
    topics = respondent.survey.topics
    # The respondent's language: their profile's when signed in, else this browser's (the locale selector's).
    texts = translations.survey_texts(respondent.survey, current_language())
    form = answer_form(topics, texts)
    if form.validate_on_submit():
        try:
            surveys.submit_answers(token, answers_of(form, topics))
        except DomainError as error:
            db.session.rollback()
            return _answer_unavailable(error)
        db.session.commit()
        return render_template("needs/answer_thanks.html", survey=respondent.survey, texts=texts)
    return render_template("needs/answer.html", respondent=respondent, form=form, topics=topics, texts=texts)


@bp.post("/surveys/<int:survey_id>/translations")
@login_required
def survey_translation(survey_id: int):
    survey = get_survey_for(current_user, survey_id)
    language = request.form.get("language", "")
    if language not in translations.TRANSLATED_LANGUAGES:
        flash(_("Choose one of the languages a survey is translated into."), "danger")
        return redirect(url_for("needs.survey", survey_id=survey.id))
    form = translation_form(survey, language, translations.Translation(language))
    if form.validate_on_submit():
        commit_or_flash(
            lambda: translations.save_translation(
                current_user, survey, language, form.name.data, translated_items(form, survey)
            ),
            _("The translation into %(language)s is saved.", language=LANGUAGES[language]),
        )
    else:
        flash_form_errors(form)
    return redirect(url_for("needs.survey", survey_id=survey.id, _anchor="translations"))
