"""The schema comes from the migrations: they run both ways, and agree with the models."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect

from ecri_lms import create_app
from ecri_lms.extensions import db

from ..dbutil import create_postgres_database, drop_postgres_database, postgres_server_url


@pytest.fixture
def empty_database_url(tmp_path):
    server = postgres_server_url()
    if server is None:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    url = create_postgres_database(server, "migrations")
    yield url
    drop_postgres_database(url)


def test_upgrade_downgrade_upgrade_on_an_empty_database(empty_database_url, app):
    migration_app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    with migration_app.app_context():
        upgrade()
        downgrade(revision="base")
        upgrade()
        engine = db.engine
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)
        tables = set(inspect(engine).get_table_names())
        db.session.remove()
        engine.dispose()
    assert set(db.metadata.tables) <= tables
    assert diff == [], f"models and migrations disagree: {diff}"


def test_a_fresh_install_knows_the_consortium(empty_database_url, app):
    migration_app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    with migration_app.app_context():
        upgrade()
        db.session.remove()
        db.engine.dispose()
    engine = create_engine(empty_database_url)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT code, timezone FROM partner ORDER BY code").all()
    engine.dispose()
    assert rows == [("BIOIBAL", "Europe/Madrid"), ("BIOPMED", "Europe/Rome"), ("HBIO", "Europe/Athens"),
                    ("LSK", "Europe/Warsaw")]
