"""Completions of runs and the certificates issued for them.

A certificate is a snapshot: everything printed on it is copied at issue time, so that a later
change of a name, a course title or a session never changes what a verifier sees. At most one
certificate per trainee and run is current (neither revoked nor superseded); a partial unique index
enforces it, so two concurrent issues cannot both succeed.
"""

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Date, Float, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..infra.db_types import UTCDateTime
from ..infra.errors import Conflict
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from ..infra.labels import Labelled, wording
from ..infra.timeutil import to_zone, utcnow
from ..scheduling.models import CourseRun
from .codes import new_code

CURRENT = "revoked_at IS NULL AND superseded_at IS NULL"


class CertificateStatus(Labelled, enum.StrEnum):
    """What verification says of a certificate on a day (derived from its dates: no column)."""

    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"

    WORDING = wording(valid=_l("Valid"), expired=_l("Expired"), revoked=_l("Revoked"), superseded=_l("Superseded"))


class Completion(db.Model):
    """A trainee met every completion rule of a run (a fact: it stays once recorded)."""

    __tablename__ = "completion"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("course_run.id", ondelete="CASCADE"), index=True)
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (UniqueConstraint("user_id", "run_id"),)


class RunEndEvaluation(db.Model):
    """A run whose end passed and whose trainees the end-of-run job has evaluated, with the end it saw.

    The job claims a run by writing this row in the transaction that records the completions, so two
    jobs at once never evaluate the same end twice; a run whose end moves (a session added) is evaluated
    again once its new end has passed.
    """

    __tablename__ = "run_end_evaluation"

    run_id: Mapped[int] = mapped_column(ForeignKey("course_run.id", ondelete="CASCADE"), primary_key=True)
    run_ended_at: Mapped[datetime] = mapped_column(UTCDateTime)
    evaluated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Certificate(db.Model):
    """What was printed on one certificate, and whether it still stands."""

    __tablename__ = "certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, default=new_code)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("course_run.id"), index=True)
    trainee_name: Mapped[str] = mapped_column(String(200))
    course_title: Mapped[str] = mapped_column(String(200))
    course_code: Mapped[str] = mapped_column(String(32))
    curriculum_area: Mapped[str] = mapped_column(String(120), default="")
    outcomes: Mapped[list] = mapped_column(JSON, default=list)
    hours: Mapped[float] = mapped_column(Float)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    partner_name: Mapped[str] = mapped_column(String(200))
    trainers: Mapped[list] = mapped_column(JSON, default=list)
    final_score: Mapped[float | None] = mapped_column(Float)
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    issue_reason: Mapped[str] = mapped_column(Text, default="", server_default="")  # empty when automatic
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    revocation_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined", innerjoin=True)
    run: Mapped[CourseRun] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (
        Index(
            "uq_certificate_current",
            "user_id",
            "run_id",
            unique=True,
            sqlite_where=text(CURRENT),
            postgresql_where=text(CURRENT),
        ),
    )

    @property
    def is_current(self) -> bool:
        return self.revoked_at is None and self.superseded_at is None

    def status_on(self, day: date) -> CertificateStatus:
        """Revocation outranks supersession, which outranks expiry."""
        if self.revoked_at is not None:
            return CertificateStatus.REVOKED
        if self.superseded_at is not None:
            return CertificateStatus.SUPERSEDED
        if self.expires_on is not None and self.expires_on < day:
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID

    def status_at(self, now: datetime) -> CertificateStatus:
        """The status on the delivering partner's calendar day at `now`."""
        return self.status_on(to_zone(now, self.run.partner.timezone).date())

    def revoke(self, now: datetime, by_id: int | None, reason: str) -> None:
        """Withdraw the certificate; a revoked or superseded one cannot be revoked (again)."""
        if not self.is_current:
            raise Conflict(_("Only a current certificate can be revoked."))
        self.revoked_at = now
        self.revoked_by_id = by_id
        self.revocation_reason = reason

    def supersede(self, now: datetime) -> None:
        """Mark the certificate replaced by a re-issue; only the current one can be."""
        if not self.is_current:
            raise Conflict(_("Only a current certificate can be re-issued."))
        self.superseded_at = now
