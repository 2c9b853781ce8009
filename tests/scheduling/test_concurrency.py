"""No overbooking under concurrency: many trainees pressing "Register" at the same moment."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ecri_lms import create_app
from ecri_lms.accounts.models import User
from ecri_lms.infra.extensions import db
from ecri_lms.scheduling import services
from ecri_lms.scheduling.models import CourseRun
from tests.dbutil import create_postgres_database, drop_postgres_database, postgres_server_url
from tests.factories import Factory, login_identity
from tests.overbooking import check_no_overbooking

ROOT = Path(__file__).resolve().parents[2]
TRAINEES = 200
SEATS = 20
DOUBLE_CLICKERS = 25  # these trainees press twice, at the same moment as everyone else
WORKERS = 4
DEADLINE = 120  # seconds: the whole exchange must be over by then


@pytest.mark.committing  # threads, each on its own connection
def test_threads_registering_at_once_never_overbook(app, make):
    """Several writers in one process, on whichever database the suite runs on."""
    run = make.run(capacity=5, format="online")
    trainee_ids = [make.trainee().id for _ in range(30)]
    run_id = run.id
    barrier = threading.Barrier(10)

    def register_some(ids):
        with app.app_context():
            barrier.wait(timeout=30)
            for user_id in ids:
                services.register(db.session.get(User, user_id), db.session.get(CourseRun, run_id))
                db.session.commit()
            db.session.remove()

    with ThreadPoolExecutor(max_workers=10) as pool:
        for future in [pool.submit(register_some, trainee_ids[i::10]) for i in range(10)]:
            future.result(timeout=DEADLINE)
    db.session.expire_all()
    check_no_overbooking(run_id, 30, 5)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited early"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    raise AssertionError("gunicorn did not start in 30 seconds")


@pytest.fixture
def served_database(tmp_path):
    """A fresh PostgreSQL database with the schema, served by gunicorn with several workers."""
    url = create_postgres_database(postgres_server_url(), "concurrency")
    setup_app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with setup_app.app_context():
        db.create_all()
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
            "tests.scheduling.concurrent_server:app",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=os.environ | {"ECRI_TEST_SERVER_DATABASE_URL": url, "ECRI_CONFIG": "testing"},
    )
    try:
        _wait_until_serving(port, server)
        yield setup_app, port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)
        log.close()
        with setup_app.app_context():
            db.session.remove()
            db.engine.dispose()
        drop_postgres_database(url)


def _session_cookie(setup_app, user) -> str:
    """What the login form would have set: a session cookie signed with the app's secret."""
    return setup_app.session_interface.get_signing_serializer(setup_app).dumps(
        {"_user_id": login_identity(user), "_fresh": True}
    )


def _press_register(port: int, run_id: int, cookie: str, barrier: threading.Barrier) -> int:
    barrier.wait(timeout=30)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=DEADLINE)
    connection.request(
        "POST",
        f"/runs/{run_id}/register",
        body="",
        headers={"Cookie": f"session={cookie}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.skipif(postgres_server_url() is None, reason="needs PostgreSQL: set TEST_DATABASE_URL")
def test_two_hundred_trainees_registering_at_once_through_gunicorn_leave_exactly_twenty_seated(served_database):
    setup_app, port = served_database
    with setup_app.app_context():
        make = Factory()
        run = make.run(capacity=SEATS, format="online")
        trainees = [make.trainee(partner=("BIOIBAL", "HBIO", "LSK", "BIOPMED")[i % 4]) for i in range(TRAINEES)]
        cookies = [_session_cookie(setup_app, trainee) for trainee in trainees]
        run_id = run.id
        db.session.remove()
    presses = cookies + cookies[:DOUBLE_CLICKERS]
    barrier = threading.Barrier(len(presses))
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(presses)) as pool:
        statuses = list(pool.map(lambda cookie: _press_register(port, run_id, cookie, barrier), presses))
    assert time.monotonic() - started < DEADLINE
    assert statuses == [302] * len(presses)  # every press answered (a redirect back to the run), none failed
    with setup_app.app_context():
        check_no_overbooking(run_id, TRAINEES, SEATS)
        db.session.remove()
