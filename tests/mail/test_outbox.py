"""The outbox: written with the change, sent after it by one sender at a time, retried, never lost."""

import smtplib
import threading
import time
from datetime import timedelta

import pytest

from ecri_lms.infra.errors import Conflict
from ecri_lms.infra.extensions import db
from ecri_lms.infra.mail import sender
from ecri_lms.infra.mail.message import Attachment
from ecri_lms.infra.mail.models import OutboxStatus
from ecri_lms.infra.mail.outbox import queue_mail
from ecri_lms.infra.mail.sender import LONGEST_WAIT, MAX_ATTEMPTS, retry_delay, send_pending
from ecri_lms.infra.timeutil import utcnow
from tests.e2e.server import free_port
from tests.mail.smtp_sink import smtp_sink
from tests.outbox import outbox_rows

pytestmark = pytest.mark.committing  # the sender claims and sends in transactions of its own, as in production


@pytest.fixture
def smtp_configured(app, monkeypatch):
    """SMTP set up and no Redis: e-mail waits in the outbox for a sender (as from cron)."""
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")


@pytest.fixture
def delivered(monkeypatch) -> list:
    handed_over = []
    monkeypatch.setattr(sender, "deliver", handed_over.append)
    return handed_over


def write_mail(subject: str = "Your seat is confirmed", to: str = "ana@example.org", **options):
    message = queue_mail(to, subject, "Hello Ana,\n\nsee you there.", **options)
    db.session.commit()
    return message


def test_an_e_mail_is_written_with_its_change_and_never_sent_when_that_change_rolls_back(smtp_configured, delivered):
    write_mail("Kept")
    queue_mail("ana@example.org", "Dropped", "…")
    db.session.rollback()
    assert send_pending() == 1
    assert [message["Subject"] for message in delivered] == ["Kept"]


def test_a_released_savepoint_does_not_start_sending_before_the_commit(delivered):
    with db.session.begin_nested():
        queue_mail("ana@example.org", "After the commit", "…")
    assert delivered == []
    db.session.commit()
    assert [message["Subject"] for message in delivered] == ["After the commit"]


def test_without_smtp_the_e_mail_is_printed_in_full_and_kept_in_the_outbox(make, capsys):
    user = make.trainee(email="ana@example.org")
    write_mail(user=user, attachments=(Attachment("run.ics", "text/calendar", b"BEGIN:VCALENDAR"),))
    printed = capsys.readouterr().out
    for line in (
        "To: ana@example.org",
        "Subject: Your seat is confirmed",
        "Hello Ana,\n\nsee you there.",
        "[attachment: run.ics (text/calendar, 15 bytes)]",
    ):
        assert line in printed
    (row,) = outbox_rows()
    assert (row.status, row.user_id, row.attempts) == ("sent", user.id, 1) and row.sent_at is not None
    assert row.message_id in printed


def test_failed_attempts_wait_twice_as_long_each_time_then_the_e_mail_is_marked_failed(smtp_configured, monkeypatch):
    tried = []

    def refuse(message):
        tried.append(message["Message-ID"])
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(sender, "deliver", refuse)
    message_id = write_mail().message_id
    now, waits = utcnow(), []
    for _ in range(MAX_ATTEMPTS - 1):
        assert send_pending(now) == 0
        (row,) = outbox_rows()
        assert row.status == "pending" and send_pending(row.due_at - timedelta(seconds=1)) == 0
        waits.append(row.due_at - now)
        now = row.due_at
    assert waits == [timedelta(minutes=2**n) for n in range(MAX_ATTEMPTS - 1)]
    assert send_pending(now) == 0
    (row,) = outbox_rows()
    assert (row.status, row.attempts) == ("failed", MAX_ATTEMPTS)
    assert row.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert send_pending(now + timedelta(days=30)) == 0
    assert tried == [message_id] * MAX_ATTEMPTS  # every attempt is the same message
    assert retry_delay(MAX_ATTEMPTS + 5) == LONGEST_WAIT


def test_two_senders_at_once_hand_each_e_mail_over_once(app, smtp_configured, monkeypatch):
    for number in range(20):
        queue_mail(f"trainee{number}@example.org", "Your seat is confirmed", "…")
    db.session.commit()
    handed_over, lock, barrier, counts = [], threading.Lock(), threading.Barrier(2), []

    def slowly(message):
        time.sleep(0.01)
        with lock:
            handed_over.append(message["Message-ID"])

    monkeypatch.setattr(sender, "deliver", slowly)

    def run_sender():
        with app.app_context():
            barrier.wait(timeout=30)
            counts.append(send_pending())

    threads = [threading.Thread(target=run_sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(counts) == 20 and len(handed_over) == 20 and len(set(handed_over)) == 20
    assert all(row.status == "sent" and row.attempts == 1 for row in outbox_rows())


def use_smtp(app, monkeypatch, port: int, tls: bool = False) -> None:
    for key, value in {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_USE_TLS": tls}.items():
        monkeypatch.setitem(app.config, key, value)


def test_with_redis_down_a_committed_e_mail_waits_for_the_next_sender(app, runner, monkeypatch, caplog):
    monkeypatch.setitem(app.config, "REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    with smtp_sink() as (sink, port):
        use_smtp(app, monkeypatch, port)
        message_id = write_mail().message_id
        assert "Redis is unreachable: e-mail waits in the outbox" in caplog.text
        assert outbox_rows()[0].status == "pending" and sink.messages == []
        result = runner.invoke(args=["mail", "send-pending"])
        assert result.exit_code == 0 and "1 e-mail(s) sent; 0 waiting for a retry, 0 failed" in result.output
        assert sink.message_ids() == [message_id]


def test_a_relay_without_starttls_is_reported_rather_than_used_in_clear_when_tls_is_asked_for(app, monkeypatch):
    with smtp_sink() as (sink, port):
        use_smtp(app, monkeypatch, port, tls=True)
        write_mail()
        assert send_pending() == 0 and sink.messages == []
        (row,) = outbox_rows()
        assert row.status == "pending" and "does not offer STARTTLS" in row.last_error
        assert "set MAIL_USE_TLS=0 for a plain relay" in row.last_error


def test_only_a_failed_e_mail_is_given_new_attempts(app):
    message = queue_mail("ana@example.org", "Waiting", "…")
    db.session.flush()
    with pytest.raises(Conflict, match="this one is pending"):
        message.retry(utcnow())
    assert message.status == OutboxStatus.PENDING and message.attempts == 0
