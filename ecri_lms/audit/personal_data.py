"""The audit log's part of a person's data download: the actions they took."""

from sqlalchemy import select

from ..extensions import db
from .models import AuditEvent


def export(user) -> dict:
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.actor_id == user.id)
                                .order_by(AuditEvent.at, AuditEvent.id)).all()
    return {"actions": [{"at": e.at.isoformat(), "action": e.action, "target_type": e.target_type,
                         "target_id": e.target_id, "summary": e.summary} for e in events]}
