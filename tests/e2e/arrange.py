"""What a journey finds already in place when the person arrives, made through the services.

Only what no page of the journey creates is arranged here (runs another organiser planned, people
who registered before), and time passing, which a browser cannot do.
"""

from datetime import datetime, timedelta

from sqlalchemy import select

from ecri_lms.accounts.models import User
from ecri_lms.accounts.organisations import Partner
from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.catalogue.models import Course
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.scheduling import services as scheduling
from ecri_lms.scheduling.models import CourseRun
from ecri_lms.scheduling.services.sessions import refresh_schedule
from tests.e2e.conftest import demo_email


def user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def published_run(
    live_app,
    *,
    course: str,
    partner: str,
    title: str,
    capacity: int,
    days_from_now: int,
    trainer: str,
    registrants: tuple[str, ...] = (),
) -> int:
    """A published one-session online run of `course`, `days_from_now` ahead, with demo trainees on it."""
    with live_app.app_context():
        organiser = db.session.scalar(select(Partner).where(Partner.code == partner))
        course_id = db.session.scalar(select(Course.id).where(Course.code == course))
        run = scheduling.create_run(
            SYSTEM,
            scheduling.RunPlan(
                course_id=course_id,
                partner_id=organiser.id,
                capacity=capacity,
                delivery_format="online",
                title=title,
                trainer_ids=(user(demo_email(trainer)).id,),
            ),
        )
        starts = datetime.combine(utcnow().date() + timedelta(days=days_from_now), datetime.min.time()).replace(hour=10)
        scheduling.add_sessions(
            SYSTEM,
            run,
            scheduling.SessionPlan(
                starts_local=starts,
                ends_local=starts + timedelta(hours=3),
                format="online",
                meeting_url="https://meet.ecri-lms.eu/e2e-journey",
            ),
            "none",
            1,
        )
        scheduling.publish_run(SYSTEM, run)
        for local in registrants:
            scheduling.register(user(demo_email(local)), run)
        db.session.commit()
        return run.id


def session_is_under_way(live_app, run_id: int) -> None:
    """Time passes until the run's (one) session started half an hour ago."""
    _move_sessions(live_app, run_id, utcnow() - timedelta(minutes=30))


def run_has_taken_place(live_app, run_id: int) -> None:
    """Time passes until the run's sessions are over: they started yesterday."""
    _move_sessions(live_app, run_id, utcnow() - timedelta(days=1))


def _move_sessions(live_app, run_id: int, first_start: datetime) -> None:
    """Shift every session of the run by the same amount, so that the first one starts at `first_start`."""
    with live_app.app_context():
        run = db.session.get(CourseRun, run_id)
        shift = run.sessions[0].starts_at - first_start
        for training_session in run.sessions:
            training_session.starts_at -= shift
            training_session.ends_at -= shift
        refresh_schedule(run)
        db.session.commit()
