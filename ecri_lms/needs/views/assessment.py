"""The comparative analysis: partners' self-assessment per curriculum area, entered or imported."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from ...accounts.partners.services import all_partners
from ...accounts.permissions import Cap, has_capability
from ...infra.errors import DomainError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.i18n import lazy_gettext as _l
from ...infra.i18n import ngettext
from ...infra.navigation import register_nav
from ...infra.web import commit_or_flash
from ..errors import ImportRefused
from ..forms import UploadForm, scores_of, self_assessment_form
from ..services import imports
from ..services.access import get_partner_for, needs_scope, partners_for
from ..services.assessment import curriculum_areas, save_self_assessment, self_assessments
from . import bp
from .common import import_errors, uploaded_bytes

register_nav(
    _l("Self-assessment"),
    "needs.self_assessment",
    62,
    lambda u: has_capability(u, Cap.MANAGE_NEEDS),
    menu=_l("Needs"),
)


def _render_matrix(errors=None, status=200, upload_form=None):
    needs_scope(current_user)
    editable = {p.id for p in partners_for(current_user)}
    return render_template(
        "needs/self_assessment.html",
        partners=all_partners(),
        areas=curriculum_areas(),
        scores=self_assessments(),
        editable=editable,
        upload_form=upload_form or UploadForm(),
        import_errors=errors or [],
    ), status


@bp.get("/self-assessment")
@login_required
def self_assessment():
    return _render_matrix()


@bp.route("/self-assessment/<code>", methods=["GET", "POST"])
@login_required
def self_assessment_edit(code: str):
    partner = get_partner_for(current_user, code)
    areas = curriculum_areas()
    current = {area_code: entry for (pid, area_code), entry in self_assessments().items() if pid == partner.id}
    form = self_assessment_form(areas, current)
    if (
        form.validate_on_submit()
        and commit_or_flash(
            lambda: save_self_assessment(current_user, partner, scores_of(form, areas)),
            _("Self-assessment of %(partner)s saved.", partner=partner.short_name),
        ).ok
    ):
        return redirect(url_for("needs.self_assessment"))
    return render_template("needs/self_assessment_edit.html", partner=partner, areas=areas, form=form)


@bp.post("/self-assessment/import")
@login_required
def self_assessment_import():
    form = UploadForm()
    if not form.validate_on_submit():
        return _render_matrix(status=400, upload_form=form)
    try:
        count = imports.import_self_assessment(current_user, uploaded_bytes(form))
    except ImportRefused as refused:
        db.session.rollback()
        return _render_matrix(import_errors(refused), 400)
    except DomainError as error:
        db.session.rollback()
        return _render_matrix([error.message], error.status_code)
    db.session.commit()
    flash(
        ngettext("Imported %(num)d self-assessment score.", "Imported %(num)d self-assessment scores.", count),
        "success",
    )
    return redirect(url_for("needs.self_assessment"))
