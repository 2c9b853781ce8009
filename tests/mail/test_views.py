"""The outbox page: admins read every e-mail's state, links that give access hidden, and send a failed one again."""

from sqlalchemy import select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.infra.extensions import db
from ecri_lms.infra.mail.outbox import queue_mail
from tests.outbox import outbox_rows

RESET_LINK = "http://127.0.0.1:5000/password/reset/SECRET-TOKEN"


def failed_mail(subject: str = "Your seat is confirmed", **options):
    message = queue_mail("ana@example.org", subject, f"Hello Ana,\n\n{RESET_LINK}", **options)
    message.status, message.attempts, message.last_error = "failed", 8, "SMTPRecipientsRefused: mailbox full"
    db.session.commit()
    return message


def test_admins_see_status_attempts_and_last_error_with_access_links_hidden(client, login_as, make):
    login_as(make.admin())
    failed_mail("Reset your ECRI LMS password", secret_link=True)
    page = client.get("/outbox")
    assert page.status_code == 200
    for shown in (
        "ana@example.org",
        "Reset your ECRI LMS password",
        "Failed",
        "SMTPRecipientsRefused: mailbox full",
        "[link hidden]",
        "Send again",
    ):
        assert shown in page.text
    assert "SECRET-TOKEN" not in page.text
    assert "Reset your ECRI LMS password" not in client.get("/outbox?status=sent").text


def test_a_link_that_gives_no_access_is_shown(client, login_as, make):
    login_as(make.admin())
    failed_mail()
    assert RESET_LINK in client.get("/outbox").text


def test_an_unknown_status_filter_is_refused_with_its_reason(client, login_as, make):
    login_as(make.admin())
    response = client.get("/outbox?status=lost")
    assert response.status_code == 400 and "Unknown status" in response.text


def test_sending_a_failed_e_mail_again_starts_its_attempts_over_under_the_same_message_id(
    client, login_as, make, app, monkeypatch
):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")  # it waits for a sender
    admin = login_as(make.admin())
    message = failed_mail()
    message_id = message.message_id
    response = client.post(f"/outbox/{message.id}/resend")
    assert response.status_code == 302
    (row,) = outbox_rows()
    assert (row.status, row.attempts, row.message_id) == ("pending", 0, message_id)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "mail.resend"))
    assert (event.actor_id, event.target_id) == (admin.id, row.id)


def test_an_e_mail_that_has_not_failed_is_not_sent_again(client, login_as, make, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")
    login_as(make.admin())
    message = queue_mail("ana@example.org", "Waiting", "…")
    db.session.commit()
    response = client.post(f"/outbox/{message.id}/resend", follow_redirects=True)
    assert "Only a failed e-mail can be sent again; this one is pending." in response.text
    assert "Send again" not in response.text
    assert db.session.scalar(select(AuditEvent.id)) is None
