"""Deciding completion: when an input changes (attendance marked, a quiz graded, a lesson opened, a rule
changed; see ../subscriptions.py), when a run ends (ended_runs.py), and in bulk.

A completion, once recorded, stays: it is what happened at that moment. Recording one issues the
certificate automatically.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ...accounts.models import User
from ...assessment.models import Quiz
from ...catalogue.models import Lesson
from ...infra.extensions import db
from ...infra.timeutil import utcnow
from ...scheduling.models import CourseRun, Registration, RunStatus, TrainingSession
from ...scheduling.queries import confirmed_registrations
from ..models import Completion
from ..permissions import require_manage_certificates
from ..rule_progress import Progress, all_met, progress_of
from .issuing import issue_automatically


@dataclass(frozen=True)
class RunEvaluation:
    checked: int
    completed: int  # newly
    issued: int  # newly


def completion_of(user_id: int, run_id: int) -> Completion | None:
    """The trainee's recorded completion of the run, or None; once recorded, a completion stays."""
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
    """Re-evaluate the run's confirmed trainees and count new completions and certificates; no permission check."""
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
    """Re-evaluate one trainee of one run, if both still exist."""
    user, run = db.session.get(User, user_id), db.session.get(CourseRun, run_id)
    if user is not None and run is not None:
        evaluate(user, run)


def re_evaluate(members: Iterable[tuple[int, int]]) -> None:
    """Decide again the completion of these (user id, run id) pairs, each committed on its own:
    what one records stands even if another fails."""
    for user_id, run_id in sorted(set(members)):
        evaluate_member(user_id, run_id)
        db.session.commit()


def members_marked(marks: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """The (user id, run id) pairs of attendance marks given as (user id, session id) pairs."""
    marks = set(marks)
    training_session_ids = {training_session_id for _, training_session_id in marks}
    if not training_session_ids:
        return set()
    run_of = dict(
        db.session.execute(
            select(TrainingSession.id, TrainingSession.run_id).where(TrainingSession.id.in_(training_session_ids))
        ).all()
    )
    return {(user_id, run_of[session]) for user_id, session in marks if session in run_of}


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


def _course_members(pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The (user id, run id) pairs of (user id, course id) pairs: the user's runs of the course."""
    return {(user_id, run.id) for user_id, course_id in pairs for run in runs_for_course_member(user_id, course_id)}


def members_graded(grades: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """The (user id, run id) pairs a quiz grade, given as (user id, quiz id), can complete: the trainee's
    runs of the quiz's course."""
    grades = set(grades)
    quiz_ids = {quiz_id for _, quiz_id in grades}
    if not quiz_ids:
        return set()
    course_of = dict(db.session.execute(select(Quiz.id, Quiz.course_id).where(Quiz.id.in_(quiz_ids))).all())
    return _course_members({(user_id, course_of[quiz_id]) for user_id, quiz_id in grades if quiz_id in course_of})


def members_viewed(views: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """The (user id, run id) pairs a lesson opened, given as (user id, lesson id), can complete: the trainee's
    runs of the lesson's course."""
    views = set(views)
    lesson_ids = {lesson_id for _, lesson_id in views}
    if not lesson_ids:
        return set()
    course_of = dict(db.session.execute(select(Lesson.id, Lesson.course_id).where(Lesson.id.in_(lesson_ids))).all())
    return _course_members({(user_id, course_of[lesson_id]) for user_id, lesson_id in views if lesson_id in course_of})


def runs_of_courses(course_ids: Iterable[int]) -> set[int]:
    """The ids of the courses' runs (a change of a course's default rules concerns each of them)."""
    course_ids = set(course_ids)
    if not course_ids:
        return set()
    return set(db.session.scalars(select(CourseRun.id).where(CourseRun.course_id.in_(course_ids))))


def members_of_ended_runs(run_ids: Iterable[int], now: datetime | None = None) -> set[tuple[int, int]]:
    """The (user id, run id) pairs a change of these runs' rules can complete: the confirmed trainees without
    a completion of those runs that have ended (before its end, completion waits for the end-of-run job)."""
    run_ids = set(run_ids)
    if not run_ids:
        return set()
    now = now or utcnow()
    ended = (CourseRun.status == RunStatus.COMPLETED) | (CourseRun.ends_at <= now)
    completed = select(Completion.id).where(
        Completion.run_id == Registration.run_id, Completion.user_id == Registration.user_id
    )
    rows = db.session.execute(
        select(Registration.user_id, Registration.run_id)
        .join(CourseRun, Registration.confirmed_on(CourseRun.id))
        .where(
            Registration.run_id.in_(run_ids),
            CourseRun.status != RunStatus.CANCELLED,
            ended,
            ~completed.exists(),
        )
    )
    return {(user_id, run_id) for user_id, run_id in rows}
