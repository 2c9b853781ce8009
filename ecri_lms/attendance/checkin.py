"""Self check-in: the trainer opens a window with a short code; registered trainees check in with it.

A check-in marks the trainee present only when they are unmarked or marked absent: a mark the
trainer made (late, excused, or present with a remark) is never overwritten by the trainee.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from ..accounts.audit.services import record
from ..infra.errors import ValidationError
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.timeutil import utcnow
from ..scheduling.models import Registration, TrainingSession
from ..scheduling.permissions import require_manage_run
from .models import AttendanceMark, CheckInWindow, Source, Status
from .services import apply_mark

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read off a projector
CODE_LENGTH = 6
MIN_MINUTES, MAX_MINUTES = 15, 120
OVERWRITABLE = (None, Status.ABSENT.value)


class CheckInRefused(ValidationError):
    """The code was refused; `wrong_code` says whether it counts towards the rate limit."""

    def __init__(self, message: str, wrong_code: bool = False):
        super().__init__(message)
        self.wrong_code = wrong_code


@dataclass(frozen=True)
class CheckInResult:
    training_session: TrainingSession
    status: str
    changed: bool

    @property
    def message(self) -> str:
        if self.changed:
            return _("You are checked in: marked present.")
        if self.status == Status.PRESENT.value:
            return _("You were already checked in.")
        if self.status == Status.LATE.value:
            return _("Your trainer has already recorded you as late for this session.")
        if self.status == Status.EXCUSED.value:
            return _("Your trainer has already recorded you as excused for this session.")
        return _(
            "Your trainer has already recorded you as %(status)s for this session.", status=Status(self.status).label
        )


def normalise_code(text: str) -> str:
    return "".join((text or "").split()).upper()


def window_of(training_session_id: int) -> CheckInWindow | None:
    return db.session.scalar(select(CheckInWindow).where(CheckInWindow.training_session_id == training_session_id))


def _new_code(now: datetime) -> str:
    """A code no open window uses (so a code names one session at a time)."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        taken = db.session.scalar(
            select(CheckInWindow.id).where(CheckInWindow.code == code, CheckInWindow.closes_at > now)
        )
        if taken is None:
            return code


def open_check_in(actor, training_session: TrainingSession, minutes: int, now: datetime | None = None) -> CheckInWindow:
    """Open (or reopen, with a new code) check-in for `minutes` from now."""
    require_manage_run(actor, training_session.run)
    if training_session.is_cancelled:
        raise ValidationError(_("This session is cancelled: there is nothing to check in to."))
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValidationError(
            _("Check-in stays open between %(min)d and %(max)d minutes.", min=MIN_MINUTES, max=MAX_MINUTES)
        )
    now = now or utcnow()
    window = window_of(training_session.id) or CheckInWindow(training_session_id=training_session.id)
    window.code, window.opens_at, window.closes_at = _new_code(now), now, now + timedelta(minutes=minutes)
    window.opened_by_id = getattr(actor, "id", None)
    db.session.add(window)
    db.session.flush()
    record(
        actor,
        "attendance.check_in_open",
        "training_session",
        training_session.id,
        partner_id=training_session.run.partner_id,
        summary=f"Check-in opened for {minutes} minutes",
        closes_at=window.closes_at.isoformat(),
    )
    return window


def close_check_in(actor, training_session: TrainingSession, now: datetime | None = None) -> None:
    """End the window now, before its planned close."""
    require_manage_run(actor, training_session.run)
    now = now or utcnow()
    window = window_of(training_session.id)
    if window is None or not window.is_open(now):
        raise ValidationError(_("Check-in is not open for this session."))
    window.closes_at = now
    record(
        actor,
        "attendance.check_in_close",
        "training_session",
        training_session.id,
        partner_id=training_session.run.partner_id,
        summary="Check-in closed early",
    )


def _window_for_code(code: str) -> CheckInWindow | None:
    """The most recent window given this code (older ones may have reused it after closing)."""
    return db.session.scalar(
        select(CheckInWindow).where(CheckInWindow.code == code).order_by(CheckInWindow.opens_at.desc()).limit(1)
    )


def check_in(user, code: str, now: datetime | None = None) -> CheckInResult:
    """Mark the user present at the session whose open window has this code."""
    now = now or utcnow()
    code = normalise_code(code)
    window = _window_for_code(code) if len(code) == CODE_LENGTH else None
    if window is None:
        raise CheckInRefused(
            _("That code is not valid. Check the code your trainer shows and try again."), wrong_code=True
        )
    if now >= window.closes_at:
        raise CheckInRefused(
            _("Check-in for this session has closed. Ask your trainer to mark you on the attendance sheet.")
        )
    if now < window.opens_at:
        raise CheckInRefused(_("Check-in for this session has not opened yet."))
    training_session = window.training_session
    confirmed = db.session.scalar(
        select(Registration.id).where(
            Registration.confirmed_on(training_session.run_id),
            Registration.user_id == user.id,
        )
    )
    if confirmed is None:
        raise CheckInRefused(_("You are not a confirmed trainee of this session, so you cannot check in to it."))
    existing = db.session.scalar(
        select(AttendanceMark).where(
            AttendanceMark.training_session_id == training_session.id, AttendanceMark.user_id == user.id
        )
    )
    if existing is not None and existing.status not in OVERWRITABLE:
        return CheckInResult(training_session, existing.status, changed=False)
    apply_mark(
        user,
        training_session,
        user.id,
        Status.PRESENT.value,
        existing.remark if existing else "",
        source=Source.CHECK_IN.value,
        existing=existing,
        now=now,
    )
    return CheckInResult(training_session, Status.PRESENT.value, changed=True)
