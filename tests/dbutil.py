"""Test databases: a throwaway SQLite file, or a fresh PostgreSQL database per test process; how a
test's writes are undone (a rolled-back transaction, or real commits and emptied tables)."""

import os
import uuid
from contextlib import contextmanager

import psycopg
from sqlalchemy import Connection, delete, event
from sqlalchemy.engine import make_url

from config import normalise_database_url
from ecri_lms.extensions import db


def postgres_server_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    return normalise_database_url(url) if url else None


def create_postgres_database(server_url: str, label: str) -> str:
    """Create an empty database on the server and return its SQLAlchemy URL."""
    name = f"ecri_test_{label}_{uuid.uuid4().hex[:8]}"
    with _admin_connection(server_url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
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
def rolled_back_transaction():
    """Run the block inside one transaction on one connection, rolled back at its end.

    `db.session` (of every app and app context) joins that transaction through a SAVEPOINT
    (SQLAlchemy's "create_savepoint" mode): a service's commit() releases the savepoint and its
    rollback() returns to it, while the session's own commit and rollback events still fire.
    """
    factory = db.session.session_factory
    settings = dict(factory.kw)
    with db.engine.connect() as connection:
        outer = connection.begin()
        previous_isolation = _let_sqlalchemy_begin_on_sqlite(connection)
        db.session.remove()
        factory.configure(bind=connection, join_transaction_mode="create_savepoint")
        factory.class_.get_bind = _bound_connection
        try:
            yield
        finally:
            db.session.remove()
            del factory.class_.get_bind
            factory.kw = settings
            outer.rollback()
            if previous_isolation is not None:
                connection.connection.driver_connection.isolation_level = previous_isolation


def _bound_connection(session, *args, **kwargs) -> Connection:
    """The test's connection: Flask-SQLAlchemy's get_bind would pick the engine, ignoring the session's bind."""
    return session.bind


def _let_sqlalchemy_begin_on_sqlite(connection: Connection) -> str | None:
    """SQLAlchemy's documented fix for SAVEPOINT on pysqlite: the driver begins transactions itself,
    only before a write, so releasing the session's savepoint would commit. Stop the driver doing
    so and begin the outer transaction here; return the driver's setting to restore afterwards."""
    if connection.dialect.name != "sqlite":
        return None
    driver = connection.connection.driver_connection
    previous, driver.isolation_level = driver.isolation_level, None
    connection.exec_driver_sql("BEGIN")
    return previous


@contextmanager
def tables_emptied_afterwards():
    """Let the block commit for real, then delete every row (slower: for data another connection reads)."""
    try:
        yield
    finally:
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(delete(table))
        db.session.commit()
        db.session.remove()
