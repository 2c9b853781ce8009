"""Test databases: a throwaway SQLite file, or a fresh PostgreSQL database per test process."""

import os
import uuid
from contextlib import contextmanager

import psycopg
from sqlalchemy import event
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


@contextmanager
def counted_statements():
    """The SQL statements run inside the block, starting from an empty session as a real request does."""
    db.session.expunge_all()
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
