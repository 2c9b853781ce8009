"""Two gunicorn instances on one PostgreSQL database and one Redis behave as one site."""

import http.client
import os
import re
import secrets
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from itsdangerous import URLSafeTimedSerializer

from ecri_lms import create_app
from ecri_lms.accounts.login_failures import FREE_FAILURES
from ecri_lms.infra.extensions import db
from tests.dbutil import create_postgres_database, drop_postgres_database, postgres_server_url
from tests.e2e import server as live
from tests.factories import PASSWORD, Factory, login_identity
from tests.overbooking import check_no_overbooking

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL")
TRAINEES = 40
SEATS = 12

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.skipif(
        postgres_server_url() is None or not REDIS_TEST_URL,
        reason="needs PostgreSQL and Redis: set TEST_DATABASE_URL and REDIS_TEST_URL",
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One database, one Redis, one SECRET_KEY; two gunicorn instances on two loopback ports."""
    workdir = tmp_path_factory.mktemp("two-servers")
    url = create_postgres_database(postgres_server_url(), "twoservers")
    env = live.server_environment(url, workdir, "http://127.0.0.1")
    env |= {"REDIS_URL": REDIS_TEST_URL, "LOGIN_RATE_LIMIT_PER_ADDRESS": "1000 per minute"}
    setup_app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": env["SECRET_KEY"]})
    with setup_app.app_context():
        db.create_all()
        db.session.remove()
    servers = []
    try:
        for name in ("a", "b"):
            servers.append(live.start(env, live.free_port(), workdir / f"gunicorn-{name}.log"))
        yield setup_app, servers
    finally:
        for server in servers:
            live.stop(server)
        with setup_app.app_context():
            db.session.remove()
            db.engine.dispose()
        drop_postgres_database(url)


def request(server, method: str, path: str, cookie: str = "", form: dict | None = None):
    """One HTTP exchange; returns (status, Set-Cookie session value or '', body)."""
    host, port = server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    headers = {"Cookie": f"session={cookie}"} if cookie else {}
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or ():
            jar.load(header)
        new_cookie = jar["session"].value if "session" in jar else ""
        return response.status, new_cookie or cookie, response.read().decode()
    finally:
        connection.close()


def login_form(server) -> tuple[str, str]:
    """The login page's session cookie and CSRF token."""
    _status, cookie, page = request(server, "GET", "/login")
    return cookie, re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def log_in(server, email: str, password: str) -> tuple[int, str]:
    cookie, token = login_form(server)
    status, cookie, _page = request(
        server, "POST", "/login", cookie, {"csrf_token": token, "email": email, "password": password}
    )
    return status, cookie


def test_a_login_on_one_instance_is_valid_on_the_other(site):
    setup_app, (first, second) = site
    with setup_app.app_context():
        Factory().trainee(email="both@example.org", name="Both Servers")
        db.session.remove()
    status, cookie = log_in(first, "both@example.org", PASSWORD)
    assert status == 302
    status, _cookie, page = request(second, "GET", "/my/sessions", cookie)
    assert status == 200 and "Both Servers" in page
    assert request(second, "GET", "/my/sessions")[0] == 302  # without the cookie: off to the login page


def test_the_login_back_off_counts_failures_on_both_instances(site):
    email = f"limited-{uuid.uuid4().hex[:8]}@example.org"
    codes = [
        log_in(first_or_second, email, "wrong-password")[0]
        for first_or_second in [site[1][0]] * FREE_FAILURES + [site[1][1]]
    ]
    assert codes == [200] * FREE_FAILURES + [429]


def _signed_session(setup_app, user) -> tuple[str, str]:
    """A logged-in session cookie with its CSRF token, as the login form would have produced."""
    raw = secrets.token_hex(20)
    cookie = setup_app.session_interface.get_signing_serializer(setup_app).dumps(
        {"_user_id": login_identity(user), "_fresh": True, "csrf_token": raw}
    )
    return cookie, URLSafeTimedSerializer(setup_app.secret_key, salt="wtf-csrf-token").dumps(raw)


def test_registrations_split_across_both_instances_never_overbook(site):
    setup_app, servers = site
    with setup_app.app_context():
        make = Factory()
        run = make.run(capacity=SEATS, format="online")
        sessions = [_signed_session(setup_app, make.trainee()) for _ in range(TRAINEES)]
        run_id = run.id
        db.session.remove()
    barrier = threading.Barrier(TRAINEES)

    def press(index: int) -> int:
        cookie, token = sessions[index]
        barrier.wait(timeout=30)
        return request(servers[index % 2], "POST", f"/runs/{run_id}/register", cookie, {"csrf_token": token})[0]

    with ThreadPoolExecutor(max_workers=TRAINEES) as pool:
        statuses = list(pool.map(press, range(TRAINEES)))
    assert statuses == [302] * TRAINEES
    with setup_app.app_context():
        check_no_overbooking(run_id, TRAINEES, SEATS)
        db.session.remove()
