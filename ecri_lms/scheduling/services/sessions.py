"""Training sessions: dated meetings of a run, entered on the wall clock of their region."""

from dataclasses import dataclass
from datetime import datetime

from ...accounts.audit.services import record
from ...infra.errors import NotFound, ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.timeutil import utcnow
from .. import queries
from ..models import CourseRun, DeliveryFormat, TrainingSession, Venue
from ..permissions import require_manage_run
from ..timeplan import fold_of, local_to_utc, utc_to_local, wall_clock_series
from . import conflicts, notices


@dataclass
class SessionPlan:
    """A session as staff type it: naive wall-clock times in the session's own zone."""

    starts_local: datetime
    ends_local: datetime
    format: str = DeliveryFormat.IN_PERSON.value
    venue_id: int | None = None
    meeting_url: str = ""
    title: str = ""
    fold: int | None = None  # for a time the clocks pass twice: 0 the first pass, 1 the second


def session_zone(run: CourseRun, venue: Venue | None) -> str:
    """A session keeps the clock of the region it meets in; online ones the organiser's."""
    return venue.partner.timezone if venue is not None else run.partner.timezone


def get_session_for_manager(actor, session_id: int) -> TrainingSession:
    """A session of a run the actor manages; 404 when there is none or it is out of their scope."""
    training_session = queries.get_session(session_id)
    if training_session is None:
        raise NotFound(_("No such session."))
    require_manage_run(actor, training_session.run)
    return training_session


def _venue(plan: SessionPlan) -> Venue | None:
    if plan.format == DeliveryFormat.ONLINE.value or plan.venue_id is None:
        return None
    venue = db.session.get(Venue, plan.venue_id)
    if venue is None:
        raise ValidationError(_("Choose a venue from the list."))
    return venue


def _check_meeting_url(plan: SessionPlan) -> str | None:
    url = plan.meeting_url.strip()
    if url and not url.startswith("https://"):
        raise ValidationError(_("The meeting link must start with https://."))
    return url if url and plan.format != DeliveryFormat.IN_PERSON.value else None


def _require_plannable(run: CourseRun) -> None:
    run.refuse_if_closed(sessions=True)


def refresh_schedule(run: CourseRun) -> None:
    """Keep the run's first start, last end and format in step with its scheduled sessions."""
    scheduled = [s for s in run.sessions if not s.is_cancelled]
    timed = scheduled or run.sessions
    run.starts_at = min((s.starts_at for s in timed), default=None)
    run.ends_at = max((s.ends_at for s in timed), default=None)
    formats = {s.format for s in scheduled}
    if formats:
        run.delivery_format = formats.pop() if len(formats) == 1 else DeliveryFormat.HYBRID.value


def _confirmed_trainees(run: CourseRun):
    return [registration.user for registration in queries.confirmed_registrations(run)]


def add_sessions(
    actor, run: CourseRun, plan: SessionPlan, repeat: str = "none", count: int = 1
) -> list[TrainingSession]:
    """Add one session, or a daily or weekly series that keeps its wall-clock time across clock changes."""
    require_manage_run(actor, run)
    _require_plannable(run)
    venue = _venue(plan)
    zone = session_zone(run, venue)
    meeting_url = _check_meeting_url(plan)
    added = []
    for start, end in wall_clock_series(plan.starts_local, plan.ends_local, zone, repeat, count, plan.fold):
        conflicts.check_session_plan(run, start, end, plan.format, venue)
        training_session = TrainingSession(
            starts_at=start,
            ends_at=end,
            timezone=zone,
            format=plan.format,
            venue=venue,
            meeting_url=meeting_url,
            title=plan.title.strip() or None,
        )
        run.sessions.append(training_session)
        db.session.flush()  # the next session of the series is checked against this one
        added.append(training_session)
    refresh_schedule(run)
    db.session.flush()
    record(
        actor,
        "session.add",
        "course_run",
        run.id,
        partner_id=run.partner_id,
        summary=f"Added {len(added)} session(s) to run {run.id}",
    )
    if run.is_published:
        notices.sessions_added(run, added, _confirmed_trainees(run))
    return added


def update_session(actor, training_session: TrainingSession, plan: SessionPlan) -> TrainingSession:
    """Change a session's time or place; its calendar SEQUENCE grows and trainees are told."""
    run = training_session.run
    require_manage_run(actor, run)
    _require_plannable(run)
    if training_session.is_cancelled:
        raise ValidationError(_("A cancelled session cannot be changed: add a new session instead."))
    venue = _venue(plan)
    zone = session_zone(run, venue)
    start, end = local_to_utc(plan.starts_local, zone, plan.fold), local_to_utc(plan.ends_local, zone, plan.fold)
    conflicts.check_session_plan(run, start, end, plan.format, venue, exclude_session_id=training_session.id)
    new_values = {
        "starts_at": start,
        "ends_at": end,
        "timezone": zone,
        "format": plan.format,
        "venue_id": venue.id if venue else None,
        "meeting_url": _check_meeting_url(plan),
        "title": plan.title.strip() or None,
    }
    changed = {name for name, value in new_values.items() if getattr(training_session, name) != value}
    if not changed:
        return training_session
    for name in changed:
        setattr(training_session, name, new_values[name])
    training_session.venue = venue
    training_session.sequence += 1
    training_session.updated_at = utcnow()
    refresh_schedule(run)
    db.session.flush()
    record(
        actor,
        "session.update",
        "training_session",
        training_session.id,
        partner_id=run.partner_id,
        summary=f"Changed a session of run {run.id}",
        fields=sorted(changed),
    )
    if run.is_published and changed - {"title"}:
        notices.session_changed(training_session, _confirmed_trainees(run))
    return training_session


def cancel_session(actor, training_session: TrainingSession, reason: str = "") -> TrainingSession:
    """Cancel one session: it stays in calendars as cancelled, with a higher SEQUENCE."""
    run = training_session.run
    require_manage_run(actor, run)
    _require_plannable(run)
    training_session.cancel(utcnow(), reason.strip()[:1000])
    refresh_schedule(run)
    db.session.flush()
    record(
        actor,
        "session.cancel",
        "training_session",
        training_session.id,
        partner_id=run.partner_id,
        summary=f"Cancelled a session of run {run.id}",
        reason=training_session.cancellation_reason,
    )
    if run.is_published:
        notices.session_cancelled(training_session, _confirmed_trainees(run))
    return training_session


def plan_of_session(training_session: TrainingSession) -> SessionPlan:
    """The session as its edit form shows it, on its own wall clock."""
    zone = training_session.timezone
    return SessionPlan(
        starts_local=utc_to_local(training_session.starts_at, zone),
        ends_local=utc_to_local(training_session.ends_at, zone),
        format=training_session.format,
        venue_id=training_session.venue_id,
        meeting_url=training_session.meeting_url or "",
        title=training_session.title or "",
        fold=fold_of(training_session.starts_at, zone),
    )
