"""What trainees are told when their place or their sessions change (in the app and by e-mail).

Each notice is written in its reader's language (`language_of`), whoever's request sends it: the subject,
the screen's sentence, the letter, the schedule's dates and the attached calendar file alike.
"""

from ...accounts.languages import language_of
from ...infra.i18n import gettext as _
from ...infra.i18n import in_language, ngettext
from ...notifications.services import notify
from ..calendars import run_attachment
from ..links import run_url
from ..models import CourseRun, Registration, TrainingSession
from ..timeplan import spans_for_viewer


def _when(training_session: TrainingSession, user) -> str:
    shown = spans_for_viewer(
        training_session.starts_at, training_session.ends_at, training_session.timezone, user.display_timezone
    )
    if len(shown) > 1:
        return _("%(when)s (your time: %(your_time)s)", when=shown[0].text, your_time=shown[1].text)
    return shown[0].text


def _schedule(run: CourseRun, user) -> str:
    lines = []
    for training_session in run.sessions:
        when, where = _when(training_session, user), training_session.location
        if training_session.is_cancelled:
            lines.append(_("- %(when)s, %(where)s – CANCELLED", when=when, where=where))
        else:
            lines.append(f"- {when}, {where}")
    return "\n".join(lines) or _("- sessions to be announced")


def _tell(user, subject: str, screen: str, run: CourseRun, *, details: str = "", calendar=None) -> None:
    """The screen gets `screen` beside the run's link; the e-mail greets, adds `details` and says what the
    attached calendar file (if any) does (`calendar`: the attachment and that sentence). Called inside
    `in_language(language_of(user))`."""
    letter = _("Hello %(name)s,", name=user.name) + f"\n\n{screen}" + (f"\n\n{details}" if details else "")
    if calendar is not None:
        attachment, effect = calendar
        letter += f"\n\n{effect}"
    notify(
        user,
        subject,
        screen,
        run_url(run),
        mail_body=letter,
        attachments=(attachment,) if calendar is not None else (),
    )


def _sessions(run: CourseRun, user) -> str:
    return _("Sessions:") + "\n" + _schedule(run, user)


def _adds(run: CourseRun):
    return run_attachment(run), _("The attached calendar file adds its sessions to your calendar.")


def _updates(run: CourseRun):
    return run_attachment(run), _("The attached calendar file updates your calendar.")


def _removes(run: CourseRun):
    return (
        run_attachment(run, with_meeting_link=False),
        _("The attached calendar file removes its sessions from your calendar."),
    )


def registered(registration: Registration, waitlist_rank: int | None) -> None:
    """Confirm a new registration: a seat (with the calendar attached) or a place in line."""
    run, user = registration.run, registration.user
    with in_language(language_of(user)):
        title = run.display_title
        if waitlist_rank is None:
            _tell(
                user,
                _("Your seat is confirmed: %(run)s", run=title),
                _("Your seat on %(run)s (%(partner)s) is confirmed.", run=title, partner=run.partner.short_name),
                run,
                details=_sessions(run, user),
                calendar=_adds(run),
            )
            return
        _tell(
            user,
            _("You are on the waiting list: %(run)s", run=title),
            _(
                "%(run)s is full: you are number %(rank)s on the waiting list. If a seat frees up it goes to the "
                "first in line, who is told at once.",
                run=title,
                rank=waitlist_rank,
            ),
            run,
        )


def promoted(registration: Registration) -> None:
    """Tell the first in line that a freed seat is now theirs (with the calendar attached)."""
    run, user = registration.run, registration.user
    with in_language(language_of(user)):
        _tell(
            user,
            _("A seat is yours: %(run)s", run=run.display_title),
            _(
                "A seat has freed up on %(run)s and it is yours: your registration is confirmed.",
                run=run.display_title,
            ),
            run,
            details=_sessions(run, user),
            calendar=_adds(run),
        )


def cancelled(registration: Registration) -> None:
    """Confirm that the trainee's own cancellation went through."""
    run, user = registration.run, registration.user
    with in_language(language_of(user)):
        _tell(
            user,
            _("Registration cancelled: %(run)s", run=run.display_title),
            _("Your registration for %(run)s is cancelled, as you asked.", run=run.display_title),
            run,
            calendar=_removes(run),
        )


def removed(registration: Registration, reason: str) -> None:
    """Tell a trainee that the organisers took them off the run, and why if they said."""
    run, user = registration.run, registration.user
    with in_language(language_of(user)):
        title = run.display_title
        _tell(
            user,
            _("Your registration was removed: %(run)s", run=title),
            _("The organisers removed your registration for %(run)s. Reason: %(reason)s", run=title, reason=reason)
            if reason
            else _("The organisers removed your registration for %(run)s.", run=title),
            run,
        )


def moved(registration: Registration, waitlist_rank: int | None) -> None:
    """Tell a trainee that the organisers moved them to another run: a seat or a place in line there."""
    run, user = registration.run, registration.user
    with in_language(language_of(user)):
        title = run.display_title
        _tell(
            user,
            _("You were moved to another run: %(run)s", run=title),
            _("The organisers moved your registration to this run of %(run)s, with a confirmed seat.", run=title)
            if waitlist_rank is None
            else _(
                "The organisers moved your registration to this run of %(run)s, as number %(rank)s on the "
                "waiting list.",
                run=title,
                rank=waitlist_rank,
            ),
            run,
            details=_sessions(run, user),
            calendar=_adds(run),
        )


def sessions_added(run: CourseRun, added: list[TrainingSession], users) -> None:
    """Send the trainees the run's new sessions, with a calendar file that updates theirs."""
    for user in users:
        with in_language(language_of(user)):
            new = "; ".join(f"{_when(s, user)}, {s.location}" for s in added)
            _tell(
                user,
                _("New session: %(run)s", run=run.display_title),
                ngettext(
                    "%(run)s has a new session: %(sessions)s.",
                    "%(run)s has new sessions: %(sessions)s.",
                    len(added),
                    run=run.display_title,
                    sessions=new,
                ),
                run,
                calendar=_updates(run),
            )


def session_changed(training_session: TrainingSession, users) -> None:
    """Send the trainees a session's new time and place, with a calendar file that updates theirs."""
    run = training_session.run
    for user in users:
        with in_language(language_of(user)):
            _tell(
                user,
                _("Session changed: %(run)s", run=run.display_title),
                _(
                    "A session of %(run)s has changed. It is now %(when)s, %(where)s.",
                    run=run.display_title,
                    when=_when(training_session, user),
                    where=training_session.location,
                ),
                run,
                calendar=_updates(run),
            )


def session_cancelled(training_session: TrainingSession, users) -> None:
    """Tell the trainees a session is cancelled (and why), with a calendar file that updates theirs."""
    run = training_session.run
    reason = training_session.cancellation_reason
    for user in users:
        with in_language(language_of(user)):
            title, when = run.display_title, _when(training_session, user)
            _tell(
                user,
                _("Session cancelled: %(run)s", run=title),
                _(
                    "This session of %(run)s is cancelled: %(when)s. Reason: %(reason)s",
                    run=title,
                    when=when,
                    reason=reason,
                )
                if reason
                else _("This session of %(run)s is cancelled: %(when)s.", run=title, when=when),
                run,
                calendar=_updates(run),
            )


def run_cancelled(run: CourseRun, users) -> None:
    """Tell everyone registered that the run is cancelled (and why); the calendar file removes its sessions."""
    reason = run.cancellation_reason
    for user in users:
        with in_language(language_of(user)):
            title, partner = run.display_title, run.partner.short_name
            _tell(
                user,
                _("Cancelled: %(run)s", run=title),
                _(
                    "%(run)s (%(partner)s) is cancelled, with all its sessions. Reason: %(reason)s",
                    run=title,
                    partner=partner,
                    reason=reason,
                )
                if reason
                else _("%(run)s (%(partner)s) is cancelled, with all its sessions.", run=title, partner=partner),
                run,
                calendar=_removes(run),
            )
