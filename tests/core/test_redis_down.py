"""Redis down does not stop the site: rate limits count per process, results are recomputed, jobs run here."""

import pytest
from flask import current_app
from sqlalchemy import select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.certificates import codes
from ecri_lms.infra.caching.results import cached_result
from ecri_lms.infra.caching.store import install_store
from ecri_lms.infra.extensions import db
from ecri_lms.infra.jobs.queue import enqueue
from tests.core.test_jobs import write_event
from tests.e2e.server import free_port
from tests.factories import PASSWORD

SIGN_UP = {
    "name": "Łukasz Żółć",
    "email": "lukasz@example.org",
    "password": "a-sturdy-passphrase",
    "confirm": "a-sturdy-passphrase",
    "partner": "LSK",
    "organisation_type": "sme",
    "organisation_name": "Wawel Biotech",
}


def dead_redis_url() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"


@pytest.fixture
def redis_down(make_app):
    """An app whose Redis (rate limits, cache, queue) does not answer, with its rate limits on."""
    url = dead_redis_url()
    return make_app(
        REDIS_URL=url, RATELIMIT_STORAGE_URI=url, RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT_PER_ADDRESS="3 per minute"
    )


def test_with_redis_down_logging_in_registering_resetting_and_verifying_still_answer(redis_down, make, caplog):
    make.trainee(email="t@example.org")
    client = redis_down.test_client()
    answers = [
        client.post("/login", data={"email": "t@example.org", "password": PASSWORD}).status_code,
        client.get("/").status_code,
        client.post("/logout").status_code,
        client.post("/sign-up", data=SIGN_UP).status_code,
        client.post("/logout").status_code,
        client.post("/password/forgot", data={"email": "t@example.org"}).status_code,
        client.get(f"/verify/{codes.new_code()}").status_code,
    ]
    assert answers == [302, 200, 302, 302, 302, 302, 404]
    assert "Rate limit storage unreachable - falling back to in-memory storage" in caplog.text


def test_with_redis_down_each_route_keeps_its_own_limit(redis_down, make):
    make.trainee(email="t@example.org")
    client = redis_down.test_client()
    wrong = [
        client.post("/login", data={"email": "t@example.org", "password": "nope-nope"}).status_code for _ in range(4)
    ]
    assert wrong == [200, 200, 200, 429]


def test_with_redis_down_a_cached_result_is_computed_again(app, monkeypatch, caplog):
    monkeypatch.setitem(current_app.config, "REDIS_URL", dead_redis_url())
    monkeypatch.setitem(app.extensions, "result_cache", None)
    install_store(app)  # a Redis store, as the app makes when REDIS_URL is set
    runs = []
    assert [cached_result("test.down", ("registration",), (), lambda: runs.append(1) or "fresh") for _ in range(2)] == [
        "fresh",
        "fresh",
    ]
    assert len(runs) == 2 and "Result cache unavailable" in caplog.text


def test_with_redis_down_a_job_runs_here_rather_than_being_lost(app, monkeypatch, caplog):
    monkeypatch.setitem(current_app.config, "REDIS_URL", dead_redis_url())
    assert enqueue(write_event, "ran here") == "ran here"
    db.session.commit()
    assert db.session.scalar(select(AuditEvent.summary)) == "ran here"
    assert "Redis is unreachable: job tests.core.test_jobs:write_event runs now" in caplog.text
