"""One writer at a time per run: how seats are never given twice, on PostgreSQL and on SQLite."""

from sqlalchemy import select

from ...infra.extensions import db
from ..models import CourseRun


def lock_run(run: CourseRun) -> CourseRun:
    """Hold the run's lock until the transaction ends, then re-read the run as it now is."""
    db.session.flush()  # changes not yet written would be lost by the refresh below
    if db.session.get_bind().dialect.name == "sqlite":
        # SQLite has one database-wide write lock, taken at the first write of a transaction:
        # write first, so that the seats counted next cannot change before this transaction ends.
        table = CourseRun.__table__
        db.session.execute(table.update().where(table.c.id == run.id).values(id=table.c.id))
    else:
        db.session.execute(select(CourseRun.id).where(CourseRun.id == run.id).with_for_update())
    db.session.refresh(run)
    return run


def lock_runs(*runs: CourseRun) -> None:
    """Lock several runs in id order, so that two movers never wait for each other."""
    for run in sorted(runs, key=lambda r: r.id):
        lock_run(run)
