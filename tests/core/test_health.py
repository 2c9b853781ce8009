"""/healthz: each dependency's state; 503 without a database, 200 "degraded" when only Redis is down."""

import os
from datetime import timedelta

import pytest
from flask import current_app

from ecri_lms.infra.extensions import db
from ecri_lms.infra.mail.outbox import queue_mail
from ecri_lms.infra.timeutil import utcnow
from tests.e2e.server import free_port


def test_the_health_check_reports_each_dependency(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")  # e-mail waits for a sender
    message = queue_mail("ana@example.org", "Waiting", "…")
    message.created_at = utcnow() - timedelta(minutes=10)
    db.session.commit()
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.json
    assert (report["status"], report["database"], report["redis"], report["job_queue"]) == (
        "ok",
        "ok",
        "not configured",
        None,
    )
    assert report["mail_outbox"]["unsent"] == 1 and report["mail_outbox"]["failed"] == 0
    assert 600 <= report["mail_outbox"]["oldest_unsent_seconds"] < 700


def test_with_redis_down_the_site_is_degraded_not_down(client, monkeypatch):
    monkeypatch.setitem(current_app.config, "REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert (response.json["status"], response.json["redis"], response.json["database"]) == (
        "degraded",
        "unreachable",
        "ok",
    )


@pytest.mark.skipif(not os.environ.get("REDIS_TEST_URL"), reason="needs REDIS_TEST_URL")
def test_with_redis_up_the_job_queue_depth_is_reported(client, monkeypatch):
    monkeypatch.setitem(current_app.config, "REDIS_URL", os.environ["REDIS_TEST_URL"])
    report = client.get("/healthz").json
    assert report["status"] == "ok" and report["redis"] == "ok" and report["job_queue"]["depth"] >= 0


def test_without_its_database_the_site_answers_503(make_app, tmp_path):
    unreachable = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'missing' / 'db.sqlite'}")
    response = unreachable.test_client().get("/healthz")
    assert response.status_code == 503
    assert (response.json["status"], response.json["database"], response.json["mail_outbox"]) == (
        "unavailable",
        "unreachable",
        None,
    )
