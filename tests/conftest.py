"""Shared fixtures: one app and schema per test process, every test starting from empty tables."""

import os

import pytest
from flask import g
from sqlalchemy import delete

from ecri_lms import create_app
from ecri_lms.extensions import db, limiter

from .dbutil import create_postgres_database, drop_postgres_database, postgres_server_url
from .factories import Factory, login_identity
from .security.summary import pytest_sessionstart, pytest_terminal_summary  # noqa: F401 (hooks, see there)


def _worker_label() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    server = postgres_server_url()
    if server is None:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
        return
    url = create_postgres_database(server, _worker_label())
    yield url
    drop_postgres_database(url)


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    app = create_app("testing", {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "STORAGE_DIR": str(tmp_path_factory.mktemp("storage")),
    })

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
def _clean_tables(app):
    """Each test runs in a pushed app context and leaves every table empty."""
    yield
    db.session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(delete(table))
    db.session.commit()
    db.session.expunge_all()


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
