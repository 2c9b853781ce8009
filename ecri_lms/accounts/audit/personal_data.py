"""The audit log's part of a person's data download: the actions they took, and those about them."""

from sqlalchemy import select

from ...infra.extensions import db
from .models import AuditEvent


def _events(condition) -> list[dict]:
    events = db.session.scalars(select(AuditEvent).where(condition).order_by(AuditEvent.at, AuditEvent.id))
    return [
        {
            "at": e.at.isoformat(),
            "action": e.action,
            "target_type": e.target_type,
            "target_id": e.target_id,
            "summary": e.summary,
        }
        for e in events
    ]


def export(user) -> dict:
    return {
        "actions": _events(AuditEvent.actor_id == user.id),
        "about_me": _events(AuditEvent.subject_user_id == user.id),
    }
