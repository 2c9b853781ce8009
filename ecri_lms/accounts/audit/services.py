"""Recording and reading audit events."""

from sqlalchemy import select

from ...infra.extensions import db
from ..permissions import Cap, partner_scope, require
from .models import AuditEvent

PAGE_SIZE = 50


def record(
    actor,
    action: str,
    target_type: str,
    target_id: int | None,
    *,
    partner_id: int | None = None,
    subject_user_id: int | None = None,
    summary: str = "",
    **details,
) -> AuditEvent:
    """Append an event; it is committed with the change it describes. `subject_user_id` names the person
    the event is about, so that erasing them finds it."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=target_type,
        target_id=target_id,
        partner_id=partner_id,
        subject_user_id=subject_user_id,
        summary=summary[:500],
        details=details,
    )
    db.session.add(event)
    return event


def events_visible_to(
    actor, *, action: str | None = None, target_type: str | None = None, target_id: int | None = None
):
    """A query of the events the actor may read, newest first."""
    require(actor, Cap.VIEW_AUDIT)
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    scope = partner_scope(actor, Cap.VIEW_AUDIT)
    if scope is not None:
        query = query.where(AuditEvent.partner_id.in_(scope))
    if action:
        query = query.where(AuditEvent.action == action)
    if target_type:
        query = query.where(AuditEvent.target_type == target_type)
    if target_id is not None:
        query = query.where(AuditEvent.target_id == target_id)
    return query
