"""What /healthz reports: each dependency's state, and whether the site can serve (database) or only
serves in a degraded way (Redis: rate limits per process, no shared cache, e-mail waiting in the outbox)."""

import logging

from flask import current_app
from redis.exceptions import RedisError
from sqlalchemy import text

from ..infra.extensions import db
from ..infra.jobs.queue import queue_depth, redis_connection
from ..infra.mail.queries import backlog
from ..infra.timeutil import utcnow

OK, DEGRADED, UNAVAILABLE = "ok", "degraded", "unavailable"

log = logging.getLogger(__name__)


def database_report() -> dict | None:
    """The outbox's backlog when the database answers, else None."""
    try:
        db.session.execute(text("SELECT 1"))
        return backlog(utcnow())
    except Exception:  # any database failure means unhealthy; the reason goes to the log
        log.exception("Health check: the database does not answer")
        db.session.rollback()
        return None


def redis_report() -> dict:
    if not current_app.config.get("REDIS_URL"):
        return {"redis": "not configured", "job_queue": None}
    try:
        redis_connection().ping()
        return {"redis": OK, "job_queue": {"depth": queue_depth()}}
    except RedisError as error:
        log.warning("Health check: Redis does not answer (%s)", error)
        return {"redis": "unreachable", "job_queue": None}


def health() -> tuple[dict, int]:
    """The report and its HTTP status: 503 without a database, 200 otherwise ("degraded" without Redis)."""
    outbox = database_report()
    report = {"database": OK if outbox is not None else "unreachable", **redis_report(), "mail_outbox": outbox}
    if outbox is None:
        return {"status": UNAVAILABLE, **report}, 503
    return {"status": DEGRADED if report["redis"] == "unreachable" else OK, **report}, 200
