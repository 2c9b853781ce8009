"""Notifications in a person's data download (erasure deletes them: privacy.personal_tables)."""

from sqlalchemy import select

from ..infra.extensions import db
from .models import Notification


def export(user) -> dict:
    notes = db.session.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.created_at)
    ).all()
    return {
        "notifications": [
            {
                "subject": n.subject,
                "body": n.body,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in notes
        ]
    }
