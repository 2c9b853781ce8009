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


def _tell(user, subject: str, screen: str, run: CourseRun, *, details: str = "", calendar=None) -> None:
    """The screen gets `screen` beside the run's link; the e-mail greets, adds `details` and says what the
    attached calendar file (if any) does."""
    letter = f"Hello {user.name},\n\n{screen}" + (f"\n\n{details}" if details else "")
    if calendar is not None:
        attachment, effect = calendar
        letter += f"\n\nThe attached calendar file {effect}."
    notify(
        user,
        subject,
        screen,
        run_url(run),
        mail_body=letter,
        attachments=(attachment,) if calendar is not None else (),
    )


def _sessions(run: CourseRun, user) -> str:
    return f"Sessions:\n{_schedule(run, user)}"


def registered(registration: Registration, waitlist_rank: int | None) -> None:
    """Confirm a new registration: a seat (with the calendar attached) or a place in line."""
    run, user = registration.run, registration.user
    if waitlist_rank is None:
        _tell(
            user,
            f"Your seat is confirmed: {run.display_title}",
            f"Your seat on {run.display_title} ({run.partner.short_name}) is confirmed.",
            run,
            details=_sessions(run, user),
            calendar=(run_attachment(run), "adds its sessions to your calendar"),
        )
        return
    _tell(
        user,
        f"You are on the waiting list: {run.display_title}",
        f"{run.display_title} is full: you are number {waitlist_rank} on the waiting list. If a seat frees up it "
        "goes to the first in line, who is told at once.",
        run,
    )


def promoted(registration: Registration) -> None:
    """Tell the first in line that a freed seat is now theirs (with the calendar attached)."""
    run, user = registration.run, registration.user
    _tell(
        user,
        f"A seat is yours: {run.display_title}",
        f"A seat has freed up on {run.display_title} and it is yours: your registration is confirmed.",
        run,
        details=_sessions(run, user),
        calendar=(run_attachment(run), "adds its sessions to your calendar"),
    )


def cancelled(registration: Registration) -> None:
    """Confirm that the trainee's own cancellation went through."""
    run, user = registration.run, registration.user
    _tell(
        user,
        f"Registration cancelled: {run.display_title}",
        f"Your registration for {run.display_title} is cancelled, as you asked.",
        run,
        calendar=(run_attachment(run, with_meeting_link=False), "removes its sessions from your calendar"),
    )


def removed(registration: Registration, reason: str) -> None:
    """Tell a trainee that the organisers took them off the run, and why if they said."""
    run, user = registration.run, registration.user
    _tell(
        user,
        f"Your registration was removed: {run.display_title}",
        f"The organisers removed your registration for {run.display_title}." + (f" Reason: {reason}" if reason else ""),
        run,
    )


def moved(registration: Registration, waitlist_rank: int | None) -> None:
    """Tell a trainee that the organisers moved them to another run: a seat or a place in line there."""
    run, user = registration.run, registration.user
    place = "with a confirmed seat" if waitlist_rank is None else f"as number {waitlist_rank} on the waiting list"
    _tell(
        user,
        f"You were moved to another run: {run.display_title}",
        f"The organisers moved your registration to this run of {run.display_title}, {place}.",
        run,
        details=_sessions(run, user),
        calendar=(run_attachment(run), "adds its sessions to your calendar"),
    )


def sessions_added(run: CourseRun, added: list[TrainingSession], users) -> None:
    """Send the trainees the run's new sessions, with a calendar file that updates theirs."""
    for user in users:
        new = "; ".join(f"{_when(s, user)}, {s.location}" for s in added)
        _tell(
            user,
            f"New session: {run.display_title}",
            f"{run.display_title} has {'a new session' if len(added) == 1 else 'new sessions'}: {new}.",
            run,
            calendar=(run_attachment(run), "updates your calendar"),
        )


def session_changed(training_session: TrainingSession, users) -> None:
    """Send the trainees a session's new time and place, with a calendar file that updates theirs."""
    run = training_session.run
    for user in users:
        _tell(
            user,
            f"Session changed: {run.display_title}",
            f"A session of {run.display_title} has changed. It is now {_when(training_session, user)}, "
            f"{training_session.location}.",
            run,
            calendar=(run_attachment(run), "updates your calendar"),
        )


def session_cancelled(training_session: TrainingSession, users) -> None:
    """Tell the trainees a session is cancelled (and why), with a calendar file that updates theirs."""
    run = training_session.run
    reason = training_session.cancellation_reason
    for user in users:
        _tell(
            user,
            f"Session cancelled: {run.display_title}",
            f"This session of {run.display_title} is cancelled: {_when(training_session, user)}."
            + (f" Reason: {reason}" if reason else ""),
            run,
            calendar=(run_attachment(run), "updates your calendar"),
        )


def run_cancelled(run: CourseRun, users) -> None:
    """Tell everyone registered that the run is cancelled (and why); the calendar file removes its sessions."""
    reason = run.cancellation_reason
    for user in users:
        _tell(
            user,
            f"Cancelled: {run.display_title}",
            f"{run.display_title} ({run.partner.short_name}) is cancelled, with all its sessions."
            + (f" Reason: {reason}" if reason else ""),
            run,
            calendar=(run_attachment(run, with_meeting_link=False), "removes its sessions from your calendar"),
        )
