"""Enqueueing jobs.

A job is a module-level function called with plain arguments (ids, strings), so it can run in an
RQ worker process as well as inline. The worker (`flask jobs worker`) runs each job inside an app
context and commits when it succeeds.
"""

from collections.abc import Callable

from flask import current_app

from ..extensions import db

QUEUE_NAME = "ecri"


def redis_connection():
    from redis import Redis

    return Redis.from_url(current_app.config["REDIS_URL"])


def uses_queue() -> bool:
    return bool(current_app.config.get("REDIS_URL")) and not current_app.config.get("JOBS_INLINE", False)


def enqueue(func: Callable, *args, **kwargs):
    """Run `func(*args, **kwargs)` in the background when a queue is configured, else now."""
    if uses_queue():
        from rq import Queue

        return Queue(QUEUE_NAME, connection=redis_connection()).enqueue(
            run_in_app, f"{func.__module__}:{func.__qualname__}", args, kwargs)
    return func(*args, **kwargs)


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
