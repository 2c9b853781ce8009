"""The schema comes from the migrations: they run both ways, and agree with the models."""

from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import CheckConstraint, create_engine, inspect

from ecri_lms import create_app
from ecri_lms.attendance.models import AttendanceChange, AttendanceMark, CheckInWindow
from ecri_lms.infra.extensions import db
from ecri_lms.scheduling.reminders.models import SessionReminder
from tests.dbutil import create_postgres_database, drop_postgres_database, postgres_server_url
from tests.factories import Factory


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
        inspector = inspect(engine)
        tables = set(inspector.get_table_names())
        checks = {(table, check["name"]) for table in tables for check in inspector.get_check_constraints(table)}
        db.session.remove()
        engine.dispose()
    assert set(db.metadata.tables) <= tables
    assert diff == [], f"models and migrations disagree: {diff}"
    missing = _model_check_constraints() - checks
    assert not missing, f"CHECK constraints of the models missing from the migrations: {sorted(missing)}"


def _model_check_constraints() -> set[tuple[str, str]]:
    """(table, name) of every named CHECK constraint the models declare (autogenerate ignores them)."""
    return {
        (table.name, constraint.name)
        for table in db.metadata.tables.values()
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint) and isinstance(constraint.name, str)
    }


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
    assert rows == [
        ("BIOIBAL", "Europe/Madrid"),
        ("BIOPMED", "Europe/Rome"),
        ("HBIO", "Europe/Athens"),
        ("LSK", "Europe/Warsaw"),
    ]


BEFORE_THE_RENAME = "3da6090862e8"  # the revision before session_id became training_session_id
RENAMED = ("attendance_mark", "attendance_change", "check_in_window", "session_reminder")


def _rows(engine, table: str) -> tuple[list[str], list[tuple]]:
    with engine.connect() as conn:
        result = conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")
        return list(result.keys()), [tuple(row) for row in result]


def _one_row_in_each_renamed_table() -> None:
    make = Factory()
    trainee = make.trainee()
    run = make.run(sessions=1, starts_in=-timedelta(hours=1))
    training_session = run.sessions[0]
    make.registration(run, trainee)
    now = training_session.starts_at
    ids = {"training_session_id": training_session.id, "user_id": trainee.id}
    db.session.add_all(
        [
            AttendanceMark(**ids, status="late", remark="bus", marked_at=now),
            AttendanceChange(**ids, to_status="late", to_remark="bus", changed_at=now, source="register"),
            CheckInWindow(training_session_id=training_session.id, code="K7M2QX", opens_at=now, closes_at=now),
            SessionReminder(**ids, claimed_at=now),
        ]
    )
    db.session.commit()


def test_renaming_session_id_keeps_every_row_down_and_up(empty_database_url, app):
    migration_app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    with migration_app.app_context():
        upgrade()
        _one_row_in_each_renamed_table()
        db.session.remove()
        engine = db.engine
        renamed = {table: _rows(engine, table) for table in RENAMED}
        downgrade(revision=BEFORE_THE_RENAME)
        before = {table: _rows(engine, table) for table in RENAMED}
        upgrade()
        again = {table: _rows(engine, table) for table in RENAMED}
        engine.dispose()
    for table in RENAMED:
        columns, rows = renamed[table]
        assert len(rows) == 1 and "training_session_id" in columns
        assert before[table] == ([name.replace("training_session_id", "session_id") for name in columns], rows)
        assert again[table] == renamed[table]
