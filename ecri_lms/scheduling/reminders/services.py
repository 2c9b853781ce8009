"""Session reminders: find those due, claim them in the database, then send them outside the transaction.

Claim-then-send: a run inserts the (session, trainee) pairs it found with ON CONFLICT DO NOTHING and
sends only the rows the database says it inserted. Two overlapping runs find the same pairs, but the
unique constraint gives each pair to one of them. A crash between the claim and the send loses that
reminder rather than sending it twice.
"""

from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.dialects import postgresql, sqlite

from ...accounts.languages import language_of
from ...accounts.models import User
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.i18n import in_language
from ...infra.jobs.queue import enqueue
from ...infra.mail.message import Attachment
from ...infra.timeutil import utcnow
from ...notifications.services import notify
from ..calendars import sessions_calendar
from ..links import session_url
from ..models import CourseRun, Registration, RunStatus, SessionStatus, TrainingSession
from ..timeplan import spans_for_viewer
from .models import SessionReminder

LEAD_TIME = timedelta(hours=24)


def due_reminders(now: datetime) -> list[tuple[int, int]]:
    """(session id, user id) of confirmed trainees whose session starts within LEAD_TIME, not yet claimed."""
    already = exists().where(
        SessionReminder.training_session_id == TrainingSession.id, SessionReminder.user_id == Registration.user_id
    )
    rows = db.session.execute(
        select(TrainingSession.id, Registration.user_id)
        .join(CourseRun, CourseRun.id == TrainingSession.run_id)
        .join(
            Registration,
            Registration.confirmed_on(CourseRun.id),
        )
        .join(User, User.id == Registration.user_id)
        .where(
            TrainingSession.status == SessionStatus.SCHEDULED,
            CourseRun.status == RunStatus.PUBLISHED,
            TrainingSession.starts_at > now,
            TrainingSession.starts_at <= now + LEAD_TIME,
            User.active.is_(True),
            User.anonymised_at.is_(None),
            ~already,
        )
        .order_by(TrainingSession.starts_at, TrainingSession.id, Registration.user_id)
    )
    return [(training_session_id, user_id) for training_session_id, user_id in rows]


def claim(pairs: list[tuple[int, int]], now: datetime) -> list[tuple[int, int]]:
    """Insert the claims; return only those this call inserted (another run may have claimed the rest)."""
    if not pairs:
        return []
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(SessionReminder)
        .on_conflict_do_nothing(index_elements=["training_session_id", "user_id"])
        .returning(SessionReminder.training_session_id, SessionReminder.user_id)
    )
    claimed = db.session.execute(
        statement, [{"training_session_id": s, "user_id": u, "claimed_at": now} for s, u in pairs]
    )
    return [(training_session_id, user_id) for training_session_id, user_id in claimed]


def send_due_reminders(now: datetime | None = None) -> int:
    """Claim every due reminder, commit the claims, then send each (queued when Redis is configured)."""
    now = now or utcnow()
    claimed = claim(due_reminders(now), now)
    db.session.commit()
    for training_session_id, user_id in claimed:
        enqueue(send_reminder, training_session_id, user_id)
    db.session.commit()  # inline jobs added notifications
    return len(claimed)


def send_reminder(training_session_id: int, user_id: int) -> None:
    """A job: tell the trainee about tomorrow's session, with the session as an .ics attachment."""
    training_session = db.session.get(TrainingSession, training_session_id)
    user = db.session.get(User, user_id)
    if training_session is None or user is None or training_session.status != SessionStatus.SCHEDULED:
        return
    with in_language(language_of(user)):
        _remind(training_session, user)


def _remind(training_session: TrainingSession, user) -> None:
    """The reminder's words, dates and calendar file, in the language of the block around it."""
    run = training_session.run
    shown = spans_for_viewer(
        training_session.starts_at, training_session.ends_at, training_session.timezone, user.display_timezone
    )
    when = shown[0].text
    if len(shown) > 1:
        when = _("%(when)s (your time: %(your_time)s)", when=when, your_time=shown[1].text)
    calendar = sessions_calendar([training_session], name=run.display_title, may_join=lambda _s: True)
    screen = _(
        "Your session of %(run)s is coming up: %(when)s, %(where)s.",
        run=run.display_title,
        when=when,
        where=training_session.location,
    )
    letter = "\n\n".join(
        [_("Hello %(name)s,", name=user.name), screen, _("The attached calendar file has the details.")]
    )
    notify(
        user,
        _("Reminder: %(run)s", run=run.display_title),
        screen,
        session_url(training_session),
        mail_body=letter,
        attachments=(Attachment(f"session-{training_session.id}.ics", "text/calendar", calendar),),
    )
