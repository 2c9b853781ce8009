"""Browsing the audit log: the audit area's visible events, narrowed by the page's filters."""

from dataclasses import dataclass
from datetime import date, timedelta

from ..accounts.audit.models import AuditEvent
from ..accounts.audit.services import events_visible_to
from ..accounts.organisations import Partner
from ..accounts.partners.services import all_partners
from ..accounts.permissions import Cap, partner_scope
from ..infra.errors import NotFound
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from .filters import day_start
from .rows import Column

COLUMNS = (
    Column(_l("When (UTC)"), "datetime"),
    Column(_l("Who")),
    Column(_l("Action")),
    Column(_l("Record type")),
    Column(_l("Record id"), "number"),
    Column(_l("Partner")),
    Column(_l("Summary")),
)


def audit_headers() -> list[str]:
    """The export's header row in the reader's language."""
    return [str(column.header) for column in COLUMNS]


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    target_type: str = ""
    partner_code: str = ""
    start: date | None = None
    end: date | None = None

    def query_args(self) -> dict:
        """The filters as the query string of a link (empty ones left out)."""
        args = {
            "action": self.action,
            "target_type": self.target_type,
            "partner": self.partner_code,
            "start": self.start and self.start.isoformat(),
            "end": self.end and self.end.isoformat(),
        }
        return {key: value for key, value in args.items() if value}


def audit_partners(actor) -> list[Partner]:
    """Partners whose events the actor may read."""
    scope = partner_scope(actor, Cap.VIEW_AUDIT)
    return [p for p in all_partners() if scope is None or p.id in scope]


def audit_query(actor, filters: AuditFilters):
    """Events the actor may read that match the filters, newest first (permission checked by the audit area)."""
    query = events_visible_to(actor, action=filters.action or None, target_type=filters.target_type or None)
    if filters.partner_code:
        partner = next((p for p in audit_partners(actor) if p.code == filters.partner_code), None)
        if partner is None:
            raise NotFound(_("No such partner among those whose log you may read."))
        query = query.where(AuditEvent.partner_id == partner.id)
    if filters.start:
        query = query.where(AuditEvent.at >= day_start(filters.start))
    if filters.end:
        query = query.where(AuditEvent.at < day_start(filters.end + timedelta(days=1)))
    return query


def export_row(event: AuditEvent, partner_codes: dict[int, str]) -> tuple:
    return (
        event.at,
        event.actor.name if event.actor else _("system"),
        event.action,
        event.target_type,
        event.target_id,
        partner_codes.get(event.partner_id, ""),
        event.summary,
    )
