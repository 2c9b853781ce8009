"""Marks on a session's attendance sheet, the history of every change to them, and check-in windows.

A mark is one trainee's status at one session; its history rows say who changed it, from what to
what, and when. Reporting code reads `attendance_mark` directly, so its columns are a contract.
"""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..infra.db_types import UTCDateTime
from ..infra.extensions import db
from ..infra.i18n import lazy_gettext as _l
from ..infra.labels import Labelled, wording
from ..infra.timeutil import utcnow
from ..scheduling.models import TrainingSession


class Status(Labelled, enum.StrEnum):
    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"

    WORDING = wording(present=_l("Present"), late=_l("Late"), excused=_l("Excused"), absent=_l("Absent"))


class Source(Labelled, enum.StrEnum):
    SHEET = "register"  # marked on the attendance sheet by a trainer or coordinator (stored value kept)
    CHECK_IN = "check_in"  # the trainee checked in with the session's code

    WORDING = wording(register=_l("Attendance sheet"), check_in=_l("Check-in"))


STATUSES = tuple(status.value for status in Status)


def _values(enum_class) -> str:
    return ",".join(f"'{member.value}'" for member in enum_class)


class AttendanceMark(db.Model):
    """A trainee's current status at a session."""

    __tablename__ = "attendance_mark"

    id: Mapped[int] = mapped_column(primary_key=True)
    training_session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    remark: Mapped[str] = mapped_column(Text, default="", server_default="")
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(16), default=Source.SHEET.value, server_default=Source.SHEET.value)

    training_session: Mapped[TrainingSession] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])

    __table_args__ = (
        UniqueConstraint("training_session_id", "user_id"),
        CheckConstraint(f"status IN ({_values(Status)})", name="known_status"),
        CheckConstraint(f"source IN ({_values(Source)})", name="known_source"),
    )


class AttendanceChange(db.Model):
    """One change to a mark: kept for good, so an attendance sheet can always be explained."""

    __tablename__ = "attendance_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    training_session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))  # None: the trainee was unmarked
    to_status: Mapped[str] = mapped_column(String(16))
    from_remark: Mapped[str] = mapped_column(Text, default="", server_default="")
    to_remark: Mapped[str] = mapped_column(Text, default="", server_default="")
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(16))

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined", innerjoin=True)
    changed_by: Mapped[User | None] = relationship(foreign_keys=[changed_by_id], lazy="joined")

    __table_args__ = (Index("ix_attendance_change_training_session_changed", "training_session_id", "changed_at"),)


class CheckInWindow(db.Model):
    """When trainees may check in to a session by its code; one per session, reopened in place."""

    __tablename__ = "check_in_window"

    id: Mapped[int] = mapped_column(primary_key=True)
    training_session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id", ondelete="CASCADE"), unique=True)
    code: Mapped[str] = mapped_column(String(6), index=True)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)  # moved to the closing time when closed early
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    training_session: Mapped[TrainingSession] = relationship()

    __table_args__ = (CheckConstraint("closes_at >= opens_at", name="closes_after_opening"),)

    def is_open(self, now: datetime) -> bool:
        return self.opens_at <= now < self.closes_at
