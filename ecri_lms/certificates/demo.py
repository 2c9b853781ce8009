"""Demo certificates: the completed runs' trainees evaluated, some certificates issued by hand, one
revoked and one expired (issued with a thirty-day validity just after its run)."""

from datetime import timedelta

import click
from sqlalchemy import select

from ..accounts.permissions import SYSTEM
from ..extensions import db
from ..scheduling.models import CourseRun, RunStatus
from ..scheduling.queries import confirmed_registrations
from .services import current_certificate, evaluate_run_members, issue_manually, revoke

PER_RUN = 3
REASON = "Completed the run before attendance was recorded in the platform."
VALIDITY = timedelta(days=30)


def load_certificates() -> None:
    runs = list(db.session.scalars(select(CourseRun).where(CourseRun.status == RunStatus.COMPLETED.value,
                                                           CourseRun.ends_at.is_not(None))
                                   .order_by(CourseRun.ends_at)))
    if not runs:
        click.echo("Certificates skipped: no run has been completed yet.")
        return
    issued = []
    for run in runs:
        evaluate_run_members(run)
        day_after = run.ends_at + timedelta(days=1)
        for registration in confirmed_registrations(run)[:PER_RUN]:
            if current_certificate(registration.user_id, run.id) is None:
                issued.append(issue_manually(SYSTEM, run, registration.user, REASON, now=day_after))
    if len(issued) > 1:
        revoke(SYSTEM, issued[1], "Issued in error: the trainee missed the second session.")
    _expired(runs[0])
    db.session.flush()
    click.echo(f"Certificates: {len(issued)} issued by hand on {len(runs)} completed run(s), one revoked, "
               "one expired.")


def _expired(run: CourseRun) -> None:
    """A certificate valid for thirty days after the run, long since over."""
    day_after = run.ends_at + timedelta(days=1)
    for registration in confirmed_registrations(run)[PER_RUN:]:
        if current_certificate(registration.user_id, run.id) is None:
            issue_manually(SYSTEM, run, registration.user, REASON, now=day_after,
                           expires_on=(day_after + VALIDITY).date())
            return
