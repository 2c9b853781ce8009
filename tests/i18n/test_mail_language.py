"""E-mails and notifications are written in their recipient's language, whoever causes them and whatever
language that person's own page is in."""

from ecri_lms.accounts.services import request_password_reset
from ecri_lms.infra.extensions import db
from ecri_lms.infra.i18n import _, _l, current_language, in_language
from ecri_lms.notifications.models import Notification
from ecri_lms.notifications.services import mail, notify
from tests.outbox import outbox_emails, outbox_rows

POLISH = {
    "pl": {
        "Your seat on %(run)s is confirmed.": "Twoje miejsce na %(run)s jest potwierdzone.",
        "Seat confirmed": "Miejsce potwierdzone",
        "Reset your ECRI LMS password": "Zresetuj hasło do ECRI LMS",
    },
    "es": {
        "Your seat on %(run)s is confirmed.": "Su plaza en %(run)s está confirmada.",
        "Seat confirmed": "Plaza confirmada",
        "Reset your ECRI LMS password": "Restablezca su contraseña de ECRI LMS",
    },
}


def test_a_notification_is_stored_and_mailed_in_the_recipient_s_language(app, make, catalogues):
    catalogues(POLISH)
    trainee = make.trainee(language="pl", email="ewa@example.org")
    with app.test_request_context(headers={"Accept-Language": "es"}):  # a coordinator reading Spanish
        assert current_language() == "es"
        notify(trainee, _l("Seat confirmed"), _l("Your seat on %(run)s is confirmed.", run="CE01 Kraków"))
        db.session.commit()
    note = db.session.query(Notification).one()
    assert (note.subject, note.body) == ("Miejsce potwierdzone", "Twoje miejsce na CE01 Kraków jest potwierdzone.")
    [email] = outbox_emails()
    assert email["To"] == "ewa@example.org" and email["Subject"] == "Miejsce potwierdzone"
    assert "Twoje miejsce na CE01 Kraków jest potwierdzone." in email.get_content()


def test_texts_built_by_a_function_are_built_in_the_recipient_s_language(app, make):
    seen = []

    def letter():
        seen.append(current_language())
        return _("Hello")

    with app.test_request_context(headers={"Accept-Language": "it"}):
        trainee = make.trainee(language="el")
        notify(trainee, letter, letter, mail_body=letter, attachments=lambda: seen.append("a") or ())
        assert current_language() == "it"  # the page's language is back once the notification is written
    assert seen == ["el", "el", "el", "a"]


def test_without_a_stored_language_the_partner_s_is_used(make):
    notify(make.trainee(partner="BIOPMED", language=None), lambda: current_language(), lambda: "…")
    assert outbox_rows()[0].subject == "it"


def test_plain_strings_are_sent_as_they_are(make):
    notify(make.trainee(language="pl"), "Reminder", "Tomorrow at 9:00.")
    [row] = outbox_rows()
    assert (row.subject, row.body) == ("Reminder", "Tomorrow at 9:00.")


def test_an_e_mail_alone_is_written_in_the_recipient_s_language(app, make, catalogues):
    catalogues(POLISH)
    with in_language("es"):
        mail(make.trainee(language="pl"), _l("Seat confirmed"), "…")
    assert outbox_rows()[0].subject == "Miejsce potwierdzone"
    assert db.session.query(Notification).count() == 0


def test_an_erased_person_is_sent_nothing(make):
    trainee = make.trainee(language="pl")
    trainee.anonymised_at = trainee.created_at
    assert notify(trainee, "Reminder", "…") is None and mail(trainee, "Reminder", "…") is None
    assert outbox_rows() == []


def test_a_password_reset_reaches_a_polish_user_in_polish_from_a_spanish_page(app, make, catalogues):
    catalogues(POLISH)
    make.trainee(language="pl", email="ewa@example.org")
    with app.test_request_context(headers={"Accept-Language": "es"}):
        request_password_reset("ewa@example.org")
        request_password_reset("nobody@example.org")  # no account to read a language from: the page's
    to_ewa, to_nobody = outbox_rows()
    assert to_ewa.subject == "Zresetuj hasło do ECRI LMS" and to_ewa.secret_link
    assert to_nobody.subject == "Restablezca su contraseña de ECRI LMS"


def test_the_reset_form_sends_the_reset_mail_in_the_user_s_language(client, make, catalogues):
    catalogues(POLISH)
    make.trainee(language="pl", email="ewa@example.org")
    client.post("/password/forgot", data={"email": "ewa@example.org"}, headers={"Accept-Language": "it"})
    assert [row.subject for row in outbox_rows()] == ["Zresetuj hasło do ECRI LMS"]
