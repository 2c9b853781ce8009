"""A notification is written for the screen (a sentence beside its link); the e-mail keeps the letter: the
greeting, the schedule, and what its attached calendar file does."""

import pytest
from sqlalchemy import select

from ecri_lms.infra.extensions import db
from ecri_lms.infra.mail.models import OutboxMessage
from ecri_lms.notifications.models import Notification
from ecri_lms.scheduling.reminders.services import send_reminder
from ecri_lms.scheduling.services import notices

MAIL_WORDING = ("Hello", "attached", "e-mail", "calendar file", "\n")


def _told(make, tell):
    run = make.run(sessions=2)
    trainee = make.trainee()
    registration = make.registration(run, trainee)
    tell(run, registration, trainee)
    db.session.flush()
    note = db.session.scalars(select(Notification).where(Notification.user_id == trainee.id)).one()
    mail = db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == trainee.email)).one()
    return note, mail


NOTICES = {
    "seat": lambda run, r, u: notices.registered(r, None),
    "waiting list": lambda run, r, u: notices.registered(r, 2),
    "promoted": lambda run, r, u: notices.promoted(r),
    "cancelled": lambda run, r, u: notices.cancelled(r),
    "removed": lambda run, r, u: notices.removed(r, "Duplicate"),
    "moved": lambda run, r, u: notices.moved(r, None),
    "sessions added": lambda run, r, u: notices.sessions_added(run, run.sessions[:1], [u]),
    "session changed": lambda run, r, u: notices.session_changed(run.sessions[0], [u]),
    "session cancelled": lambda run, r, u: notices.session_cancelled(run.sessions[0], [u]),
    "run cancelled": lambda run, r, u: notices.run_cancelled(run, [u]),
    "reminder": lambda run, r, u: send_reminder(run.sessions[0].id, u.id),
}


@pytest.mark.parametrize("tell", NOTICES.values(), ids=NOTICES.keys())
def test_a_notification_reads_on_screen_and_its_mail_keeps_the_letter(make, tell):
    note, mail = _told(make, tell)
    assert note.link and note.body
    assert not [w for w in MAIL_WORDING if w in note.body], note.body
    assert mail.body.startswith("Hello ") and note.body in mail.body
    if mail.attachments:
        assert "The attached calendar file" in mail.body
