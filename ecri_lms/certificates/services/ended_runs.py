"""The end-of-run evaluation: a run ends with no write at all, so no event can tell certificates; a job does.

Completion needs the run to have ended, so a trainee whose last mark was given during the last session
completes only when the session is over. `evaluate_ended_runs` (cron: `flask certificates evaluate-ended`;
with Redis, `rq cron`, see ecri_lms/app/cron_config.py) evaluates every run whose end has passed since it was
last evaluated. Each run is claimed with an upsert on `run_end_evaluation` in the transaction that records
its completions: two jobs at once never both claim it (the second waits for the first's commit, then finds
the end already evaluated), and a job that fails leaves the run to the next one.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.dialects import postgresql, sqlite

from ...infra.extensions import db
from ...infra.timeutil import utcnow
from ...scheduling.models import CourseRun, RunStatus
from ..models import RunEndEvaluation
from .completions import RunEvaluation, evaluate_run_members

EVALUATED_STATUSES = (RunStatus.PUBLISHED, RunStatus.COMPLETED)


@dataclass(frozen=True)
class EndedRuns:
    runs: int  # evaluated by this call
    completed: int  # trainees newly completed
    issued: int  # certificates newly issued


def runs_to_evaluate(now: datetime) -> list[tuple[int, datetime]]:
    """(run id, end) of the published or closed runs whose end has passed and was not evaluated yet."""
    evaluated = and_(RunEndEvaluation.run_id == CourseRun.id, RunEndEvaluation.run_ended_at == CourseRun.ends_at)
    rows = db.session.execute(
        select(CourseRun.id, CourseRun.ends_at)
        .outerjoin(RunEndEvaluation, evaluated)
        .where(
            CourseRun.status.in_(EVALUATED_STATUSES),
            CourseRun.ends_at <= now,
            RunEndEvaluation.run_id.is_(None),
        )
        .order_by(CourseRun.ends_at, CourseRun.id)
    )
    return [(run_id, ended_at) for run_id, ended_at in rows]


def claim(run_id: int, ended_at: datetime, now: datetime) -> bool:
    """Mark this end of the run evaluated; False when another job already did (its row is kept)."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(RunEndEvaluation).values(run_id=run_id, run_ended_at=ended_at, evaluated_at=now)
    statement = statement.on_conflict_do_update(
        index_elements=[RunEndEvaluation.run_id],
        set_={"run_ended_at": statement.excluded.run_ended_at, "evaluated_at": statement.excluded.evaluated_at},
        where=RunEndEvaluation.run_ended_at != statement.excluded.run_ended_at,
    ).returning(RunEndEvaluation.run_id)
    return db.session.execute(statement).first() is not None


def evaluate_ended_runs(now: datetime | None = None) -> EndedRuns:
    """Evaluate every confirmed trainee of each run whose end has passed since it was last evaluated,
    recording completions and issuing certificates; one transaction per run, committed here."""
    now = now or utcnow()
    results: list[RunEvaluation] = []
    for run_id, ended_at in runs_to_evaluate(now):
        if claim(run_id, ended_at, now):
            results.append(evaluate_run_members(db.session.get(CourseRun, run_id), now))
        db.session.commit()
    return EndedRuns(len(results), sum(r.completed for r in results), sum(r.issued for r in results))
