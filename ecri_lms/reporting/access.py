"""Who may see which report: the permission checks of the reporting area, in one place.

Reports need Cap.VIEW_REPORTS. The consortium coordinator (and admins) see every partner; a partner
coordinator sees their own partner's runs and the trainees on them, nothing else: a partner outside
their scope, asked for in a URL or a filter, is "not found". A trainee record is seen by the trainee,
and by coordinators whose scope includes the trainee's own partner.
"""

from ..accounts.models import User
from ..accounts.organisations import Partner
from ..accounts.partners.services import all_partners
from ..accounts.permissions import Cap, can, partner_scope, require
from ..infra.errors import NotFound
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from .filters import ReportFilters, Selection


def report_scope(actor) -> frozenset[int] | None:
    """Partner ids the actor may report on (None: all); refuses actors without the capability."""
    require(actor, Cap.VIEW_REPORTS)
    return partner_scope(actor, Cap.VIEW_REPORTS)


def sees_consortium(actor) -> bool:
    return can(actor, Cap.VIEW_REPORTS) and partner_scope(actor, Cap.VIEW_REPORTS) is None


def partners_for(actor) -> list[Partner]:
    """The partners the actor may report on, coordinator first."""
    scope = report_scope(actor)
    return [p for p in all_partners() if scope is None or p.id in scope]


def partner_for(actor, code: str) -> Partner:
    partner = next((p for p in partners_for(actor) if p.code == code.strip().upper()), None)
    if partner is None:
        raise NotFound(_("No such partner among those you report on."))
    return partner


def selection_for(actor, filters: ReportFilters, now=None) -> Selection:
    """The filters resolved against the actor's scope: a chosen partner must be in it."""
    scope = report_scope(actor)
    partner_ids = frozenset({partner_for(actor, filters.partner_code).id}) if filters.partner_code else scope
    return Selection(filters, partner_ids, now) if now is not None else Selection(filters, partner_ids)


def may_view_record(actor, trainee_id: int, trainee_partner_id: int | None) -> bool:
    if getattr(actor, "id", None) == trainee_id:
        return True
    if not can(actor, Cap.VIEW_REPORTS):
        return False
    scope = partner_scope(actor, Cap.VIEW_REPORTS)
    return scope is None or trainee_partner_id in scope


def trainee_for(actor, user_id: int) -> User:
    """The trainee whose record the actor asks for; 404 when absent or out of scope."""
    trainee = db.session.get(User, user_id)
    if trainee is None or not may_view_record(actor, trainee.id, trainee.partner_id):
        raise NotFound(_("No such trainee."))
    return trainee
