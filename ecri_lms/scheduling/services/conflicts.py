"""Planning rules a session must keep: sane length, a free room, free trainers, enough seats."""

from datetime import datetime, timedelta

from sqlalchemy import select

from ...accounts.models import User
from ...infra.errors import Conflict, ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ..models import CourseRun, CourseRunTrainer, DeliveryFormat, RunStatus, SessionStatus, TrainingSession, Venue
from ..timeplan import format_span

MAX_SESSION_LENGTH = timedelta(hours=12)


def check_span(start: datetime, end: datetime) -> None:
    """A session ends after it starts and lasts at most 12 hours."""
    if end <= start:
        raise ValidationError(_("The session ends before it starts: check the end time."))
    if end - start > MAX_SESSION_LENGTH:
        raise ValidationError(_("A session lasts at most 12 hours: split a longer day into several sessions."))


def check_place(format_: str, venue: Venue | None) -> None:
    """In-person and hybrid sessions need an active venue; online ones have none."""
    if format_ not in {f.value for f in DeliveryFormat}:
        raise ValidationError(_("Choose in person, online or hybrid."))
    if format_ == DeliveryFormat.ONLINE.value:
        return
    if venue is None:
        raise ValidationError(_("Choose a venue for an in-person or hybrid session."))
    if not venue.active:
        raise ValidationError(_("%(venue)s is no longer in use: choose another venue.", venue=venue.label))


def check_capacity(capacity: int, venue: Venue | None) -> None:
    """A run cannot offer more seats than its room holds."""
    if venue is not None and capacity > venue.capacity:
        raise ValidationError(
            _(
                "%(venue)s holds %(room)d people but the run offers %(seats)d seats: "
                "lower the capacity or choose a larger room.",
                venue=venue.label,
                room=venue.capacity,
                seats=capacity,
            )
        )


def _overlapping(start: datetime, end: datetime, exclude_session_id: int | None):
    query = (
        select(TrainingSession)
        .join(TrainingSession.run)
        .where(
            TrainingSession.status == SessionStatus.SCHEDULED,
            CourseRun.status != RunStatus.CANCELLED,
            TrainingSession.starts_at < end,
            TrainingSession.ends_at > start,
        )
        .order_by(TrainingSession.starts_at)
    )
    if exclude_session_id is not None:
        query = query.where(TrainingSession.id != exclude_session_id)
    return query


def check_venue_free(venue: Venue | None, start: datetime, end: datetime, exclude_session_id: int | None) -> None:
    """No room is booked twice at the same time."""
    if venue is None:
        return
    clash = db.session.scalars(
        _overlapping(start, end, exclude_session_id).where(TrainingSession.venue_id == venue.id).limit(1)
    ).first()
    if clash is not None:
        raise Conflict(
            _(
                "%(venue)s is already booked %(when)s for “%(run)s”. Choose another time or room.",
                venue=venue.label,
                when=format_span(clash.starts_at, clash.ends_at, clash.timezone),
                run=clash.run.display_title,
            )
        )


def check_trainers_free(trainer_ids, start: datetime, end: datetime, exclude_session_id: int | None) -> None:
    """No trainer teaches two sessions at once, whichever runs they belong to."""
    trainer_ids = list(trainer_ids)
    if not trainer_ids:
        return
    row = db.session.execute(
        _overlapping(start, end, exclude_session_id)
        .join(CourseRunTrainer, CourseRunTrainer.run_id == TrainingSession.run_id)
        .where(CourseRunTrainer.user_id.in_(trainer_ids))
        .add_columns(CourseRunTrainer.user_id)
        .limit(1)
    ).first()
    if row is not None:
        clash, trainer_id = row
        trainer = db.session.get(User, trainer_id)
        raise Conflict(
            _(
                "%(trainer)s already teaches “%(run)s” %(when)s. Choose another time or another trainer.",
                trainer=trainer.name,
                run=clash.run.display_title,
                when=format_span(clash.starts_at, clash.ends_at, clash.timezone),
            )
        )


def check_session_plan(
    run: CourseRun,
    start: datetime,
    end: datetime,
    format_: str,
    venue: Venue | None,
    exclude_session_id: int | None = None,
) -> None:
    """Every rule for a session of `run` at this time and place (the session itself excluded)."""
    check_span(start, end)
    check_place(format_, venue)
    check_capacity(run.capacity, venue)
    check_venue_free(venue, start, end, exclude_session_id)
    check_trainers_free([trainer.id for trainer in run.trainers], start, end, exclude_session_id)


def check_run_sessions(run: CourseRun) -> None:
    """Re-check the run's scheduled sessions after its trainers or capacity changed."""
    trainer_ids = [trainer.id for trainer in run.trainers]
    for training_session in run.sessions:
        if training_session.is_cancelled:
            continue
        check_capacity(run.capacity, training_session.venue)
        check_trainers_free(trainer_ids, training_session.starts_at, training_session.ends_at, training_session.id)
