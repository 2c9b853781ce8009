"""The needs page, the ranking download and the comparative analysis report."""

from flask import Response, render_template, request
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from ...accounts.organisations import ORGANISATION_TYPE_LABELS
from ...accounts.permissions import Cap, has_capability
from ...infra.dashboard import register_panel
from ...infra.errors import NotFound
from ...infra.exports import csv_response
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.i18n import lazy_gettext as _l
from ...infra.input_guards import int_arg
from ...infra.navigation import register_nav
from ...infra.timeutil import utcnow
from .. import queries
from ..analysis import top_topics
from ..coverage import plan_coverage
from ..disclosure import shown_ranking
from ..formatting import COLUMNS, ranking_rows
from ..models import PlanVersion, TrainingPlan
from ..overview import needs_overview, survey_partners
from ..pdf import render_comparative_report
from ..report import comparative_report
from ..services.access import get_survey_for, partners_for, visible_plans, visible_surveys
from ..small_groups import min_group_size
from . import bp
from .common import org_type_arg

PANEL_TOP_NEEDS = 3

register_nav(_l("Needs analysis"), "needs.index", 60, lambda u: has_capability(u, Cap.MANAGE_NEEDS), menu=_l("Needs"))


def _chosen_survey():
    """The survey asked for, or the newest the user may see; None when there is none."""
    survey_id = int_arg("survey")
    if survey_id is not None:
        return get_survey_for(current_user, survey_id)
    return db.session.scalar(visible_surveys(current_user).limit(1))


def _chosen_partner(survey):
    code = request.args.get("partner", "")
    if not code:
        return None
    partner = next((p for p in survey_partners(survey) if p.code == code), None)
    if partner is None:
        raise NotFound(_("That partner has no answers in this survey."))
    return partner


@bp.get("/")
@login_required
def index():
    surveys = list(db.session.scalars(visible_surveys(current_user)))
    survey = _chosen_survey()
    if survey is None:
        return render_template("needs/index.html", surveys=[], overview=None)
    partner = _chosen_partner(survey)
    org_type = org_type_arg()
    rank_all = request.args.get("rank_all") == "1"
    compare_id = int_arg("compare")
    previous = get_survey_for(current_user, compare_id) if compare_id else None
    overview = needs_overview(survey, partner, org_type, rank_all, previous)
    return render_template(
        "needs/index.html",
        surveys=surveys,
        survey=survey,
        overview=overview,
        partner=partner,
        org_type=org_type,
        rank_all=rank_all,
        partners=survey_partners(survey),
        org_types=ORGANISATION_TYPE_LABELS,
        min_group_size=min_group_size(),
    )


@bp.get("/surveys/<int:survey_id>/ranking.csv")
@login_required
def ranking_download(survey_id: int):
    survey = get_survey_for(current_user, survey_id)
    partner = _chosen_partner(survey)
    needs = shown_ranking(survey, partner.id if partner else None, org_type_arg())
    suffix = f"-{partner.code.lower()}" if partner else ""
    return csv_response(f"needs-ranking-{survey.id}{suffix}", COLUMNS, ranking_rows(needs))


@bp.get("/surveys/<int:survey_id>/report.pdf")
@login_required
def report_pdf(survey_id: int):
    survey = get_survey_for(current_user, survey_id)
    pdf = render_comparative_report(comparative_report(survey, utcnow().date()))
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="comparative-analysis-{survey.id}.pdf"'},
    )


def _panel_context(user) -> dict:
    """The newest survey's top needs and the plans of the coordinator's scope."""
    survey = db.session.scalar(visible_surveys(user).limit(1))
    scope_partners = [p for p in partners_for(user) if survey is None or survey.partner_id in (None, p.id)]
    top = {}
    if survey is not None:
        totals = queries.survey_totals(survey)  # once for every partner's panel
        top = {p.code: top_topics(queries.rank(survey, totals, p.id), PANEL_TOP_NEEDS) for p in scope_partners}
    # The panel names each plan's versions; their items (and courses) are read only on a cache miss.
    plans = list(
        db.session.scalars(
            visible_plans(user).options(selectinload(TrainingPlan.versions).lazyload(PlanVersion.items)).limit(8)
        )
    )
    covered = {plan.id: plan_coverage(plan) for plan in plans if plan.last_approved}
    return {"survey": survey, "top_needs": top, "plans": plans, "coverage": covered}


register_panel("needs", 40, "needs/_panel.html", lambda u: has_capability(u, Cap.MANAGE_NEEDS), _panel_context)
