"""Which session reminders have been claimed for sending: one row per session and trainee, ever."""

from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ...infra.db_types import UTCDateTime
from ...infra.extensions import db
from ...infra.timeutil import utcnow


class SessionReminder(db.Model):
    """The unique constraint is what makes overlapping `flask reminders send` runs send each reminder once."""

    __tablename__ = "session_reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    training_session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("training_session_id", "user_id"),)
