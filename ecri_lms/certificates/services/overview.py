"""What the certificates pages show: each trainee's progress, completion and certificates."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import defaultload, lazyload

from ...catalogue.models import Course
from ...infra.extensions import db
from ...infra.timeutil import utcnow
from ...scheduling.models import CourseRun, Registration, RunStatus
from ...scheduling.queries import confirmed_registrations
from ..models import Certificate
from ..permissions import require_manage_certificates
from ..queries import (
    CompletionStanding,
    certificates_of_run,
    certificates_of_user_by_run,
    completion_state,
    completion_states,
    runs_completed_by,
)
from ..rule_progress import Progress, progress_for_runs, progress_of


@dataclass(frozen=True)
class MemberProgress:
    user: object
    run: CourseRun
    progress: list[Progress]
    state: CompletionStanding
    certificates: list[Certificate]  # newest first

    @property
    def current(self) -> Certificate | None:
        return next((certificate for certificate in self.certificates if certificate.is_current), None)


def run_members(actor, run: CourseRun, now: datetime | None = None) -> list[MemberProgress]:
    """Every confirmed trainee of the run with their progress (for the run's coordinators)."""
    require_manage_certificates(actor, run)
    now = now or utcnow()
    registrations = confirmed_registrations(run)
    states = completion_states(run, [r.user_id for r in registrations], now)
    by_user: dict[int, list[Certificate]] = {}
    for certificate in certificates_of_run(run.id):
        by_user.setdefault(certificate.user_id, []).append(certificate)
    return [
        MemberProgress(r.user, run, progress_of(r.user, run, now), states[r.user_id], by_user.get(r.user_id, []))
        for r in registrations
    ]


def my_runs(user, now: datetime | None = None, limit: int = 50) -> list[MemberProgress]:
    """The user's confirmed runs (cancelled ones left out), latest first, with progress and certificates.

    A bounded number of queries however many runs: the rules are evaluated for all runs at once, and the
    runs' trainers and courses' topics (which the page does not show) are read only if something asks."""
    now = now or utcnow()
    course = defaultload(CourseRun.course)
    runs = list(
        db.session.scalars(
            select(CourseRun)
            .options(
                course.lazyload(Course.course_topics), course.defer(Course.search_text), lazyload(CourseRun.trainers)
            )
            .join(Registration, Registration.confirmed_on(CourseRun.id))
            .where(
                Registration.user_id == user.id,
                CourseRun.status != RunStatus.CANCELLED,
            )
            .order_by(CourseRun.starts_at.desc().nulls_last(), CourseRun.id.desc())
            .limit(limit)
        )
    )
    run_ids = [run.id for run in runs]
    certificates = certificates_of_user_by_run(user.id, run_ids)
    completed = runs_completed_by(user.id, run_ids)
    progress = progress_for_runs(user, runs, now)
    return [
        MemberProgress(
            user,
            run,
            progress[run.id],
            completion_state(certificates.get(run.id, []), run.id in completed, now),
            certificates.get(run.id, []),
        )
        for run in runs
    ]
