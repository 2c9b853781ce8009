"""Enqueueing jobs.

A job is a module-level function called with plain arguments (ids, strings, bytes), so it can run
in an RQ worker process as well as inline. The worker (`flask jobs worker`) runs each job inside an
app context and commits when it succeeds.
"""

import logging
from collections.abc import Callable

from flask import current_app
from redis.exceptions import RedisError

from ..events import call_after_commit
from ..extensions import db

QUEUE_NAME = "ecri"
REDIS_CONNECT_TIMEOUT_SECONDS = 2  # a Redis that does not answer is given up quickly, never waited for

log = logging.getLogger(__name__)


def redis_connection():
    from redis import Redis

    return Redis.from_url(current_app.config["REDIS_URL"], socket_connect_timeout=REDIS_CONNECT_TIMEOUT_SECONDS)


def queue_depth() -> int:
    """Jobs waiting for a worker (raises RedisError when Redis does not answer)."""
    from rq import Queue

    return Queue(QUEUE_NAME, connection=redis_connection()).count


def uses_queue() -> bool:
    return bool(current_app.config.get("REDIS_URL")) and not current_app.config.get("JOBS_INLINE", False)


def _target(func: Callable) -> str:
    return f"{func.__module__}:{func.__qualname__}"


def call_of(func: Callable, *args, **kwargs) -> tuple[str, tuple, dict]:
    """The arguments of `run_in_app` that make it call `func(*args, **kwargs)` (what a schedule enqueues)."""
    return _target(func), args, kwargs


def put_on_queue(func: Callable, *args, **kwargs):
    """Queue the job for a worker; raises RedisError when Redis does not answer."""
    from rq import Queue

    return Queue(QUEUE_NAME, connection=redis_connection()).enqueue(run_in_app, *call_of(func, *args, **kwargs))


def enqueue(func: Callable, *args, **kwargs):
    """Run `func(*args, **kwargs)` in the background when a queue is configured, else now.

    When Redis is configured but does not answer, the job runs now, as it would without Redis.
    """
    if uses_queue():
        try:
            return put_on_queue(func, *args, **kwargs)
        except RedisError:
            log.warning("Redis is unreachable: job %s runs now instead of in a worker", _target(func))
    return func(*args, **kwargs)


def enqueue_after_commit(func: Callable, *args, **kwargs) -> None:
    """Enqueue the job once the current transaction commits, and never if it rolls back.

    For side effects such as e-mail: nobody hears of a change that did not happen, and no SMTP
    wait or queue round trip happens while the transaction holds its locks.
    """
    call_after_commit(db.session(), _start, func, args, kwargs)


def _start(func: Callable, args: tuple, kwargs: dict) -> None:
    try:
        enqueue(func, *args, **kwargs)
    except Exception:  # the change is committed: a lost side effect is logged, never a 500
        log.exception("Job %s could not be started after commit", _target(func))


def run_in_app(target: str, args: tuple, kwargs: dict):
    """Entry point of a queued job inside the worker: resolve the function and run it."""
    import importlib

    module_name, _, name = target.partition(":")
    func = getattr(importlib.import_module(module_name), name)
    try:
        result = func(*args, **kwargs)
        db.session.commit()
        return result
    except Exception:
        db.session.rollback()
        raise
