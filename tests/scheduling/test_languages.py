"""Scheduling speaks its reader's language: pages in the viewer's, notices and reminders in each
recipient's (whoever's request or job sends them), a personal feed in its owner's, a partner's public
feed in the partner's unless the browser asks for another; days and months named in that language."""

from datetime import UTC, datetime, timedelta

import pytest
from babel.dates import get_day_names
from sqlalchemy import select

from ecri_lms.infra.extensions import db
from ecri_lms.infra.i18n import current_language, in_language
from ecri_lms.infra.mail.message import build_message
from ecri_lms.infra.mail.models import OutboxMessage
from ecri_lms.notifications.models import Notification
from ecri_lms.scheduling import services
from ecri_lms.scheduling.reminders.services import send_reminder
from ecri_lms.scheduling.services import notices
from ecri_lms.scheduling.timeplan import format_dates, format_span
from ecri_lms.scheduling.views.browse import _weekday_names
from tests.outbox import attachments_of
from tests.scheduling.catalogues import catalogues

WORDS = {
    "el": {
        "My sessions": "Οι συνεδρίες μου",
        "Reminder: %(run)s": "Υπενθύμιση: %(run)s",
        "Hello %(name)s,": "Γεια σας %(name)s,",
        "Session cancelled: %(run)s": "Η συνεδρία ακυρώθηκε: %(run)s",
        "Organised by %(partner)s": "Διοργάνωση: %(partner)s",
        "My ECRI training sessions": "Οι εκπαιδευτικές συνεδρίες μου στο ECRI",
    },
    "pl": {
        "Reminder: %(run)s": "Przypomnienie: %(run)s",
        "Hello %(name)s,": "Dzień dobry, %(name)s,",
        "Your seat is confirmed: %(run)s": "Twoje miejsce jest potwierdzone: %(run)s",
    },
    "it": {
        "Session cancelled: %(run)s": "Sessione annullata: %(run)s",
        "Organised by %(partner)s": "Organizzata da %(partner)s",
        "My ECRI training sessions": "Le mie sessioni di formazione ECRI",
    },
}


@pytest.fixture
def translated(app, tmp_path, monkeypatch):
    with catalogues(app, tmp_path, monkeypatch, WORDS):
        yield


def _subjects(user) -> list[str]:
    return list(db.session.scalars(select(Notification.subject).where(Notification.user_id == user.id)))


def _mail_to(user) -> OutboxMessage:
    return db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == user.email)).one()


def test_a_greek_trainee_reads_their_sessions_page_in_greek(translated, make, client, login_as):
    login_as(make.trainee(language="el"))
    page = client.get("/my/sessions").text
    assert '<html lang="el">' in page and '<h1 class="h3 mb-0">Οι συνεδρίες μου</h1>' in page


def test_a_reminder_job_writes_each_trainee_in_their_own_language(translated, make):
    run = make.run(sessions=1)
    polish, english = make.trainee(language="pl"), make.trainee(language="en")
    for trainee in (polish, english):
        make.registration(run, trainee)
        send_reminder(run.sessions[0].id, trainee.id)
    db.session.flush()
    assert _subjects(polish) == [f"Przypomnienie: {run.display_title}"]
    assert _mail_to(polish).body.startswith(f"Dzień dobry, {polish.name},")
    assert _subjects(english) == [f"Reminder: {run.display_title}"]
    assert current_language() == "en"  # the job's own language is left as it was


def test_notices_are_built_in_the_recipients_language(make, monkeypatch):
    """Whatever the language around it, each notice (text, dates, calendar file) is made in its reader's."""
    built_in = []
    monkeypatch.setattr(
        notices, "notify", lambda user, *args, **kwargs: built_in.append((user.language, current_language()))
    )
    run = make.run(sessions=1)
    readers = [make.trainee(language=language) for language in ("pl", "el", "it", "es", "en")]
    for reader in readers:
        make.registration(run, reader)
    with in_language("es"):
        notices.session_cancelled(run.sessions[0], readers)
    assert built_in == [(language, language) for language in ("pl", "el", "it", "es", "en")]


def test_an_english_coordinators_cancellation_reaches_each_trainee_in_their_language(
    translated, make, client, login_as
):
    coordinator = make.partner_coordinator(language="en")
    run = make.run(sessions=2)
    greek, italian = make.trainee(language="el"), make.trainee(language="it")
    for trainee in (greek, italian):
        make.registration(run, trainee)
    login_as(coordinator)
    response = client.post(f"/sessions/{run.sessions[0].id}/cancel", data={"reason": ""}, follow_redirects=True)
    assert "The session is cancelled and its trainees have been told." in response.text
    assert _subjects(greek) == [f"Η συνεδρία ακυρώθηκε: {run.display_title}"]
    assert _subjects(italian) == [f"Sessione annullata: {run.display_title}"]
    ((_type, calendar),) = attachments_of(build_message(_mail_to(italian)))
    assert "Organizzata da" in calendar.decode()


def test_a_personal_feed_is_in_its_owners_language_whoever_fetches_it(translated, make, client):
    owner = make.trainee(language="it")
    run = make.run(sessions=1)
    make.registration(run, owner)
    token = services.issue_feed_token(owner)
    db.session.commit()
    feed = client.get(f"/calendar/feed/{token}.ics").text  # the calendar application asks for English
    assert "X-WR-CALNAME:Le mie sessioni di formazione ECRI" in feed and "Organizzata da" in feed


def test_a_partner_feed_is_in_the_partners_language_unless_the_browser_asks_for_another(translated, make, client):
    make.run(partner="HBIO", sessions=1)  # HBIO's people read Greek
    application = client.get("/calendar/partners/HBIO.ics", headers={"Accept-Language": ""})
    browser = client.get("/calendar/partners/HBIO.ics", headers={"Accept-Language": "it"})
    assert "Διοργάνωση:" in application.text
    assert "Organizzata da" in browser.text
    assert {"Accept-Language", "Cookie"} <= set(browser.vary)


def test_days_and_months_are_named_in_the_readers_language():
    start, end = datetime(2028, 3, 14, 8, tzinfo=UTC), datetime(2028, 3, 14, 11, tzinfo=UTC)
    assert format_span(start, end, "Europe/Athens") == "Tue 14 Mar 2028, 10:00–13:00 EET"
    assert format_dates(start, end + timedelta(days=2), "Europe/Athens") == "14 Mar 2028 – 16 Mar 2028"
    with in_language("el"):
        assert format_span(start, end, "Europe/Athens") == "Τρί 14 Μαρ 2028, 10:00–13:00 EET"
    with in_language("pl"):
        assert _weekday_names() == [
            get_day_names("abbreviated", context="stand-alone", locale="pl")[d] for d in range(7)
        ]
        assert _weekday_names()[0] != "Mon"


def test_the_month_calendar_names_its_month_and_days_in_the_readers_language(translated, make, client, login_as):
    login_as(make.trainee(language="es"))
    page = client.get("/calendar?month=2027-03").text
    assert '<h1 class="h3 mb-0">marzo 2027</h1>' in page
    assert all(f'<th scope="col">{day}</th>' in page for day in _spanish_days())


def _spanish_days() -> list[str]:
    with in_language("es"):
        return _weekday_names()
