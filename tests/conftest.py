"""Shared fixtures: one app and schema per test process, every test starting from empty tables.

Each test runs inside a transaction that is rolled back when it ends (tests/dbutil.py,
`rolled_back_transaction`): `db.session` joins it through a SAVEPOINT, so what the code commits is
seen by the test, its requests (test client, CLI runner, `make_app` apps) and the commit hooks
(jobs after commit, cache version tokens), and is gone for the next test. Apps on other databases
(a backup's target, a migrated scratch database) keep their own engines and commit for real.

`@pytest.mark.committing` keeps the slower path for a test whose data must be read through another
connection to the test database: other threads, another process (gunicorn), or `db.engine`
directly. Its commits are real and every table is emptied when it ends.

Data that is slow to build is built once per test process in a database of its own, and each test
uses it inside a transaction rolled back at its end: `demo_consortium` (what `flask demo load`
builds), the security suite's `world` and the reporting tests' `data` (their conftest.py files).

Passwords are hashed at Argon2's cheapest (tests/hashing.py), production's parameters only where the
hashing itself is tested.
"""

import pytest
from click.testing import Result
from flask import Flask, g
from flask.testing import FlaskClient

from ecri_lms import create_app
from ecri_lms.infra.caching.store import EXTENSION as RESULT_STORE
from ecri_lms.infra.extensions import db, limiter
from tests.dbutil import prebuilt_data, rolled_back_transaction, tables_emptied_afterwards, throwaway_database
from tests.factories import Factory, login_identity
from tests.hashing import CHEAP_HASHER, hash_with


class EnglishBrowser(FlaskClient):
    """A test client that asks for English, as a browser set to English does: tests of wording read the
    original messages; the language tests (tests/i18n) send their own Accept-Language or cookie."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.environ_base.setdefault("HTTP_ACCEPT_LANGUAGE", "en")


def pytest_configure(config):
    hash_with(CHEAP_HASHER)
    Flask.test_client_class = EnglishBrowser


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    with throwaway_database(tmp_path_factory, "test") as url:
        yield url


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    app = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "STORAGE_DIR": str(tmp_path_factory.mktemp("storage")),
        },
    )

    @app.teardown_request
    def _forget_cached_user(_exc):
        # Tests share one app context across requests; a real request never does.
        g.pop("_login_user", None)

    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _isolated_database(request, app):
    """Each test runs in a pushed app context, on empty tables, and leaves them empty (see above).

    It starts with no cached results either: rolled back, the tables' version tokens (caching/) come
    back, so a result cached by an earlier test could be found again."""
    app.extensions[RESULT_STORE].clear()
    if request.node.get_closest_marker("committing"):
        with tables_emptied_afterwards():
            yield
    else:
        with rolled_back_transaction(db.engine):
            yield


def _load_demo(demo_app) -> Result:
    return demo_app.test_cli_runner().invoke(args=["demo", "load"])


@pytest.fixture(scope="session")
def _demo_data(app, tmp_path_factory):
    """`flask demo load` run once per test process, into a database and a storage of its own."""
    with prebuilt_data(tmp_path_factory, "demo", _load_demo) as prebuilt:
        yield prebuilt


@pytest.fixture
def demo_consortium(_demo_data, app, monkeypatch) -> Result:
    """The demo consortium, loaded once per process: the test reads and writes it through `db.session`
    (and the app's requests), its writes rolled back. Returns the result of `flask demo load`."""
    with _demo_data.used_by(app, monkeypatch) as result:
        yield result


@pytest.fixture
def make_app(database_url, app):
    """Another app on the same database with other settings (CSRF on, rate limits on…)."""
    created = []

    def _make(**overrides):
        settings = {"SQLALCHEMY_DATABASE_URI": database_url, "STORAGE_DIR": app.config["STORAGE_DIR"]}
        new_app = create_app("testing", settings | overrides)
        created.append(new_app)
        return new_app

    yield _make
    for new_app in created:
        with new_app.app_context():
            db.session.remove()
            db.engine.dispose()
    if created:  # the limiter is one object, last set up by the newest app: give it back the session app's settings
        limiter.init_app(app)
        limiter._storage_dead = False  # and forget a Redis outage one of them met


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make(app) -> Factory:
    return Factory()


@pytest.fixture
def login_as(client):
    """Log the test client in as a user without going through the login form."""

    def _login(user):
        with client.session_transaction() as sess:
            sess.clear()
            sess["_user_id"] = login_identity(user)
            sess["_fresh"] = True
        return user

    return _login
