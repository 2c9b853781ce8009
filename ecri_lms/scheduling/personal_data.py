"""Scheduling's part of a person's data: their registrations and the runs they teach. Erasure gives their
future seats and waiting-list places to the next in line; registrations of runs under way or past stay
(training records). Their calendar feed secrets are deleted with the rows privacy.personal_tables lists."""

from sqlalchemy import select

from ..infra.extensions import db
from .models import CalendarFeedToken, CourseRun, Registration
from .services.registrations import release_places_of_erased


def _iso(value):
    return value.isoformat() if value is not None else None


def export(user) -> dict:
    registrations = db.session.scalars(
        select(Registration).where(Registration.user_id == user.id).order_by(Registration.created_at)
    ).all()
    taught = db.session.scalars(
        select(CourseRun).where(CourseRun.trainers.any(id=user.id)).order_by(CourseRun.starts_at)
    ).all()
    feeds = db.session.scalars(select(CalendarFeedToken).where(CalendarFeedToken.user_id == user.id)).all()
    return {
        "registrations": [
            {
                "run": r.run_id,
                "course": r.run.course.code,
                "partner": r.run.partner.code,
                "status": r.status,
                "registered_at": _iso(r.registered_at),
                "confirmed_at": _iso(r.confirmed_at),
                "cancelled_at": _iso(r.cancelled_at),
            }
            for r in registrations
        ],
        "runs_taught": [{"run": run.id, "course": run.course.code, "starts_at": _iso(run.starts_at)} for run in taught],
        "calendar_feeds": [{"created_at": _iso(f.created_at), "revoked_at": _iso(f.revoked_at)} for f in feeds],
    }


def erase(user) -> None:
    release_places_of_erased(user)
