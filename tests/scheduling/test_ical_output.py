"""The calendar writer: icalendar's output, every event's fields back from its parser, each component
encoded once per process and never served for an event that prints differently."""

from dataclasses import fields
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event, Timezone
from icalendar.timezone import tzid_from_dt

from ecri_lms.scheduling import ical
from ecri_lms.scheduling.ical import CalendarEvent, build_calendar
from ecri_lms.scheduling.vtimezone import rule_based_vtimezone

STAMP = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
ATHENS, MADRID, KOLKATA = ZoneInfo("Europe/Athens"), ZoneInfo("Europe/Madrid"), ZoneInfo("Asia/Kolkata")
GREEK = "Ρυθμιστικές διαδρομές για προϊόντα υγείας – Łódź, Kraków; Núñez \\ a\\b ^caret "


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts as a new process would."""
    for cached in (ical._vevent, ical._vtimezone, ical._calendar):
        cached.cache_clear()


def an_event(**changes) -> CalendarEvent:
    fields_ = dict(
        uid="s1@ecri-lms",
        start=datetime(2027, 3, 14, 10, tzinfo=ATHENS),
        end=datetime(2027, 3, 14, 13, tzinfo=ATHENS),
        summary="Strategy",
        location="Online",
        url="https://lms.example.org/runs/1#session-1",
        description="Day 1",
        sequence=0,
        cancelled=False,
        stamp=STAMP,
        created=STAMP,
    )
    return CalendarEvent(**(fields_ | changes))


def varied_events() -> list[CalendarEvent]:
    return [
        an_event(
            summary=GREEK * 3,
            description=("Line one\nLine two, " + GREEK) * 2,
            location="Room 2, Building B; 12 Odos, Athens (and online)",
        ),
        an_event(
            uid="s2,x;y@ecri-lms",
            start=datetime(2027, 11, 2, 9, tzinfo=MADRID),
            end=datetime(2027, 11, 2, 12, tzinfo=MADRID),
            cancelled=True,
            sequence=4,
            stamp=datetime(2027, 10, 1, 9, 30, tzinfo=KOLKATA),
        ),
        an_event(
            uid="s3@ecri-lms",
            start=datetime(2028, 1, 5, 9, tzinfo=ZoneInfo("UTC")),
            end=datetime(2028, 1, 5, 11, tzinfo=UTC),
            url="https://x.example/a,b;c?d=1&e=\\",
        ),
        an_event(
            uid="s4@ecri-lms",
            start=datetime(2026, 6, 1, 8, tzinfo=KOLKATA),
            end=datetime(2026, 6, 1, 9, 15, tzinfo=KOLKATA),
            summary="x" * 73 + "\\" + "y" * 80,
        ),
    ]


def icalendar_calendar(events: list[CalendarEvent], *, name: str, refresh: timedelta | None) -> bytes:
    """The same components added to the calendar and written by icalendar in one piece."""
    calendar = ical.calendar_component(name, refresh)
    first = date(min(e.start for e in events).year - 1, 1, 1)
    last = date(max(e.end for e in events).year + 2, 1, 1)
    for tzid in sorted({tzid_from_dt(moment) for e in events for moment in (e.start, e.end)} - {"UTC"}):
        calendar.add_component(rule_based_vtimezone(tzid) or Timezone.from_tzid(tzid, first_date=first, last_date=last))
    for event in events:
        calendar.add_component(ical.event_component(event))
    return calendar.to_ical()


def assert_shows(vevent: Event, event: CalendarEvent) -> None:
    """The parsed VEVENT gives back every field of the event, times with their zones."""
    assert str(vevent["UID"]) == event.uid
    for name, moment in (("DTSTART", event.start), ("DTEND", event.end)):
        shown = vevent.decoded(name)
        assert shown == moment and shown.replace(tzinfo=None) == moment.replace(tzinfo=None)
        assert tzid_from_dt(shown) == tzid_from_dt(moment)
    cancelled_summary = event.cancelled_summary or f"Cancelled: {event.summary}"
    assert str(vevent["SUMMARY"]) == (cancelled_summary if event.cancelled else event.summary)
    assert (str(vevent["LOCATION"]), str(vevent["URL"])) == (event.location, event.url)
    assert str(vevent["DESCRIPTION"]) == event.description
    assert int(vevent["SEQUENCE"]) == event.sequence
    assert str(vevent["STATUS"]) == ("CANCELLED" if event.cancelled else "CONFIRMED")
    assert vevent.decoded("DTSTAMP") == vevent.decoded("LAST-MODIFIED") == event.stamp
    assert vevent.decoded("CREATED") == event.created


@pytest.mark.parametrize("refresh", [None, timedelta(hours=1)])
def test_the_calendar_is_what_icalendar_writes_with_the_same_components(refresh):
    events = varied_events()
    assert build_calendar(events, name="Mes séances, ÉCRI", refresh=refresh) == icalendar_calendar(
        events, name="Mes séances, ÉCRI", refresh=refresh
    )


def test_every_event_comes_back_from_icalendars_parser_with_its_zones():
    events = varied_events()
    calendar = Calendar.from_ical(build_calendar(events, name="Mes séances, ÉCRI", refresh=timedelta(hours=1)))
    assert str(calendar["X-WR-CALNAME"]) == "Mes séances, ÉCRI"
    assert calendar.decoded("REFRESH-INTERVAL") == timedelta(hours=1)
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Kolkata", "Europe/Athens", "Europe/Madrid"]
    parsed = calendar.walk("VEVENT")
    assert len(parsed) == len(events)
    for vevent, event in zip(parsed, events, strict=True):
        assert_shows(vevent, event)


def test_a_calendar_name_with_line_breaks_is_written_on_one_line():
    data = build_calendar([an_event()], name="Strategy\nfor\r\nclusters\r2027")
    assert str(Calendar.from_ical(data)["X-WR-CALNAME"]) == "Strategy for clusters 2027"


def test_an_event_is_encoded_once_per_process(monkeypatch):
    encoded = []
    original = Event.to_ical

    def counting(self, *args, **kwargs):
        encoded.append(str(self["UID"]))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Event, "to_ical", counting)
    first = build_calendar(varied_events(), name="T")
    for _ in range(3):
        assert build_calendar(varied_events(), name="T") == first
    assert sorted(encoded) == sorted(event.uid for event in varied_events())
    assert ical._vevent.cache_info().hits == 3 * len(varied_events())


CHANGES = {
    "uid": "s9@ecri-lms",
    "start": datetime(2027, 3, 14, 8, tzinfo=UTC),  # the same instant, printed in another zone
    "end": datetime(2027, 3, 14, 16, 30, tzinfo=KOLKATA),  # idem
    "summary": "Strategy, revised",
    "location": "Room 3",
    "url": "https://lms.example.org/runs/1#session-2",
    "description": "Day 1, afternoon",
    "sequence": 1,
    "cancelled": True,
    "stamp": STAMP + timedelta(minutes=1),
    "created": STAMP - timedelta(days=1),
    "cancelled_summary": "Annullata: Strategy",  # shown by a cancelled event (the original below is one)
}


def test_every_field_of_an_event_is_in_the_changes_below():
    assert set(CHANGES) == {field.name for field in fields(CalendarEvent) if field.init}


@pytest.mark.parametrize("name", CHANGES)
def test_a_change_to_any_field_is_written_anew_not_taken_from_the_cache(name):
    base = {"cancelled": True} if name == "cancelled_summary" else {}
    original, changed = an_event(**base), an_event(**(base | {name: CHANGES[name]}))
    first = build_calendar([original], name="T")
    second = build_calendar([changed], name="T")
    assert second != first
    assert_shows(Calendar.from_ical(second).walk("VEVENT")[0], changed)


def test_an_event_with_the_same_instants_in_another_zone_is_another_event():
    athens = an_event()
    utc = an_event(start=athens.start.astimezone(UTC), end=athens.end.astimezone(UTC))
    assert athens.start == utc.start and athens.end == utc.end  # Python compares instants only
    assert athens != utc and ical._vevent(athens) != ical._vevent(utc)
    assert b"DTSTART:20270314T080000Z\r\n" in ical._vevent(utc)


def test_a_zones_vtimezone_is_built_once_for_the_same_years(monkeypatch):
    built = []

    def counting(tzid):
        built.append(tzid)
        return rule_based_vtimezone(tzid)

    monkeypatch.setattr(ical, "rule_based_vtimezone", counting)
    for _ in range(3):
        build_calendar(
            [
                an_event(),
                an_event(
                    uid="s2@ecri-lms",
                    start=datetime(2027, 5, 1, 9, tzinfo=MADRID),
                    end=datetime(2027, 5, 1, 10, tzinfo=MADRID),
                ),
            ],
            name="T",
        )
    assert built == ["Europe/Athens", "Europe/Madrid"]
