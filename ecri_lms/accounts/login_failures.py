"""The back-off after failed logins, per account and address.

Only failures count, so a classroom logging in from one venue's Wi-Fi is never slowed. After FREE_FAILURES
for an account from one address, each further attempt from that address waits twice as long as the one
before, up to LONGEST_WAIT, even with the right password; the owner, from another address, is not slowed.
Kept in the database, so every worker and app instance sees the same counts, with Redis or without.
"""

import hashlib
import hmac
import math
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite

from ..infra.errors import TooManyAttempts
from ..infra.extensions import db
from ..infra.timeutil import utcnow
from .models import LoginFailure

FREE_FAILURES = 5
FIRST_WAIT = timedelta(seconds=15)
LONGEST_WAIT = timedelta(minutes=5)
FORGET_AFTER = timedelta(hours=1)  # an account and address with no failure for this long start again


def _key(email: str, address: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{email}\n{address}".encode(), hashlib.sha256).hexdigest()


def wait_after(failures: int) -> timedelta:
    """How long the attempt after `failures` failures waits: nothing at first, then doubling to a ceiling."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    doublings = min(failures - FREE_FAILURES, 16)  # 15 s × 2¹⁶ is far past the ceiling already
    return min(FIRST_WAIT * 2**doublings, LONGEST_WAIT)


def require_no_wait(email: str, address: str) -> None:
    """Refuse the attempt (TooManyAttempts, with the seconds left) while this account and address must wait."""
    row = db.session.get(LoginFailure, _key(email, address))
    if row is None:
        return
    left = (row.last_failed_at + wait_after(row.failures) - utcnow()).total_seconds()
    if left > 0:
        raise TooManyAttempts(math.ceil(left))


def record_failure(email: str, address: str) -> None:
    """Count a failure; one statement, so that concurrent failures all count."""
    now = utcnow()
    db.session.execute(delete(LoginFailure).where(LoginFailure.last_failed_at < now - FORGET_AFTER))
    dialect = db.session.get_bind().dialect.name
    insert = (postgresql if dialect == "postgresql" else sqlite).insert(LoginFailure)
    first = insert.values(key=_key(email, address), failures=1, last_failed_at=now)
    db.session.execute(
        first.on_conflict_do_update(
            index_elements=["key"],
            set_={"failures": LoginFailure.failures + 1, "last_failed_at": first.excluded.last_failed_at},
        )
    )


def forget_failures(email: str, address: str) -> None:
    """A successful login from the address clears its failures for the account."""
    db.session.execute(delete(LoginFailure).where(LoginFailure.key == _key(email, address)))
