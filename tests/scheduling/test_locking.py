"""How writers wait for each other: SQLite's busy timeout, and the lock that keeps pending changes."""

from config import engine_options
from ecri_lms.infra.extensions import db
from ecri_lms.scheduling.services.locking import lock_run


def test_sqlite_writers_wait_for_the_lock_and_other_databases_are_left_alone():
    base = {"pool_pre_ping": True}
    assert engine_options("sqlite:///x.sqlite", base, 15) == {"pool_pre_ping": True, "connect_args": {"timeout": 15}}
    assert engine_options("sqlite:///x.sqlite", {"connect_args": {"timeout": 3}}, 15)["connect_args"] == {"timeout": 3}
    assert engine_options("postgresql+psycopg://db/ecri", base, 15) == base
    assert base == {"pool_pre_ping": True}


def test_the_app_gives_sqlite_its_busy_timeout(app):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["timeout"] == 15
    else:
        assert "connect_args" not in app.config["SQLALCHEMY_ENGINE_OPTIONS"]


def test_locking_a_run_keeps_changes_made_before_the_lock(make):
    run = make.run(capacity=10)
    run.capacity = 12
    lock_run(run)
    assert run.capacity == 12
    db.session.rollback()
