"""Training sessions as calendar events: the .ics downloads, feeds and e-mail attachments.

Their words (SUMMARY, DESCRIPTION) are in the language of the moment: the viewer's for a download, the
owner's for a personal feed, the recipient's for an e-mail attachment (the caller chooses it)."""

from collections.abc import Callable, Iterable
from datetime import timedelta

from ..infra.i18n import gettext as _
from ..infra.mail.message import Attachment
from ..infra.timeutil import to_zone
from .ical import CalendarEvent, build_calendar
from .links import session_url
from .models import DeliveryFormat, TrainingSession

ICS_TYPE = "text/calendar; charset=utf-8"
FEED_REFRESH = timedelta(hours=1)


def session_event(training_session: TrainingSession, *, with_meeting_link: bool) -> CalendarEvent:
    """The calendar view of a session; the meeting link only for those who may join."""
    run = training_session.run
    summary = run.display_title + (f" – {training_session.title}" if training_session.title else "")
    return CalendarEvent(
        cancelled_summary=_("Cancelled: %(summary)s", summary=summary) if training_session.is_cancelled else None,
        uid=training_session.uid,
        start=to_zone(training_session.starts_at, training_session.timezone),
        end=to_zone(training_session.ends_at, training_session.timezone),
        summary=summary,
        location=training_session.location,
        url=session_url(training_session),
        description=_description(training_session, with_meeting_link),
        sequence=training_session.sequence,
        cancelled=training_session.is_cancelled,
        stamp=training_session.updated_at,
        created=training_session.created_at,
    )


def _description(training_session: TrainingSession, with_meeting_link: bool) -> str:
    run = training_session.run
    lines = [
        f"{run.course.code}: {run.course.title}",
        _("Organised by %(partner)s", partner=run.partner.name),
        _("Format: %(format)s", format=training_session.format_label),
    ]
    if run.trainers:
        lines.append(_("Trainers: %(names)s", names=", ".join(trainer.name for trainer in run.trainers)))
    if training_session.format != DeliveryFormat.IN_PERSON.value:
        if with_meeting_link and training_session.meeting_url:
            lines.append(_("Join online: %(link)s", link=training_session.meeting_url))
        else:
            lines.append(_("The link to join online is given to registered trainees."))
    if training_session.is_cancelled:
        lines.append(
            _("This session is cancelled.")
            + (f" {training_session.cancellation_reason}" if training_session.cancellation_reason else "")
        )
    lines.append(_("Details: %(link)s", link=session_url(training_session)))
    return "\n".join(lines)


def sessions_calendar(
    sessions: Iterable[TrainingSession], *, name: str, may_join: Callable[[TrainingSession], bool], feed: bool = False
) -> bytes:
    """The .ics of these sessions; feeds also tell clients how often to refresh."""
    events = [session_event(s, with_meeting_link=may_join(s)) for s in sessions]
    return build_calendar(events, name=name, refresh=FEED_REFRESH if feed else None)


def run_attachment(run, *, with_meeting_link: bool = True) -> Attachment:
    """The run's sessions as an e-mail attachment."""
    data = sessions_calendar(run.sessions, name=run.display_title, may_join=lambda _s: with_meeting_link)
    return Attachment(filename=f"run-{run.id}.ics", content_type="text/calendar", data=data)
