"""The outbox's state for the health check: how much waits, and for how long."""

from datetime import datetime

from sqlalchemy import func, select

from ..extensions import db
from .models import OutboxMessage, OutboxStatus


def backlog(now: datetime) -> dict:
    """Messages not yet sent, and the age in seconds of the oldest (0 when none waits)."""
    waiting = OutboxMessage.status.in_((OutboxStatus.PENDING.value, OutboxStatus.SENDING.value))
    unsent, oldest = db.session.execute(select(func.count(), func.min(OutboxMessage.created_at)).where(waiting)).one()
    failed = db.session.scalar(select(func.count()).where(OutboxMessage.status == OutboxStatus.FAILED.value))
    age = int((now - oldest).total_seconds()) if oldest is not None else 0
    return {"unsent": unsent, "failed": failed, "oldest_unsent_seconds": max(0, age)}
