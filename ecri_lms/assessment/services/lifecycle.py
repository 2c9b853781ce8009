"""Closing attempts: on submission, and lazily once the time limit and its grace have passed."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from flask import current_app

from ...infra.timeutil import utcnow
from ..models import Attempt
from .attempt_scoring import grade_attempt

DEFAULT_GRACE_SECONDS = 30


def grace() -> timedelta:
    """How long after the deadline a save or submission still counts (network delays, slow clicks)."""
    return timedelta(seconds=current_app.config.get("QUIZ_GRACE_SECONDS", DEFAULT_GRACE_SECONDS))


def is_late(attempt: Attempt, now: datetime) -> bool:
    """Whether `now` is past the attempt's deadline plus the grace."""
    return attempt.deadline_at is not None and now > attempt.deadline_at + grace()


def finish_attempt(attempt: Attempt, at: datetime, *, automatically: bool = False, now: datetime | None = None) -> None:
    """Close an in-progress attempt at `at` and grade it on what was saved."""
    attempt.submit(at, automatically=automatically)
    grade_attempt(attempt, now or at)


def close_if_expired(attempt: Attempt, now: datetime | None = None) -> bool:
    """Close an in-progress attempt whose time ran out (no background job: whoever touches it first)."""
    now = now or utcnow()
    if not attempt.is_in_progress or not is_late(attempt, now):
        return False
    finish_attempt(attempt, attempt.deadline_at, automatically=True, now=now)
    return True


def close_expired(attempts: Iterable[Attempt], now: datetime | None = None) -> None:
    """close_if_expired for each attempt of a list (e.g. before computing grades)."""
    now = now or utcnow()
    for attempt in attempts:
        close_if_expired(attempt, now)
