"""Demo certificates: the completed runs' trainees evaluated against the real completion rules a week
after each run (certificates issued automatically), then one trainee still in progress given a
certificate by hand, one issued by hand with a thirty-day validity long since over, and one revoked."""

from datetime import timedelta

import click
from sqlalchemy import select

from ..accounts.permissions import SYSTEM
from ..infra.extensions import db
from ..scheduling.models import CourseRun, RunStatus
from ..scheduling.queries import confirmed_registrations
from .services import current_certificate, evaluate_run_members, has_any_certificate, issue_manually, revoke

EVALUATED_AFTER = timedelta(days=7)
MANUAL_REASON = "Completed the run before attendance was recorded in the platform."
EXPIRING_REASON = "Proof of attendance for a funding call, valid for thirty days."
REVOKE_REASON = "Issued in error: the trainee missed the second session."
VALIDITY = timedelta(days=30)


def load_certificates() -> None:
    runs = list(
        db.session.scalars(
            select(CourseRun)
            .where(CourseRun.status == RunStatus.COMPLETED, CourseRun.ends_at.is_not(None))
            .order_by(CourseRun.ends_at)
        )
    )
    if not runs:
        click.echo("Certificates skipped: no run has been completed yet.")
        return
    completed = issued = 0
    for run in runs:
        evaluation = evaluate_run_members(run, now=run.ends_at + EVALUATED_AFTER)
        completed, issued = completed + evaluation.completed, issued + evaluation.issued
    by_hand = _issue_by_hand(runs[-1], MANUAL_REASON) is not None
    expired = _issue_by_hand(runs[0], EXPIRING_REASON, VALIDITY) is not None
    revoked = _revoke_one(runs)
    db.session.flush()
    click.echo(
        f"Certificates: {completed} completions on {len(runs)} completed runs, {issued} certificates "
        f"issued automatically, {int(by_hand)} by hand, {int(expired)} expired, {int(revoked)} revoked."
    )


def _issue_by_hand(run: CourseRun, reason: str, validity: timedelta | None = None):
    """A certificate for the run's first trainee who never had one (still in progress), the day after the
    evaluation; with `validity`, it expired long ago."""
    issued_at = run.ends_at + EVALUATED_AFTER + timedelta(days=1)
    for registration in confirmed_registrations(run):
        if not has_any_certificate(registration.user_id, run.id):
            expires_on = (issued_at + validity).date() if validity else None
            return issue_manually(SYSTEM, run, registration.user, reason, now=issued_at, expires_on=expires_on)
    return None


def _revoke_one(runs: list[CourseRun]) -> bool:
    """Revoke one automatically issued certificate, on the latest run that has one."""
    for run in reversed(runs):
        for registration in reversed(confirmed_registrations(run)):
            certificate = current_certificate(registration.user_id, run.id)
            if certificate is not None and not certificate.issue_reason:
                revoke(SYSTEM, certificate, REVOKE_REASON, now=certificate.issued_at + timedelta(days=3))
                return True
    return False
