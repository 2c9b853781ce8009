"""iCalendar (RFC 5545) output: a pure function from events to the bytes of a calendar."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event, vDuration

PRODID = "-//ECRI consortium//ECRI LMS scheduling//EN"


@dataclass(frozen=True)
class CalendarEvent:
    """One session as a calendar shows it; start and end carry the session's own zone."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str
    url: str
    description: str
    sequence: int
    cancelled: bool
    stamp: datetime  # when the session was last revised, in UTC
    created: datetime


def build_calendar(events: Iterable[CalendarEvent], *, name: str, refresh: timedelta | None = None) -> bytes:
    """A VCALENDAR with one VEVENT per event and a VTIMEZONE for every zone they use."""
    events = list(events)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if refresh is not None:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    for event in events:
        calendar.add_component(_vevent(event))
    if events:
        first, last = _years_spanned(events)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def _vevent(event: CalendarEvent) -> Event:
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
    return vevent


def _years_spanned(events: list[CalendarEvent]) -> tuple[date, date]:
    """The VTIMEZONE rules cover whole years around the events: enough, and short."""
    first = min(event.start for event in events)
    last = max(event.end for event in events)
    return date(first.year - 1, 1, 1), date(last.year + 2, 1, 1)
