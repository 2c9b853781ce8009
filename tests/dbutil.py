"""Test databases (throwaway SQLite files, or fresh PostgreSQL databases per test process), how a
test's writes are undone (a rolled-back transaction, or real commits and emptied tables), and data
built once per process for many tests to use (`PrebuiltData`)."""

import os
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import psycopg
from flask import Flask
from flask_sqlalchemy.session import Session as FlaskSQLAlchemySession
from sqlalchemy import Connection, Engine, delete, event
from sqlalchemy.engine import URL, make_url

from config import normalise_database_url
from ecri_lms import create_app
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow


def postgres_server_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    return normalise_database_url(url) if url else None


@contextmanager
def throwaway_database(tmp_path_factory, name: str):
    """The URL of a new empty database for this test process, dropped afterwards: a SQLite file, or a
    PostgreSQL database when TEST_DATABASE_URL names a server."""
    server = postgres_server_url()
    if server is None:
        yield f"sqlite:///{tmp_path_factory.mktemp(name) / f'{name}.sqlite'}"
        return
    url = create_postgres_database(server, f"{name}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}")
    try:
        yield url
    finally:
        drop_postgres_database(url)


def create_postgres_database(server_url: str, label: str, template: str | None = None) -> str:
    """Create a database on the server, empty or a copy of the database named `template`, and return
    its SQLAlchemy URL."""
    name = f"ecri_test_{label}_{uuid.uuid4().hex[:8]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with _admin_connection(server_url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(database_url: str) -> None:
    url = make_url(database_url)
    with _admin_connection(database_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')


def _admin_connection(any_url: str):
    url = make_url(any_url).set(drivername="postgresql", database="postgres")
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


# Transaction control, left out of counts: a test's transaction opens a savepoint where a request
# would begin one implicitly, so counting them would make counts depend on what ran before.
SAVEPOINT_STATEMENTS = ("SAVEPOINT ", "RELEASE SAVEPOINT ", "ROLLBACK TO SAVEPOINT ")


@contextmanager
def counted_statements():
    """The SQL statements run inside the block (savepoints aside), starting from an empty session as a
    real request does."""
    db.session.expunge_all()
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if not statement.startswith(SAVEPOINT_STATEMENTS):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


@contextmanager
def rolled_back_transaction(engine: Engine, serving: URL | None = None):
    """Run the block inside one transaction on one connection of `engine` (yielded), rolled back at its end.

    `db.session`, in every app on the database `serving` (the engine's own by default), joins that
    transaction through a SAVEPOINT (SQLAlchemy's "create_savepoint" mode): a service's commit()
    releases the savepoint and its rollback() returns to it, while the session's own commit and
    rollback events still fire. Apps on other databases (a backup's target…) keep their own engines.
    """
    with engine.connect() as connection:
        outer = connection.begin()
        restore_driver = _let_sqlalchemy_begin_on_sqlite(connection)
        try:
            with _sessions_joined(connection, serving or engine.url):
                yield connection
        finally:
            outer.rollback()
            restore_driver()


@contextmanager
def _sessions_joined(connection: Connection, serving: URL):
    """Sessions of apps on the database `serving` use the connection until the block ends."""
    factory = db.session.session_factory
    settings, get_bind = dict(factory.kw), factory.class_.__dict__.get("get_bind")

    def joined_get_bind(session, *args, **kwargs):
        bind = FlaskSQLAlchemySession.get_bind(session, *args, **kwargs)
        return connection if bind.engine.url == serving else bind

    db.session.remove()
    factory.configure(join_transaction_mode="create_savepoint")
    factory.class_.get_bind = joined_get_bind
    try:
        yield
    finally:
        db.session.remove()
        factory.kw = settings
        if get_bind is None:
            del factory.class_.get_bind
        else:
            factory.class_.get_bind = get_bind


def _let_sqlalchemy_begin_on_sqlite(connection: Connection) -> Callable[[], None]:
    """SQLAlchemy's documented fix for SAVEPOINT on pysqlite: the driver begins transactions itself,
    only before a write, so releasing the session's savepoint would commit. Stop the driver doing
    so and begin the outer transaction here; return what puts the driver back as it was."""
    if connection.dialect.name != "sqlite":
        return lambda: None
    driver = connection.connection.driver_connection
    previous, driver.isolation_level = driver.isolation_level, None
    connection.exec_driver_sql("BEGIN")

    def restore():
        driver.isolation_level = previous

    return restore


class PrebuiltData:
    """Data built into a database and a storage of their own, for tests to use inside a transaction
    rolled back at their end (`used_by`): built once, and again once older than `max_age` for data
    whose time windows close (a check-in code's)."""

    def __init__(self, url: str, storage_dir: str, build: Callable[[Flask], Any], max_age: timedelta | None):
        self.app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url, "STORAGE_DIR": storage_dir})
        self.build, self.max_age = build, max_age
        with self.app.app_context():
            db.create_all()
            self.engine = db.engine
        self._build()

    def _build(self) -> None:
        """Build the data (again) on empty tables, and commit it."""
        with self.app.app_context():
            _delete_every_row()
            db.session.commit()
            self.built = self.build(self.app)
            db.session.commit()
            db.session.remove()
        self.built_at = utcnow()

    @contextmanager
    def used_by(self, app: Flask, monkeypatch):
        """`app` (and every app on its database) reads and writes the data for the block; yields what
        `build` returned."""
        if self.max_age is not None and utcnow() - self.built_at > self.max_age:
            self._build()
        monkeypatch.setitem(app.config, "STORAGE_DIR", self.app.config["STORAGE_DIR"])
        monkeypatch.delitem(app.extensions, "ecri_storage", raising=False)  # made again from STORAGE_DIR
        with rolled_back_transaction(self.engine, serving=db.engine.url) as connection:
            self._as_built = connection.begin_nested()
            yield self.built

    def restore(self) -> None:
        """Undo what was written since `used_by` began: the data is as built again."""
        db.session.remove()
        self._as_built.rollback()
        self._as_built = self._as_built.connection.begin_nested()


@contextmanager
def prebuilt_data(tmp_path_factory, name: str, build: Callable[[Flask], Any], max_age: timedelta | None = None):
    """`PrebuiltData` on a throwaway database, dropped afterwards."""
    with throwaway_database(tmp_path_factory, name) as url:
        prebuilt = PrebuiltData(url, str(tmp_path_factory.mktemp(f"{name}-storage")), build, max_age)
        try:
            yield prebuilt
        finally:
            prebuilt.engine.dispose()


def _delete_every_row() -> None:
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(delete(table))


@contextmanager
def tables_emptied_afterwards():
    """Let the block commit for real, then delete every row (slower: for data another connection reads)."""
    try:
        yield
    finally:
        db.session.rollback()
        _delete_every_row()
        db.session.commit()
        db.session.remove()
