"""The outbox holds personal data: it is in the person's download, and erasure leaves only the pseudonym."""

import json

import pytest

from ecri_lms.accounts.personal_data import erased_email, erased_name
from ecri_lms.infra.extensions import db
from ecri_lms.infra.mail.outbox import queue_mail
from ecri_lms.privacy.services import erase_personal_data, export_personal_data
from tests.outbox import outbox_rows


@pytest.fixture(autouse=True)
def mail_waits(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.org")


def test_the_persons_download_lists_their_e_mails_with_access_links_hidden(make):
    user = make.trainee(email="ana@example.org")
    queue_mail(
        user.email,
        "Reset your password",
        "Open http://127.0.0.1:5000/password/reset/SECRET-TOKEN",
        user=user,
        secret_link=True,
    )
    db.session.commit()
    (email,) = export_personal_data(user, user)["outbox"]["emails"]
    assert (email["to"], email["subject"], email["status"]) == ("ana@example.org", "Reset your password", "pending")
    assert "SECRET-TOKEN" not in email["body"] and "[link hidden]" in email["body"]


def test_erasure_readdresses_the_persons_e_mails_to_the_pseudonym_and_sends_none_still_waiting(make):
    user = make.trainee(email="ana@example.org", name="Ana López")
    sent = queue_mail(user.email, "Your seat, Ana López", "Hello Ana López (ana@example.org)", user=user)
    sent.status = "sent"
    queue_mail(user.email, "Reminder", "Hello Ana López", user=user)
    queue_mail("ana@example.org", "Reset your password", "No active account uses ana@example.org")
    queue_mail("someone@example.org", "Hello", "Hello Someone")
    db.session.commit()
    erase_personal_data(make.admin(), user)
    db.session.commit()
    *hers, other = outbox_rows()
    assert {row.to_address for row in hers} == {erased_email(user.id)} and {row.user_id for row in hers} == {user.id}
    text = json.dumps([[row.subject, row.body] for row in hers])
    assert "Ana López" not in text and "ana@example.org" not in text and erased_name(user.id) in text
    assert [row.status for row in hers] == ["sent", "failed", "failed"]
    assert (other.to_address, other.status) == ("someone@example.org", "pending")
