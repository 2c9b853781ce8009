"""Who may see and change which surveys, plans and partners' figures.

Everything here needs Cap.MANAGE_NEEDS. A partner coordinator acts for their own partner: they see
their partner's surveys and the consortium-wide ones (whose figures are the consortium's shared
analysis), but only their own partner's plans, links and imported rows. Anything out of scope is
reported as not found, so its existence is not revealed.
"""

from sqlalchemy import or_, select

from ...accounts.organisations import Partner
from ...accounts.partners.services import all_partners
from ...accounts.permissions import Cap, can, partner_scope, require
from ...infra.errors import NotFound, PermissionDenied
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ..models import Survey, TrainingPlan


def needs_scope(actor) -> frozenset[int] | None:
    """Partner ids the actor may act for (None: all); refuses actors without the capability."""
    require(actor, Cap.MANAGE_NEEDS)
    return partner_scope(actor, Cap.MANAGE_NEEDS)


def in_scope(actor, partner_id: int | None) -> bool:
    """Whether the actor may act for this partner; a consortium-wide record (None) needs an unrestricted actor."""
    scope = needs_scope(actor)
    return scope is None or partner_id in scope


def partners_for(actor) -> list[Partner]:
    """The partners the actor may act for, coordinator first."""
    scope = needs_scope(actor)
    return [p for p in all_partners() if scope is None or p.id in scope]


def get_partner_for(actor, code: str) -> Partner:
    """A partner the actor may act for, by code; any other is 'not found'."""
    partner = next((p for p in partners_for(actor) if p.code == code.strip().upper()), None)
    if partner is None:
        raise NotFound(_("No partner '%(code)s' that you may act for.", code=code))
    return partner


def visible_surveys(actor):
    """A query of the surveys the actor may see, newest first."""
    scope = needs_scope(actor)
    query = select(Survey).order_by(Survey.created_at.desc(), Survey.id.desc())
    if scope is not None:
        query = query.where(or_(Survey.partner_id.is_(None), Survey.partner_id.in_(scope)))
    return query


def get_survey_for(actor, survey_id: int) -> Survey:
    """A survey the actor may see (consortium-wide, or of a partner in scope); any other is 'not found'."""
    survey = db.session.get(Survey, survey_id)
    scope = needs_scope(actor)
    if survey is None or not (survey.partner_id is None or scope is None or survey.partner_id in scope):
        raise NotFound(_("No such survey."))
    return survey


def survey_owner_refusal(actor, survey: Survey) -> str | None:
    """Why the actor may not open, close or define the survey (None: they may): it belongs to whoever covers
    all of its partners. The survey page asks this before it offers those buttons."""
    if survey.partner_id is None and needs_scope(actor) is not None:
        return _("Only the consortium coordinator can change a consortium-wide survey.")
    if not can(actor, Cap.MANAGE_NEEDS, survey.partner_id):
        return _("You may not change this survey.")
    return None


def require_survey_owner(actor, survey: Survey) -> None:
    """Refuse (PermissionDenied) whoever `survey_owner_refusal` turns away."""
    refusal = survey_owner_refusal(actor, survey)
    if refusal:
        raise PermissionDenied(refusal)


def visible_plans(actor):
    """A query of the training plans the actor may see, latest period first."""
    scope = needs_scope(actor)
    query = select(TrainingPlan).order_by(TrainingPlan.period_start.desc(), TrainingPlan.id)
    if scope is not None:
        query = query.where(TrainingPlan.partner_id.in_(scope))
    return query


def get_plan_for(actor, plan_id: int) -> TrainingPlan:
    """A training plan of a partner the actor may act for; any other is 'not found'."""
    plan = db.session.get(TrainingPlan, plan_id)
    if plan is None or not in_scope(actor, plan.partner_id):
        raise NotFound(_("No such training plan."))
    return plan
