"""Venues, course runs, their training sessions, registrations and calendar feed tokens.

A course run is one offering of a catalogue course by a partner; it meets in one or more training
sessions. Seats are counted from registrations, never kept in a counter, so there is one truth.
"""

import enum
import uuid
from datetime import datetime, timedelta

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ColumnElement,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    and_,
    true,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..accounts.organisations import Partner
from ..catalogue.models import Course
from ..infra.db_types import UTCDateTime
from ..infra.errors import ValidationError
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from ..infra.labels import Labelled, wording
from ..infra.timeutil import utcnow


class RunStatus(Labelled, enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    COMPLETED = "completed"

    WORDING = wording(
        draft=_l("Draft"), published=_l("Published"), cancelled=_l("Cancelled"), completed=_l("Completed")
    )


class Audience(Labelled, str, enum.Enum):
    PARTNER = "partner"  # only the organising partner's people may register
    CONSORTIUM = "consortium"  # anyone in the consortium may register

    WORDING = wording(partner=_l("Partner members only"), consortium=_l("Whole consortium"))


class DeliveryFormat(Labelled, str, enum.Enum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"

    WORDING = wording(in_person=_l("In person"), online=_l("Online"), hybrid=_l("Hybrid"))


class SessionStatus(Labelled, enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"

    WORDING = wording(scheduled=_l("Scheduled"), cancelled=_l("Cancelled"))


class RegistrationStatus(Labelled, enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"  # by the trainee, or moved to another run
    REMOVED = "removed"  # by a trainer or coordinator

    WORDING = wording(
        confirmed=_l("Confirmed"),
        waitlisted=_l("On the waiting list"),
        cancelled=_l("Cancelled"),
        removed=_l("Removed by staff"),
    )


ACTIVE_REGISTRATION = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
# A run that is over or called off can no longer be edited, nor take new sessions.
CLOSED_RUN = (RunStatus.CANCELLED, RunStatus.COMPLETED)


def _values(enum_class) -> str:
    return ",".join(f"'{member.value}'" for member in enum_class)


def new_session_uid() -> str:
    return f"{uuid.uuid4()}@ecri-lms"


class Venue(db.Model):
    """A bookable room of a partner's region; one row per room."""

    __tablename__ = "venue"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    room: Mapped[str] = mapped_column(String(120), default="", server_default="")
    address: Mapped[str] = mapped_column(String(300))
    capacity: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partner: Mapped[Partner] = relationship(lazy="joined")

    __table_args__ = (
        UniqueConstraint("partner_id", "name", "room"),
        CheckConstraint("capacity > 0", name="positive_capacity"),
    )

    @property
    def label(self) -> str:
        return f"{self.name}, {self.room}" if self.room else self.name

    @property
    def location(self) -> str:
        """What a calendar shows as the place: room, building and address."""
        return f"{self.label}, {self.address}"


class CourseRunTrainer(db.Model):
    __tablename__ = "course_run_trainer"

    run_id: Mapped[int] = mapped_column(ForeignKey("course_run.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True, index=True)


class CourseRun(db.Model):
    """One offering of a course by a partner, with its capacity, window and sessions."""

    __tablename__ = "course_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    title: Mapped[str | None] = mapped_column(String(200))  # overrides the course title when set
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    status: Mapped[str] = mapped_column(String(16), default=RunStatus.DRAFT, server_default=RunStatus.DRAFT)
    capacity: Mapped[int]
    audience: Mapped[str] = mapped_column(
        String(16), default=Audience.CONSORTIUM.value, server_default=Audience.CONSORTIUM.value
    )
    # The run's format: the one planned, then derived from its scheduled sessions.
    delivery_format: Mapped[str] = mapped_column(String(16))
    registration_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    registration_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Trainees may cancel until this many hours before the start, or until the deadline if set.
    cancellation_cutoff_hours: Mapped[int | None]
    cancellation_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # First start and last end of the run's scheduled sessions, kept in step by the services. Upcoming runs
    # are found by their end: indexed, so lists read the runs still to come, not the whole history.
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # Per-run rules other areas add (attendance counting, completion overrides, plan links).
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancellation_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    course: Mapped[Course] = relationship(lazy="joined", innerjoin=True)
    partner: Mapped[Partner] = relationship(lazy="joined", innerjoin=True)
    trainers: Mapped[list[User]] = relationship(secondary="course_run_trainer", order_by=User.name, lazy="selectin")
    sessions: Mapped[list["TrainingSession"]] = relationship(
        back_populates="run", order_by="TrainingSession.starts_at", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint(f"status IN ({_values(RunStatus)})", name="known_status"),
        CheckConstraint(f"audience IN ({_values(Audience)})", name="known_audience"),
        CheckConstraint(f"delivery_format IN ({_values(DeliveryFormat)})", name="known_format"),
        CheckConstraint("capacity > 0", name="positive_capacity"),
        CheckConstraint(
            "cancellation_cutoff_hours IS NULL OR cancellation_cutoff_hours >= 0", name="cutoff_not_negative"
        ),
        CheckConstraint(
            "cancellation_cutoff_hours IS NULL OR cancellation_deadline IS NULL", name="one_cancellation_rule"
        ),
        CheckConstraint(
            "registration_opens_at IS NULL OR registration_closes_at IS NULL "
            "OR registration_closes_at > registration_opens_at",
            name="registration_window_in_order",
        ),
        CheckConstraint("starts_at IS NULL OR ends_at IS NULL OR ends_at >= starts_at", name="schedule_in_order"),
        Index("ix_course_run_status_starts", "status", "starts_at"),
    )

    @property
    def display_title(self) -> str:
        return self.title or self.course.title

    @property
    def is_partner_only(self) -> bool:
        return self.audience == Audience.PARTNER.value

    @property
    def format_label(self) -> str:
        return DeliveryFormat(self.delivery_format).label

    @property
    def is_draft(self) -> bool:
        return self.status == RunStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == RunStatus.PUBLISHED

    @property
    def is_cancelled(self) -> bool:
        return self.status == RunStatus.CANCELLED

    @property
    def is_completed(self) -> bool:
        return self.status == RunStatus.COMPLETED

    @property
    def is_closed(self) -> bool:
        """Cancelled or completed: the run can no longer change."""
        return self.status in CLOSED_RUN

    def publish(self, now: datetime) -> None:
        """Open the draft for registration."""
        if not self.is_draft:
            raise ValidationError(_("Only a draft run can be published."))
        self.status = RunStatus.PUBLISHED
        self.published_at = now

    def cancel(self, now: datetime, reason: str) -> None:
        """Call the run off, with every session still scheduled."""
        self.refuse_if_closed()
        self.status = RunStatus.CANCELLED
        self.cancelled_at = now
        self.cancellation_reason = reason
        for training_session in self.sessions:
            if not training_session.is_cancelled:
                training_session.cancel(now)

    def complete(self, now: datetime) -> None:
        """Close a published run as held."""
        if not self.is_published:
            raise ValidationError(_("Only a published run can be closed as completed."))
        self.status = RunStatus.COMPLETED
        self.completed_at = now

    def refuse_if_closed(self, *, sessions: bool = False) -> None:
        """Refuse a change to a cancelled or completed run (`sessions`: a change to its sessions)."""
        if not self.is_closed:
            return
        if self.is_cancelled:
            raise ValidationError(
                _("This run is cancelled: its sessions can no longer change.")
                if sessions
                else _("This run is cancelled: it can no longer be changed.")
            )
        raise ValidationError(
            _("This run is completed: its sessions can no longer change.")
            if sessions
            else _("This run is completed: it can no longer be changed.")
        )

    @property
    def cancellation_cutoff(self) -> datetime | None:
        """Until when a confirmed trainee may cancel: never later than the start."""
        if self.starts_at is None:
            return self.cancellation_deadline
        if self.cancellation_deadline is not None:
            return min(self.cancellation_deadline, self.starts_at)
        return self.starts_at - timedelta(hours=self.cancellation_cutoff_hours or 0)

    def __repr__(self) -> str:
        return f"<CourseRun {self.id} {self.status}>"


class TrainingSession(db.Model):
    """One dated meeting of a run: in person at a venue, online, or both."""

    __tablename__ = "training_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("course_run.id", ondelete="CASCADE"), index=True)
    title: Mapped[str | None] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The zone its times are entered and shown in: the venue's region, else the organiser's.
    timezone: Mapped[str] = mapped_column(String(64))
    format: Mapped[str] = mapped_column(String(16))
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id"))
    meeting_url: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(
        String(16), default=SessionStatus.SCHEDULED, server_default=SessionStatus.SCHEDULED
    )
    # iCalendar identity: the UID never changes, the SEQUENCE grows with every change.
    uid: Mapped[str] = mapped_column(String(120), unique=True, default=new_session_uid)
    sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancellation_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    run: Mapped[CourseRun] = relationship(back_populates="sessions")
    venue: Mapped[Venue | None] = relationship(lazy="joined")

    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint(f"status IN ({_values(SessionStatus)})", name="known_status"),
        CheckConstraint(f"format IN ({_values(DeliveryFormat)})", name="known_format"),
        Index("ix_training_session_venue_starts", "venue_id", "starts_at"),
    )

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    def cancel(self, now: datetime, reason: str = "") -> None:
        """Cancel the meeting: calendars keep it, marked cancelled, under a higher SEQUENCE."""
        if self.is_cancelled:
            raise ValidationError(_("This session is already cancelled."))
        self.status = SessionStatus.CANCELLED
        self.cancelled_at = self.updated_at = now
        self.cancellation_reason = reason
        self.sequence += 1

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600

    @property
    def format_label(self) -> str:
        return DeliveryFormat(self.format).label

    @property
    def location(self) -> str:
        if self.venue is None:
            return _("Online")
        if self.format == DeliveryFormat.HYBRID.value:
            return _("%(venue)s (and online)", venue=self.venue.location)
        return self.venue.location


class Registration(db.Model):
    """A trainee's place on a run: a confirmed seat, or a place on the waiting list.

    `position` is the arrival order within the run (1, 2, 3…, never reused or renumbered); the
    waiting list is the waitlisted registrations in that order.
    """

    __tablename__ = "registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("course_run.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    position: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # latest arrival
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    moved_to_run_id: Mapped[int | None] = mapped_column(ForeignKey("course_run.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")

    run: Mapped[CourseRun] = relationship(foreign_keys=[run_id])
    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined", innerjoin=True)

    __table_args__ = (
        UniqueConstraint("run_id", "user_id"),
        UniqueConstraint("run_id", "position"),
        CheckConstraint(f"status IN ({_values(RegistrationStatus)})", name="known_status"),
        CheckConstraint("position > 0", name="positive_position"),
        Index("ix_registration_run_status_position", "run_id", "status", "position"),
    )

    @hybrid_property
    def is_active(self) -> bool:
        return self.status in ACTIVE_REGISTRATION

    @is_active.inplace.expression
    @classmethod
    def _is_active_expression(cls) -> ColumnElement[bool]:
        return cls.status.in_(ACTIVE_REGISTRATION)

    @hybrid_property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @hybrid_property
    def is_waitlisted(self) -> bool:
        return self.status == RegistrationStatus.WAITLISTED

    @classmethod
    def confirmed_on(cls, run_id) -> ColumnElement[bool]:
        """The criterion "a confirmed registration on this run" (an id, or a column to correlate with)."""
        return and_(cls.run_id == run_id, cls.is_confirmed)

    def place(self, position: int, now: datetime, *, seat_free: bool) -> None:
        """Someone arrives (again): a seat while one is free, else the end of the waiting list."""
        if self.is_active:
            raise ValidationError(_("This registration is already active."))
        self.status = RegistrationStatus.CONFIRMED if seat_free else RegistrationStatus.WAITLISTED
        self.position = position
        self.registered_at = now
        self.confirmed_at = now if seat_free else None
        self.promoted_at = self.cancelled_at = self.moved_to_run_id = None
        self.note = ""

    def promote(self, now: datetime) -> None:
        """A seat came free for the head of the waiting list."""
        if not self.is_waitlisted:
            raise ValidationError(_("Only a place on the waiting list can be promoted to a seat."))
        self.status = RegistrationStatus.CONFIRMED
        self.promoted_at = self.confirmed_at = now

    def cancel(self, now: datetime, *, note: str | None = None, moved_to_run_id: int | None = None) -> None:
        """The trainee gives up the place (or is moved to another run)."""
        self._end(RegistrationStatus.CANCELLED, now, note)
        self.moved_to_run_id = moved_to_run_id

    def remove(self, now: datetime, *, note: str | None = None) -> None:
        """Staff take the trainee off the run."""
        self._end(RegistrationStatus.REMOVED, now, note)

    def _end(self, status: RegistrationStatus, now: datetime, note: str | None) -> None:
        if not self.is_active:
            raise ValidationError(_("This registration is no longer active."))
        self.status = status
        self.cancelled_at = now
        if note is not None:
            self.note = note


class CalendarFeedToken(db.Model):
    """The secret of a user's personal calendar feed; only its SHA-256 is kept."""

    __tablename__ = "calendar_feed_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
