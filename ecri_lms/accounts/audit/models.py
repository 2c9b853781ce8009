"""Audit events."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...infra.db_types import UTCDateTime
from ...infra.extensions import db
from ...infra.timeutil import utcnow
from ..models import User


class AuditEvent(db.Model):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # The person the event is about (a trainee added, graded, certified…): erasure rewrites these events.
    subject_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    target_type: Mapped[str] = mapped_column(String(64))
    target_id: Mapped[int | None]
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), index=True)
    summary: Mapped[str] = mapped_column(String(500), default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id], lazy="joined")

    __table_args__ = (Index("ix_audit_event_target", "target_type", "target_id"),)
