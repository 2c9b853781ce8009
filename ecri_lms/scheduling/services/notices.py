"""What trainees are told when their place or their sessions change (in the app and by e-mail)."""

from ...notifications.services import notify
from ..calendars import run_attachment
from ..links import run_url
from ..models import CourseRun, Registration, TrainingSession
from ..timeplan import spans_for_viewer


def _when(training_session: TrainingSession, user) -> str:
    shown = spans_for_viewer(
        training_session.starts_at, training_session.ends_at, training_session.timezone, user.display_timezone
    )
    text = shown[0].text
    if len(shown) > 1:
        text += f" (your time: {shown[1].text})"
    return text


def _schedule(run: CourseRun, user) -> str:
    lines = []
    for training_session in run.sessions:
        state = " – CANCELLED" if training_session.is_cancelled else ""
        lines.append(f"- {_when(training_session, user)}, {training_session.location}{state}")
    return "\n".join(lines) or "- sessions to be announced"


def registered(registration: Registration, waitlist_rank: int | None) -> None:
    """Confirm a new registration: a seat (with the calendar attached) or a place in line."""
    run, user = registration.run, registration.user
    if waitlist_rank is None:
        notify(
            user,
            f"Your seat is confirmed: {run.display_title}",
            f"Hello {user.name},\n\nyour seat on {run.display_title} ({run.partner.short_name}) is confirmed.\n\n"
            f"Sessions:\n{_schedule(run, user)}",
            run_url(run),
            attachments=(run_attachment(run),),
        )
        return
    notify(
        user,
        f"You are on the waiting list: {run.display_title}",
        f"Hello {user.name},\n\n{run.display_title} is full. You are number {waitlist_rank} on the waiting list; "
        "if a seat frees up it goes to the first in line, and you will be told at once.",
        run_url(run),
    )


def promoted(registration: Registration) -> None:
    """Tell the first in line that a freed seat is now theirs (with the calendar attached)."""
    run, user = registration.run, registration.user
    notify(
        user,
        f"A seat is yours: {run.display_title}",
        f"Hello {user.name},\n\na seat has freed up on {run.display_title} and it is yours: you were first on "
        f"the waiting list. Your registration is now confirmed.\n\nSessions:\n{_schedule(run, user)}",
        run_url(run),
        attachments=(run_attachment(run),),
    )


def cancelled(registration: Registration) -> None:
    """Confirm that the trainee's own cancellation went through."""
    run, user = registration.run, registration.user
    notify(
        user,
        f"Registration cancelled: {run.display_title}",
        f"Hello {user.name},\n\nyour registration for {run.display_title} is cancelled, as you asked.",
        run_url(run),
        attachments=(run_attachment(run, with_meeting_link=False),),
    )


def removed(registration: Registration, reason: str) -> None:
    """Tell a trainee that the organisers took them off the run, and why if they said."""
    run, user = registration.run, registration.user
    notify(
        user,
        f"Your registration was removed: {run.display_title}",
        f"Hello {user.name},\n\nyour registration for {run.display_title} was removed by the organisers."
        + (f"\n\nReason: {reason}" if reason else ""),
        run_url(run),
    )


def moved(registration: Registration, waitlist_rank: int | None) -> None:
    """Tell a trainee that the organisers moved them to another run: a seat or a place in line there."""
    run, user = registration.run, registration.user
    place = "with a confirmed seat" if waitlist_rank is None else f"as number {waitlist_rank} on the waiting list"
    notify(
        user,
        f"You were moved to another run: {run.display_title}",
        f"Hello {user.name},\n\nthe organisers moved your registration to this run of {run.display_title}, "
        f"{place}.\n\nSessions:\n{_schedule(run, user)}",
        run_url(run),
        attachments=(run_attachment(run),),
    )


def sessions_added(run: CourseRun, added: list[TrainingSession], users) -> None:
    """Send the trainees the run's new sessions, with a calendar file that updates theirs."""
    for user in users:
        new = "\n".join(f"- {_when(s, user)}, {s.location}" for s in added)
        notify(
            user,
            f"New session: {run.display_title}",
            f"Hello {user.name},\n\n{run.display_title} has new sessions:\n{new}\n\n"
            "The attached calendar file updates your calendar.",
            run_url(run),
            attachments=(run_attachment(run),),
        )


def session_changed(training_session: TrainingSession, users) -> None:
    """Send the trainees a session's new time and place, with a calendar file that updates theirs."""
    run = training_session.run
    for user in users:
        notify(
            user,
            f"Session changed: {run.display_title}",
            f"Hello {user.name},\n\na session of {run.display_title} has changed. It is now:\n"
            f"{_when(training_session, user)}, {training_session.location}.\n\n"
            "The attached calendar file updates your calendar.",
            run_url(run),
            attachments=(run_attachment(run),),
        )


def session_cancelled(training_session: TrainingSession, users) -> None:
    """Tell the trainees a session is cancelled (and why), with a calendar file that updates theirs."""
    run = training_session.run
    reason = training_session.cancellation_reason
    for user in users:
        notify(
            user,
            f"Session cancelled: {run.display_title}",
            f"Hello {user.name},\n\nthis session of {run.display_title} is cancelled:\n"
            f"{_when(training_session, user)}."
            + (f"\n\nReason: {reason}" if reason else "")
            + "\n\nThe attached calendar file updates your calendar.",
            run_url(run),
            attachments=(run_attachment(run),),
        )


def run_cancelled(run: CourseRun, users) -> None:
    """Tell everyone registered that the run is cancelled (and why); the calendar file removes its sessions."""
    reason = run.cancellation_reason
    for user in users:
        notify(
            user,
            f"Cancelled: {run.display_title}",
            f"Hello {user.name},\n\n{run.display_title} ({run.partner.short_name}) is cancelled, with all its "
            "sessions."
            + (f"\n\nReason: {reason}" if reason else "")
            + "\n\nThe attached calendar file removes the sessions from your calendar.",
            run_url(run),
            attachments=(run_attachment(run, with_meeting_link=False),),
        )
