"""Sending the outbox: claim a due row, hand it over outside any transaction, record the outcome.

A claim is one UPDATE that succeeds only while the row is still claimable (pending and due, or
sending with an expired lease), so two senders never take the same row at once, on SQLite as on
PostgreSQL. The claim is a lease: a sender that dies before recording the outcome leaves the row to
be taken again once the lease ends. Had the SMTP server already accepted it, the message goes out a
second time with the same Message-ID: delivery is at least once.

Senders work on their own connections, never in the caller's session, so they can run anywhere:
in the worker, from cron, or right after a request's commit when e-mail only goes to the console.
"""

import logging
import time
from datetime import datetime, timedelta

from flask import current_app
from redis.exceptions import RedisError
from sqlalchemy import and_, select, update
from sqlalchemy.engine import Row

from ..extensions import db
from ..jobs.queue import put_on_queue, uses_queue
from ..timeutil import utcnow
from .message import build_message
from .models import OutboxMessage, OutboxStatus
from .transport import deliver

LEASE = timedelta(minutes=5)  # far longer than one SMTP exchange may take
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=2)
MAX_ATTEMPTS = 8  # retries over about four hours, then the message waits for an admin
JOB_SECONDS = 120  # a worker's job stops taking messages after this, within RQ's job timeout

log = logging.getLogger(__name__)
outbox = OutboxMessage.__table__


def retry_delay(attempts: int) -> timedelta:
    """Doubling from FIRST_RETRY after each failed attempt, capped at LONGEST_WAIT."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def _claimable(now: datetime):
    return and_(outbox.c.status.in_((OutboxStatus.PENDING.value, OutboxStatus.SENDING.value)), outbox.c.due_at <= now)


def claim_next(now: datetime) -> Row | None:
    """Take the next due message for this sender (committed at once), or None when none is due."""
    while True:
        with db.engine.begin() as conn:
            candidate = conn.scalar(
                select(outbox.c.id)
                .where(_claimable(now))
                .order_by(outbox.c.due_at, outbox.c.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            if candidate is None:
                return None
            claimed = conn.execute(
                update(outbox)
                .where(outbox.c.id == candidate, _claimable(now))
                .values(status=OutboxStatus.SENDING.value, attempts=outbox.c.attempts + 1, due_at=now + LEASE)
                .returning(*outbox.c)
            ).first()
        if claimed is not None:  # else another sender took it between the two statements: look again
            return claimed


def send_claimed(row: Row, now: datetime) -> bool:
    """Hand one claimed message over and record how it went; True when it left."""
    try:
        deliver(build_message(row))
    except Exception as error:  # whatever went wrong, the message is retried and the reason shown to admins
        log.warning("E-mail %s (outbox %s, attempt %s) not sent: %s", row.message_id, row.id, row.attempts, error)
        _record_failure(row, error, now)
        return False
    _finish(row, status=OutboxStatus.SENT.value, sent_at=utcnow(), last_error=None)
    return True


def _record_failure(row: Row, error: Exception, now: datetime) -> None:
    reason = f"{type(error).__name__}: {error}"[:500]
    if row.attempts >= MAX_ATTEMPTS:
        _finish(row, status=OutboxStatus.FAILED.value, last_error=reason)
    else:
        _finish(row, status=OutboxStatus.PENDING.value, due_at=now + retry_delay(row.attempts), last_error=reason)


def _finish(row: Row, **values) -> None:
    """Record the outcome, unless this sender's lease ran out and another sender holds the row now."""
    with db.engine.begin() as conn:
        result = conn.execute(
            update(outbox)
            .where(
                outbox.c.id == row.id, outbox.c.status == OutboxStatus.SENDING.value, outbox.c.attempts == row.attempts
            )
            .values(**values)
        )
    if result.rowcount == 0:
        log.warning("Outbox %s was taken over by another sender after this one's lease ran out", row.id)


def send_pending(now: datetime | None = None, seconds: float | None = None) -> int:
    """Send every message that is due (for at most `seconds`); return how many left."""
    started, sent = time.monotonic(), 0
    while seconds is None or time.monotonic() - started < seconds:
        row = claim_next(now or utcnow())
        if row is None:
            break
        sent += send_claimed(row, now or utcnow())
    return sent


def has_due_messages(now: datetime) -> bool:
    with db.engine.connect() as conn:
        return conn.scalar(select(outbox.c.id).where(_claimable(now)).limit(1)) is not None


def send_pending_job() -> None:
    """The worker's job: send what is due, and queue a follow-up when time ran out first."""
    send_pending(seconds=JOB_SECONDS)
    if has_due_messages(utcnow()):
        wake_sender()


def wake_sender() -> None:
    """After a commit that wrote e-mail: have it sent, without a network call in the request.

    To the console (development) it is printed now. With SMTP, a worker sends it when Redis
    answers; otherwise it waits for the next sender (`flask mail send-pending` from cron).
    """
    if not current_app.config["MAIL_SERVER"]:
        send_pending()
    elif uses_queue():
        try:
            put_on_queue(send_pending_job)
        except RedisError:
            log.warning("Redis is unreachable: e-mail waits in the outbox for the next sender")
