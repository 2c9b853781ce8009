"""Calendar files every client reads alike: each partner's zone written with yearly rules, and a session
on either side of each clock change read at the same instant by three independent parsers."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import ics
import pytest
import vobject
from icalendar import Calendar

from ecri_lms.scheduling.ical import CalendarEvent, build_calendar
from ecri_lms.scheduling.vtimezone import posix_rule, rule_based_vtimezone

PARTNER_ZONES = ["Europe/Madrid", "Europe/Athens", "Europe/Warsaw", "Europe/Rome"]
YEARS = (2026, 2027, 2028)  # icalendar's list of changes misled vobject from the second year on
STAMP = datetime(2027, 1, 4, 9, tzinfo=UTC)


def _session(number: int, start: datetime) -> CalendarEvent:
    return CalendarEvent(
        uid=f"s{number}@ecri-lms",
        start=start,
        end=start + timedelta(hours=3),
        summary=f"Session {number}",
        location="Room 1",
        url="http://lms.example/runs/1",
        description="",
        sequence=0,
        cancelled=False,
        stamp=STAMP,
        created=STAMP,
    )


def _last_sunday(year: int, month: int) -> datetime:
    day = datetime(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def _sessions_around_the_changes(tzid: str) -> list[CalendarEvent]:
    """A session the day before and the day after each clock change (EU: last Sunday of March and October)."""
    zone = ZoneInfo(tzid)
    changes = [_last_sunday(year, month) for year in YEARS for month in (3, 10)]
    days = [change + timedelta(days=side) for change in changes for side in (-1, 1)]
    return [_session(number, day.replace(hour=10, tzinfo=zone)) for number, day in enumerate(days)]


def _starts_by_icalendar(data: bytes) -> dict[str, datetime]:
    return {str(event["UID"]): event.decoded("DTSTART") for event in Calendar.from_ical(data).walk("VEVENT")}


def _starts_by_vobject(data: bytes) -> dict[str, datetime]:
    calendar = vobject.readOne(data.decode())
    return {event.uid.value: event.dtstart.value for event in calendar.vevent_list}


def _starts_by_ics(data: bytes) -> dict[str, datetime]:
    return {event.uid: event.begin.datetime for event in ics.Calendar(data.decode()).events}


@pytest.mark.parametrize("tzid", PARTNER_ZONES)
@pytest.mark.parametrize("parse", [_starts_by_icalendar, _starts_by_vobject, _starts_by_ics])
def test_sessions_on_both_sides_of_each_clock_change_are_read_at_the_same_instant(tzid, parse):
    sessions = _sessions_around_the_changes(tzid)
    starts = parse(build_calendar(sessions, name="Sessions", refresh=None))
    assert {uid: start.astimezone(UTC) for uid, start in starts.items()} == {
        session.uid: session.start.astimezone(UTC) for session in sessions
    }


@pytest.mark.parametrize("tzid", PARTNER_ZONES)
def test_each_partner_zone_is_written_with_yearly_rules_not_a_list_of_dates(tzid):
    written = rule_based_vtimezone(tzid).to_ical().decode()
    assert written.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=") == 2 and "RDATE" not in written
    data = build_calendar(_sessions_around_the_changes(tzid), name="Sessions", refresh=None).decode()
    assert written.replace("\r\n", "\n") in data.replace("\r\n", "\n")


def test_a_zone_without_summer_time_has_one_fixed_observance():
    written = rule_based_vtimezone("Asia/Kolkata").to_ical().decode()
    assert "TZOFFSETTO:+0530" in written and "DAYLIGHT" not in written and "RRULE" not in written


@pytest.mark.parametrize("tzid", ["Australia/Sydney", "America/New_York", "Atlantic/Canary"])
def test_other_hemispheres_and_rules_come_back_right_from_vobject(tzid):
    zone = ZoneInfo(tzid)
    start = datetime(2027, 1, 3, 10, tzinfo=zone)
    sessions = [_session(week, start + timedelta(weeks=week)) for week in range(0, 52, 3)]
    starts = _starts_by_vobject(build_calendar(sessions, name="Sessions", refresh=None))
    assert {uid: moment.astimezone(UTC) for uid, moment in starts.items()} == {
        session.uid: session.start.astimezone(UTC) for session in sessions
    }


def test_a_zone_named_outside_the_database_is_refused():
    assert posix_rule("../../etc/passwd") is None and rule_based_vtimezone("Nowhere/Atlantis") is None
