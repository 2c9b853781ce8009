"""Browser tests: the real app under gunicorn on a fresh database, driven by Debian's Chromium.

One server per test process (session scope), one browser context per test. Pages opened by the
`page` and `phone_page` fixtures are watched for console errors, and axe is served to them on the
app's origin (see checks.py). Every test's queued HTML goes to the Nu Html Checker when it ends.
"""

import os
import shutil
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from ecri_lms import create_app
from ecri_lms.demo.people import DEMO_DOMAIN, DEMO_PASSWORD
from ecri_lms.infra.extensions import db
from tests.dbutil import create_postgres_database, drop_postgres_database, postgres_server_url
from tests.e2e import checks, server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
DEFAULT_TIMEOUT_MS = 15_000

# Assertions wait as long as actions: CI machines are small and shared.
expect.set_options(timeout=DEFAULT_TIMEOUT_MS)


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def login(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the login form, as a person would, and land past it."""
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    alerts = page.get_by_role("alert").all_inner_texts()
    assert urlparse(page.url).path != "/login", f"could not log in as {email}: {alerts}"


def _missing_tools() -> list[str]:
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append("Chromium (apt-get install chromium)")
    if shutil.which("java") is None:
        missing.append("Java (apt-get install default-jre-headless)")
    if not (checks.AXE_JS.exists() and checks.VNU_JAR.exists()):
        missing.append("axe-core and vnu-jar (npm ci)")
    return missing


@pytest.fixture(scope="session", autouse=True)
def _browser_tools():
    """Skip the browser tests where their tools are missing; in CI, where .ci/run installs them, fail."""
    missing = _missing_tools()
    if not missing:
        return
    message = "browser tests need " + ", ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(message + ": .ci/run should have installed them")
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _isolated_database():
    """Browser tests use the live server's own database, not the in-process test app's tables."""


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app under gunicorn on 127.0.0.1, on a migrated database holding the demo consortium."""
    workdir = tmp_path_factory.mktemp("e2e")
    postgres = postgres_server_url()
    label = "e2e_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    database_url = create_postgres_database(postgres, label) if postgres else f"sqlite:///{workdir / 'e2e.sqlite'}"
    port = server.free_port()
    env = server.server_environment(database_url, workdir, f"http://127.0.0.1:{port}")
    try:
        server.prepare_database(env)
        live = server.start(env, port, workdir / "gunicorn.log")
        try:
            yield live
        finally:
            server.stop(live)
    finally:
        if postgres:
            drop_postgres_database(database_url)


@pytest.fixture(scope="session")
def live_app(live_server, tmp_path_factory):
    """An in-process app on the live server's database, to set up what no page creates yet."""
    app = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": live_server.database_url,
            "MAIL_SERVER": "",
            "STORAGE_DIR": str(tmp_path_factory.mktemp("live-app-storage")),
        },
    )
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _open_page(browser: Browser, base_url: str, **context_options) -> Page:
    context = browser.new_context(base_url=base_url, locale="en-GB", **context_options)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    checks.serve_axe(context, base_url)
    page = context.new_page()
    checks.watch(page)
    return page


@pytest.fixture
def page(browser, live_server):
    """A desktop-sized page in a fresh browser context (no cookies)."""
    opened = _open_page(browser, live_server.url, viewport=DESKTOP)
    yield opened
    opened.context.close()


@pytest.fixture
def other_page(browser, live_server):
    """A second desktop page in its own context, for another person in the same test (a trainer showing a code)."""
    opened = _open_page(browser, live_server.url, viewport=DESKTOP)
    yield opened
    opened.context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A phone-sized touch page (390×844, like a current mid-size phone) in a fresh context."""
    opened = _open_page(browser, live_server.url, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield opened
    opened.context.close()


@pytest.fixture(autouse=True)
def html_batch():
    """Pages given to assert_valid_html during the test, checked together when it ends."""
    with checks.collecting_html() as batch:
        yield batch


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Run the test's one Nu Html Checker call as part of the test, so invalid HTML fails it."""
    try:
        return (yield)
    finally:
        batch = item.funcargs.get("html_batch")
        if batch is not None:
            batch.assert_valid()
