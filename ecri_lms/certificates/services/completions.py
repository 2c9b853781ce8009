"""Deciding completion: when an input changes (a quiz graded, attendance marked) and in bulk.

A completion, once recorded, stays: it is what happened at that moment. Recording one issues the
certificate automatically.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ...accounts.models import User
from ...extensions import db
from ...scheduling.models import CourseRun, Registration, RunStatus
from ...scheduling.queries import confirmed_registrations
from ...timeutil import utcnow
from ..completion import Progress, all_met, progress_of
from ..models import Completion
from ..permissions import require_manage_certificates
from .issuing import issue_automatically


@dataclass(frozen=True)
class RunEvaluation:
    checked: int
    completed: int  # newly
    issued: int  # newly


def completion_of(user_id: int, run_id: int) -> Completion | None:
    return db.session.scalar(select(Completion).where(Completion.user_id == user_id, Completion.run_id == run_id))


def _record(user, run, now: datetime) -> Completion | None:
    """A new completion, or None when another transaction recorded it first."""
    completion = Completion(user_id=user.id, run_id=run.id, completed_at=now)
    try:
        with db.session.begin_nested():
            db.session.add(completion)
    except IntegrityError:
        return None
    return completion


def evaluate(user, run, now: datetime | None = None) -> tuple[list[Progress], bool]:
    """(progress on each rule, whether a certificate was newly issued); records a new completion."""
    now = now or utcnow()
    records = progress_of(user, run, now)
    if not all_met(records) or completion_of(user.id, run.id) is not None:
        return records, False
    if _record(user, run, now) is None:
        return records, False
    return records, issue_automatically(user, run, now) is not None


def evaluate_run(actor, run, now: datetime | None = None) -> RunEvaluation:
    """Re-evaluate every confirmed trainee of the run (the coordinators' button and the CLI)."""
    require_manage_certificates(actor, run)
    return evaluate_run_members(run, now)


def evaluate_run_members(run, now: datetime | None = None) -> RunEvaluation:
    now = now or utcnow()
    completed = issued = 0
    registrations = confirmed_registrations(run)
    for registration in registrations:
        already = completion_of(registration.user_id, run.id) is not None
        records, new_certificate = evaluate(registration.user, run, now)
        completed += int(all_met(records) and not already)
        issued += int(new_certificate)
    return RunEvaluation(len(registrations), completed, issued)


def evaluate_member(user_id: int, run_id: int) -> None:
    """Re-evaluate one trainee of one run (the attendance area calls this when marks change)."""
    user, run = db.session.get(User, user_id), db.session.get(CourseRun, run_id)
    if user is not None and run is not None:
        evaluate(user, run)


def attendance_changed(user_id: int, run_id: int) -> None:
    """Heard after attendance marks were committed: re-evaluate the trainee and commit what that records."""
    evaluate_member(user_id, run_id)
    db.session.commit()


def runs_for_course_member(user_id: int, course_id: int) -> list[CourseRun]:
    """The runs of a course where the user holds a confirmed place (cancelled runs left out)."""
    return list(
        db.session.scalars(
            select(CourseRun)
            .join(Registration, Registration.confirmed_on(CourseRun.id))
            .where(
                Registration.user_id == user_id,
                CourseRun.course_id == course_id,
                CourseRun.status != RunStatus.CANCELLED,
            )
        )
    )


def on_attempt_graded(attempt) -> None:
    """A quiz grade changed: re-evaluate the trainee on the runs of that course."""
    user = db.session.get(User, attempt.user_id)
    for run in runs_for_course_member(attempt.user_id, attempt.quiz.course_id):
        evaluate(user, run)
