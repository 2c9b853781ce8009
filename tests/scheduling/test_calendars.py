"""iCalendar output: valid RFC 5545 that icalendar parses, with time zones, and feeds that stay current."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import select

from ecri_lms.infra.extensions import db
from ecri_lms.scheduling import services
from ecri_lms.scheduling.ical import CalendarEvent, build_calendar
from ecri_lms.scheduling.models import CalendarFeedToken
from ecri_lms.scheduling.services.feeds import TOKEN_BYTES
from tests.calendars import events_by_uid, parse_strictly
from tests.outbox import attachments_of, outbox_emails

STAMP = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)


def an_event(**changes) -> CalendarEvent:
    athens = ZoneInfo("Europe/Athens")
    fields = dict(
        uid="s1@ecri-lms",
        start=datetime(2027, 3, 14, 10, tzinfo=athens),
        end=datetime(2027, 3, 14, 13, tzinfo=athens),
        summary="Strategy",
        location="Online",
        url="https://lms.example.org/runs/1#session-1",
        description="Day 1",
        sequence=0,
        cancelled=False,
        stamp=STAMP,
        created=STAMP,
    )
    return CalendarEvent(**(fields | changes))


def test_build_calendar_writes_folded_crlf_lines_and_the_zones_it_uses():
    long_text = "Ρυθμιστικές διαδρομές για προϊόντα υγείας – Łódź, Kraków, Núñez – " * 3
    madrid = ZoneInfo("Europe/Madrid")
    data = build_calendar(
        [
            an_event(summary=long_text, description=long_text),
            an_event(
                uid="s2@ecri-lms",
                start=datetime(2027, 11, 2, 9, tzinfo=madrid),
                end=datetime(2027, 11, 2, 12, tzinfo=madrid),
            ),
        ],
        name="Test",
    )
    calendar = parse_strictly(data)
    assert {tz.tz_name for tz in calendar.timezones} == {"Europe/Athens", "Europe/Madrid"}
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == long_text  # unfolded back intact
    assert b"DTSTART;TZID=Europe/Athens:20270314T100000\r\n" in data
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=2)


def test_a_cancelled_event_is_marked_so():
    event = Calendar.from_ical(build_calendar([an_event(cancelled=True, sequence=3)], name="T")).walk("VEVENT")[0]
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CANCELLED", 3)
    assert str(event["SUMMARY"]).startswith("Cancelled:")


def test_an_empty_calendar_is_still_a_calendar():
    assert parse_strictly(build_calendar([], name="Nothing yet")).walk("VEVENT") == []


@pytest.fixture
def athens_run(make):
    trainer = make.trainer("HBIO")
    return make.run(partner="HBIO", sessions=2, format="hybrid", trainers=[trainer])


def test_run_and_session_downloads_parse_and_point_back_to_the_sessions(client, login_as, make, athens_run):
    trainee = login_as(make.trainee())
    services.register(trainee, athens_run)
    db.session.commit()
    run_ics = client.get(f"/runs/{athens_run.id}/calendar.ics")
    assert run_ics.status_code == 200 and run_ics.mimetype == "text/calendar"
    events = events_by_uid(run_ics.data)
    assert set(events) == {s.uid for s in athens_run.sessions}
    first = athens_run.sessions[0]
    event = events[first.uid]
    assert event["DTSTART"].params["TZID"] == "Europe/Athens"
    assert str(event["URL"]).endswith(f"/runs/{athens_run.id}#session-{first.id}")
    assert first.venue.address in str(event["LOCATION"])
    assert "https://meet.example.org/ecri" in str(event["DESCRIPTION"])  # a confirmed trainee may join
    session_ics = client.get(f"/sessions/{first.id}/calendar.ics")
    assert set(events_by_uid(session_ics.data)) == {first.uid}


def test_the_meeting_link_is_kept_from_those_without_a_seat(client, login_as, make, athens_run):
    login_as(make.trainee())
    event = next(iter(events_by_uid(client.get(f"/runs/{athens_run.id}/calendar.ics").data).values()))
    assert "meet.example.org" not in str(event["DESCRIPTION"])


def test_a_personal_feed_needs_no_login_and_lists_only_confirmed_seats_and_teaching(client, make):
    trainer = make.trainer("HBIO")
    seated_run, waiting_run = make.run(capacity=5, trainers=[trainer]), make.run(capacity=1)
    trainee = make.trainee()
    services.register(trainee, seated_run)
    services.register(make.trainee(), waiting_run)
    services.register(trainee, waiting_run)
    token = services.issue_feed_token(trainee)
    trainer_token = services.issue_feed_token(trainer)
    db.session.commit()
    response = client.get(f"/calendar/feed/{token}.ics")
    assert response.status_code == 200
    assert set(events_by_uid(response.data)) == {s.uid for s in seated_run.sessions}
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.data
    teaching = events_by_uid(client.get(f"/calendar/feed/{trainer_token}.ics").data)
    assert set(teaching) == {s.uid for s in seated_run.sessions}


def _subscribed_trainee(make):
    """A partner coordinator, an online run of two sessions, and the feed token of a trainee seated on it."""
    coordinator = make.partner_coordinator("HBIO")
    run = make.run(sessions=2, format="online")
    trainee = make.trainee()
    services.register(trainee, run)
    token = services.issue_feed_token(trainee)
    db.session.commit()
    return coordinator, run, token


def test_a_cancelled_session_stays_in_the_feed_with_a_higher_sequence(client, make):
    coordinator, run, token = _subscribed_trainee(make)
    cancelled = run.sessions[1]
    before = events_by_uid(client.get(f"/calendar/feed/{token}.ics").data)[cancelled.uid]
    assert str(before["STATUS"]) == "CONFIRMED"
    services.cancel_session(coordinator, cancelled, "Room flooded")
    db.session.commit()
    after = events_by_uid(client.get(f"/calendar/feed/{token}.ics").data)
    assert str(after[cancelled.uid]["STATUS"]) == "CANCELLED"
    assert int(after[cancelled.uid]["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after[cancelled.uid].decoded("DTSTAMP") >= before.decoded("DTSTAMP")
    assert str(after[run.sessions[0].uid]["STATUS"]) == "CONFIRMED"


def test_a_feed_answers_304_while_the_client_has_its_current_version(client, make):
    coordinator, run, token = _subscribed_trainee(make)
    first = client.get(f"/calendar/feed/{token}.ics")
    etag = first.headers["ETag"]
    assert first.status_code == 200 and not etag.startswith("W/")
    assert first.headers["Cache-Control"] == "no-store"
    again = client.get(f"/calendar/feed/{token}.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    services.cancel_session(coordinator, run.sessions[1], "Room flooded")
    db.session.commit()
    changed = client.get(f"/calendar/feed/{token}.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert str(events_by_uid(changed.data)[run.sessions[1].uid]["STATUS"]) == "CANCELLED"


def test_a_feed_lists_a_run_once_when_the_user_both_teaches_and_has_a_seat(client, make):
    trainer = make.user("trainer", "trainee")
    run = make.run(sessions=3, capacity=5, trainers=[trainer])
    make.registration(run, trainer)
    token = services.issue_feed_token(trainer)
    db.session.commit()
    events = parse_strictly(client.get(f"/calendar/feed/{token}.ics").data).walk("VEVENT")
    assert sorted(str(event["UID"]) for event in events) == sorted(s.uid for s in run.sessions)


def test_a_cancelled_run_stays_in_the_partner_feed_as_cancelled(client, make):
    run = make.run(partner="LSK", sessions=2, format="online")
    services.cancel_run(make.partner_coordinator("LSK"), run)
    db.session.commit()
    events = events_by_uid(client.get("/calendar/partners/LSK.ics").data)
    assert {str(e["STATUS"]) for e in events.values()} == {"CANCELLED"}
    assert all(int(e["SEQUENCE"]) == 1 for e in events.values())


def test_a_partner_feed_lists_its_open_runs_only_without_meeting_links(client, make):
    open_run = make.run(partner="LSK", format="online")
    make.run(partner="LSK", status="draft", format="online")
    make.run(partner="HBIO", format="online")
    make.run(partner="LSK", starts_in=timedelta(days=-30), format="online")
    response = client.get("/calendar/partners/lsk.ics")
    assert response.status_code == 200
    events = events_by_uid(response.data)
    assert set(events) == {s.uid for s in open_run.sessions}
    assert b"meet.example.org" not in response.data
    assert client.get("/calendar/partners/NOWHERE.ics").status_code == 404


def test_a_revoked_or_replaced_or_unknown_token_answers_404(client, make):
    trainee = make.trainee()
    first = services.issue_feed_token(trainee)
    db.session.commit()
    assert client.get(f"/calendar/feed/{first}.ics").status_code == 200
    second = services.issue_feed_token(trainee)
    db.session.commit()
    assert client.get(f"/calendar/feed/{first}.ics").status_code == 404
    assert client.get(f"/calendar/feed/{second}.ics").status_code == 200
    services.revoke_feed_tokens(trainee)
    db.session.commit()
    assert client.get(f"/calendar/feed/{second}.ics").status_code == 404
    assert client.get("/calendar/feed/not-a-token.ics").status_code == 404


def test_feed_tokens_have_at_least_128_bits_and_only_their_hash_is_stored(make):
    trainee = make.trainee()
    tokens = {services.issue_feed_token(trainee) for _ in range(20)}
    assert TOKEN_BYTES * 8 >= 128
    assert len(tokens) == 20
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", token) for token in tokens)  # 32 random bytes, base64url
    stored = set(db.session.scalars(select(CalendarFeedToken.token_hash)))
    assert not stored & tokens


def test_a_suspended_users_feed_answers_404(client, make):
    trainee = make.trainee()
    token = services.issue_feed_token(trainee)
    trainee.active = False
    db.session.commit()
    assert client.get(f"/calendar/feed/{token}.ics").status_code == 404


def test_the_feed_page_shows_a_new_link_once_and_can_turn_it_off(client, login_as, make):
    trainee = login_as(make.trainee())
    page = client.post("/my/calendar-feed")
    link = re.search(r'value="(http[^"]+/calendar/feed/[^"]+\.ics)"', page.text).group(1)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    assert "/calendar/feed/" not in client.get("/my/calendar-feed").text
    client.post("/my/calendar-feed/revoke")
    assert client.get("/" + path).status_code == 404
    assert services.active_feed_token(trainee) is None


def test_the_confirmation_e_mail_carries_the_runs_calendar(make):
    run = make.run(sessions=2, format="online")
    trainee = make.trainee(email="seat@example.org")
    services.register(trainee, run)
    db.session.commit()
    (message,) = outbox_emails()
    assert message["To"] == "seat@example.org" and message["Subject"].startswith("Your seat is confirmed")
    ((content_type, data),) = attachments_of(message)
    assert content_type == "text/calendar" and set(events_by_uid(data)) == {s.uid for s in run.sessions}
