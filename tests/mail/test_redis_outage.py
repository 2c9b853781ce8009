"""Redis stopped mid-run: nobody gets a 500, and once it is back every confirmation arrives exactly once.

PostgreSQL, a redis-server of the test's own on a spare port (never the shared one), and an SMTP sink
on 127.0.0.1; the RQ worker runs in the test process.
"""

import shutil
import subprocess
import time
from contextlib import contextmanager

import pytest
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, SimpleWorker

from ecri_lms.infra.extensions import db
from ecri_lms.infra.jobs.queue import QUEUE_NAME
from ecri_lms.infra.mail.sender import send_pending
from tests.dbutil import postgres_server_url
from tests.e2e.server import free_port
from tests.factories import PASSWORD, login_identity
from tests.mail.smtp_sink import smtp_sink
from tests.outbox import outbox_rows

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.committing,  # the app under test and the sender read the data through connections of their own
    pytest.mark.skipif(
        postgres_server_url() is None or shutil.which("redis-server") is None,
        reason="needs PostgreSQL (TEST_DATABASE_URL) and redis-server",
    ),
]

TRAINEES = 50
LOGINS = 50
BEFORE = 5  # registrations while Redis is still up


class RedisServer:
    """A redis-server of this test only, without persistence: stopped, it forgets everything."""

    def __init__(self, port: int, workdir):
        self.port, self.workdir, self.process = port, workdir, None
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                Redis.from_url(self.url, socket_connect_timeout=1).ping()
                return
            except RedisError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@contextmanager
def redis_server(workdir):
    server = RedisServer(free_port(), workdir)
    server.start()
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.stop()


def logged_in_client(site, user):
    client = site.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = login_identity(user), True
    return client


def register(site, trainee, run) -> int:
    return logged_in_client(site, trainee).post(f"/runs/{run.id}/register").status_code


def log_in(site, user, number: int) -> int:
    client = site.test_client()
    client.environ_base["REMOTE_ADDR"] = f"10.0.{number // 200}.{number % 200 + 1}"  # under the per-address limit
    return client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code


def run_worker(site, redis_url: str) -> None:
    with site.app_context():
        connection = Redis.from_url(redis_url)
        SimpleWorker([Queue(QUEUE_NAME, connection=connection)], connection=connection).work(burst=True)
        connection.close()
        db.session.remove()


def test_with_redis_stopped_mid_run_nobody_gets_a_500_and_every_confirmation_arrives_once(make_app, make, tmp_path):
    runs = [make.run(capacity=40, format="online") for _ in range(2)]
    trainees = [make.trainee(email=f"trainee{n}@example.org") for n in range(BEFORE + TRAINEES + 1)]
    others = [make.trainee(email=f"other{n}@example.org") for n in range(LOGINS)]
    with redis_server(tmp_path) as redis, smtp_sink() as (sink, smtp_port):
        site = make_app(
            REDIS_URL=redis.url,
            RATELIMIT_STORAGE_URI=redis.url,
            RATELIMIT_ENABLED=True,
            MAIL_SERVER="127.0.0.1",
            MAIL_PORT=smtp_port,
            MAIL_USE_TLS=False,
        )
        assert [register(site, t, runs[0]) for t in trainees[:BEFORE]] == [302] * BEFORE
        run_worker(site, redis.url)
        assert len(sink.messages) == BEFORE

        redis.stop()
        during = [register(site, t, runs[n % 2]) for n, t in enumerate(trainees[BEFORE:-1])]
        during += [log_in(site, user, n) for n, user in enumerate(others)]
        assert during == [302] * (TRAINEES + LOGINS)
        health = site.test_client().get("/healthz")
        assert health.status_code == 200 and health.json["status"] == "degraded"
        assert health.json["mail_outbox"]["unsent"] == TRAINEES and len(sink.messages) == BEFORE

        redis.start()
        assert register(site, trainees[-1], runs[1]) == 302  # the next e-mail's job sends every one waiting
        run_worker(site, redis.url)
        with site.app_context():
            assert send_pending() == 0  # a cron run meanwhile finds nothing left to send
            db.session.remove()

    received = sink.message_ids()
    rows = outbox_rows()
    assert len(rows) == len(trainees) and {row.status for row in rows} == {"sent"}
    assert sorted(received) == sorted(row.message_id for row in rows)  # each one, exactly once
    confirmed = sorted(message["To"] for message in sink.messages if message["Subject"].startswith("Your seat"))
    assert confirmed == sorted(t.email for t in trainees)
