import os

import pytest
from flask import current_app
from sqlalchemy import select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.accounts.audit.services import record
from ecri_lms.infra.extensions import db
from ecri_lms.infra.jobs.queue import QUEUE_NAME, enqueue, enqueue_after_commit, run_in_app

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL")


def write_event(summary: str) -> str:
    """A job with a visible effect: an audit row."""
    record(None, "test.job", "test", None, summary=summary)
    return summary


def test_without_redis_a_job_runs_inline(app):
    assert enqueue(write_event, "inline") == "inline"
    db.session.commit()
    assert db.session.scalar(select(AuditEvent.summary)) == "inline"


def test_a_queued_job_runs_in_the_worker_and_commits(app):
    assert run_in_app(f"{__name__}:write_event", ("from worker",), {}) == "from worker"
    db.session.expunge_all()
    assert db.session.scalar(select(AuditEvent.summary)) == "from worker"


@pytest.mark.skipif(not REDIS_TEST_URL, reason="needs REDIS_TEST_URL")
def test_with_redis_the_job_waits_for_a_worker(app, monkeypatch):
    from redis import Redis
    from rq import Queue, SimpleWorker

    monkeypatch.setitem(current_app.config, "REDIS_URL", REDIS_TEST_URL)
    connection = Redis.from_url(REDIS_TEST_URL)
    queue = Queue(QUEUE_NAME, connection=connection)
    queue.empty()
    job = enqueue(write_event, "queued")
    assert db.session.scalar(select(AuditEvent.id)) is None
    SimpleWorker([queue], connection=connection).work(burst=True)
    assert job.get_status(refresh=True) == "finished"
    db.session.expunge_all()
    assert db.session.scalar(select(AuditEvent.summary)) == "queued"
    connection.close()


def test_a_job_enqueued_after_commit_waits_for_the_commit(app):
    enqueue_after_commit(write_event, "after commit")
    assert db.session.scalar(select(AuditEvent.id)) is None
    db.session.commit()
    db.session.commit()  # the job ran once, in the first commit
    assert db.session.scalars(select(AuditEvent.summary)).all() == ["after commit"]


def test_a_released_savepoint_does_not_start_the_jobs_before_the_commit(app):
    with db.session.begin_nested():
        enqueue_after_commit(write_event, "after the real commit")
    assert db.session.scalar(select(AuditEvent.id)) is None
    db.session.commit()
    assert db.session.scalars(select(AuditEvent.summary)).all() == ["after the real commit"]


def test_a_rolled_back_transaction_never_runs_its_jobs(app):
    enqueue_after_commit(write_event, "never")
    db.session.rollback()
    db.session.commit()
    assert db.session.scalar(select(AuditEvent.id)) is None


def fail(_text: str) -> None:
    raise OSError("SMTP is down")


def test_a_failing_job_after_commit_is_logged_and_the_commit_stands(app, caplog):
    record(None, "test.kept", "test", None, summary="kept")
    enqueue_after_commit(fail, "x")
    db.session.commit()
    assert "could not be started after commit" in caplog.text
    assert db.session.scalar(select(AuditEvent.summary)) == "kept"
