import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.scheduling.reminders import services
from ecri_lms.scheduling.reminders.models import SessionReminder
from tests.calendars import events_by_uid
from tests.outbox import attachments_of, outbox_emails


def test_a_confirmed_trainee_gets_one_reminder_with_the_sessions_calendar(make):
    run = make.run(starts_in=timedelta(hours=20), sessions=2, format="online")
    make.registration(run, make.trainee(email="seat@example.org"))
    assert services.send_due_reminders() == 1
    (message,) = outbox_emails()
    assert message["To"] == "seat@example.org" and message["Subject"].startswith("Reminder:")
    ((content_type, data),) = attachments_of(message)
    assert content_type == "text/calendar" and list(events_by_uid(data)) == [run.sessions[0].uid]
    assert services.send_due_reminders() == 0
    assert len(outbox_emails()) == 1


def test_no_reminder_for_later_sessions_waiting_lists_cancelled_sessions_or_inactive_people(make):
    later = make.run(starts_in=timedelta(hours=30), format="online")
    make.registration(later, make.trainee())
    soon = make.run(starts_in=timedelta(hours=2), format="online")
    make.registration(soon, make.trainee(), status="waitlisted")
    inactive = make.trainee()
    inactive.active = False
    make.registration(soon, inactive)
    cancelled = make.run(starts_in=timedelta(hours=2), format="online")
    cancelled.sessions[0].status = "cancelled"
    make.registration(cancelled, make.trainee())
    draft = make.run(starts_in=timedelta(hours=2), format="online", status="draft")
    make.registration(draft, make.trainee())
    assert services.send_due_reminders() == 0
    assert outbox_emails() == []


def test_the_next_day_brings_the_reminder_of_the_next_session(make):
    run = make.run(starts_in=timedelta(hours=3), sessions=2, format="online")
    make.registration(run, make.trainee())
    assert services.send_due_reminders() == 1
    assert services.send_due_reminders(utcnow() + timedelta(hours=10)) == 1
    assert len(outbox_emails()) == 2


@pytest.mark.committing  # two threads, two connections
def test_two_overlapping_runs_send_each_reminder_exactly_once(app, make, monkeypatch):
    """Both runs find the same due reminders before either claims: the database gives each to one run."""
    run = make.run(starts_in=timedelta(hours=5), capacity=30, format="online")
    for _ in range(12):
        make.registration(run, make.trainee())
    db.session.remove()
    barrier = threading.Barrier(2)
    find = services.due_reminders

    def find_then_wait(now):
        found = find(now)
        barrier.wait(timeout=30)
        return found

    monkeypatch.setattr(services, "due_reminders", find_then_wait)
    counts, errors = [], []

    def invoke():
        try:
            with app.app_context():
                counts.append(services.send_due_reminders())
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=invoke) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(counts) == 2 and sum(counts) == 12
    sent = outbox_emails()
    assert len(sent) == 12 and len({message["To"] for message in sent}) == 12
    assert db.session.scalar(select(func.count()).select_from(SessionReminder)) == 12


def test_the_cli_command_reports_how_many_it_sent(runner, make):
    run = make.run(starts_in=timedelta(hours=1), format="online")
    make.registration(run, make.trainee())
    result = runner.invoke(args=["reminders", "send"])
    assert result.exit_code == 0 and "1 reminder(s) sent." in result.output
