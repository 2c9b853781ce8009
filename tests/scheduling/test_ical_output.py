"""The calendar writer gives, byte for byte, what the icalendar library writes for the same events.

`reference_calendar` builds the calendar with icalendar's components (as the application did before
it wrote the lines itself); any difference in escaping, folding, UTC conversion or property order
fails here.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event, Timezone, vDuration
from icalendar.timezone import tzid_from_dt

from ecri_lms.scheduling import ical
from ecri_lms.scheduling.ical import CalendarEvent, build_calendar

STAMP = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
ATHENS, MADRID, KOLKATA = ZoneInfo("Europe/Athens"), ZoneInfo("Europe/Madrid"), ZoneInfo("Asia/Kolkata")


def reference_calendar(events: list[CalendarEvent], *, name: str, refresh: timedelta | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", ical.PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if refresh is not None:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    if events:
        first = date(min(e.start for e in events).year - 1, 1, 1)
        last = date(max(e.end for e in events).year + 2, 1, 1)
        zones = {tzid_from_dt(moment) for e in events for moment in (e.start, e.end)} - {"UTC"}
        for tzid in sorted(zones):
            calendar.add_component(Timezone.from_tzid(tzid, first_date=first, last_date=last))
    for event in events:
        vevent = Event()
        vevent.add("uid", event.uid)
        vevent.add("dtstamp", event.stamp)
        vevent.add("created", event.created)
        vevent.add("last-modified", event.stamp)
        vevent.add("dtstart", event.start)
        vevent.add("dtend", event.end)
        vevent.add("summary", f"Cancelled: {event.summary}" if event.cancelled else event.summary)
        vevent.add("location", event.location)
        vevent.add("url", event.url)
        vevent.add("description", event.description)
        vevent.add("sequence", event.sequence)
        vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
        vevent.add("transp", "TRANSPARENT" if event.cancelled else "OPAQUE")
        calendar.add_component(vevent)
    return calendar.to_ical()


def an_event(**changes) -> CalendarEvent:
    fields = dict(uid="s1@ecri-lms", start=datetime(2027, 3, 14, 10, tzinfo=ATHENS),
                  end=datetime(2027, 3, 14, 13, tzinfo=ATHENS), summary="Strategy", location="Online",
                  url="https://lms.example.org/runs/1#session-1", description="Day 1", sequence=0, cancelled=False,
                  stamp=STAMP, created=STAMP)
    return CalendarEvent(**(fields | changes))


def test_a_varied_calendar_is_written_exactly_as_icalendar_writes_it():
    greek = "Ρυθμιστικές διαδρομές για προϊόντα υγείας – Łódź, Kraków; Núñez \\ a\\Nb ^caret "
    events = [
        an_event(summary=greek * 3, description=("Line one\nLine two\r\nthree\rfour, " + greek) * 2,
                 location="Room 2, Building B; 12 Odos, Athens (and online)"),
        an_event(uid="s2,x;y@ecri-lms", start=datetime(2027, 11, 2, 9, tzinfo=MADRID),
                 end=datetime(2027, 11, 2, 12, tzinfo=MADRID), cancelled=True, sequence=4,
                 stamp=datetime(2027, 10, 1, 9, 30, tzinfo=KOLKATA)),
        an_event(uid="s3@ecri-lms", start=datetime(2028, 1, 5, 9, tzinfo=ZoneInfo("UTC")),
                 end=datetime(2028, 1, 5, 11, tzinfo=ZoneInfo("UTC")), url="https://x.example/a,b;c?d=1&e=\\"),
        an_event(uid="s4@ecri-lms", start=datetime(2026, 6, 1, 8, tzinfo=KOLKATA),
                 end=datetime(2026, 6, 1, 9, 15, tzinfo=KOLKATA), summary="x" * 73 + "\\" + "y" * 80),
    ]
    for refresh in (None, timedelta(hours=1)):
        expected = reference_calendar(events, name="Mes séances, ÉCRI", refresh=refresh)
        assert build_calendar(events, name="Mes séances, ÉCRI", refresh=refresh) == expected


def test_an_empty_calendar_is_written_as_icalendar_writes_it():
    assert build_calendar([], name="Nothing yet") == reference_calendar([], name="Nothing yet")


@settings(max_examples=150, database=None, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
       padding=st.integers(min_value=0, max_value=80))
def test_any_text_is_escaped_and_folded_as_icalendar_does(text, padding):
    event = an_event(summary=text, description="d" * padding + text, location=text[:40] + "^" * (padding % 3))
    name = " ".join(text[:30].splitlines())  # icalendar refuses a line break in the calendar's name
    assert build_calendar([event], name=name) == reference_calendar([event], name=name)


def test_a_zones_vtimezone_is_built_once_for_the_same_years(monkeypatch):
    built = []
    original = Timezone.from_tzid

    def counting(tzid, **kwargs):
        built.append(tzid)
        return original(tzid, **kwargs)

    ical._vtimezone.cache_clear()
    monkeypatch.setattr(Timezone, "from_tzid", counting)
    for _ in range(3):
        build_calendar([an_event(), an_event(uid="s2@ecri-lms", start=datetime(2027, 5, 1, 9, tzinfo=MADRID),
                                             end=datetime(2027, 5, 1, 10, tzinfo=MADRID))], name="T")
    assert built == ["Europe/Athens", "Europe/Madrid"]
