"""iCalendar (RFC 5545) output: a pure function from events to the bytes of a calendar.

Every line is written by the icalendar library (escaping, folding, dates, durations, parameters,
components). Feeds are fetched by every subscribed calendar application once an hour and a session
rarely changes, so each component's bytes are kept per process: a VEVENT under the CalendarEvent it
shows (which holds everything the VEVENT prints, so a changed session is a new key and never gets old
text), a VTIMEZONE under its zone and the years it covers, the VCALENDAR's properties under its name.
The components are then put where icalendar writes them in the VCALENDAR (see `_with_components`).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from icalendar import Calendar, Event, Timezone, vDuration
from icalendar.timezone import tzid_from_dt

from .vtimezone import rule_based_vtimezone

PRODID = "-//ECRI consortium//ECRI LMS scheduling//EN"
CALENDAR_END = b"END:VCALENDAR\r\n"
EVENTS_KEPT = 8192  # about 2 kB each, 17 MB at most per process


@dataclass(frozen=True)
class CalendarEvent:
    """One session as a calendar shows it; start and end carry the session's own zone.

    Events are the keys of the VEVENT cache, so equal events must print the same bytes. Aware times
    are equal when they are the same instant, whatever their zones; that is right for `stamp` and
    `created` (printed in UTC) but not for `start` and `end`, printed as local time with the zone's
    TZID: `start_printed` and `end_printed` (derived) put exactly that in the comparison too.
    """

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
    # The SUMMARY of a cancelled event, in its reader's language ("Cancelled: <summary>" when not given).
    cancelled_summary: str | None = None
    start_printed: tuple[datetime, str | None] = field(init=False, repr=False)
    end_printed: tuple[datetime, str | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "start_printed", _as_printed(self.start))
        object.__setattr__(self, "end_printed", _as_printed(self.end))

    @property
    def tzids(self) -> set[str | None]:
        return {self.start_printed[1], self.end_printed[1]}


def _as_printed(moment: datetime) -> tuple[datetime, str | None]:
    """The local time and the TZID (icalendar's, as its DTSTART and DTEND print it) of a moment."""
    return moment.replace(tzinfo=None), tzid_from_dt(moment)


def build_calendar(events: Iterable[CalendarEvent], *, name: str, refresh: timedelta | None = None) -> bytes:
    """A VCALENDAR with a VTIMEZONE for every zone the events use (sorted by TZID), then one VEVENT per event."""
    events = list(events)
    zones = []
    if events:
        first, last = _years_spanned(events)
        used = set().union(*(event.tzids for event in events)) - {None, "UTC"}
        zones = [_vtimezone(tzid, first, last) for tzid in sorted(used)]
    return _with_components(_calendar(_one_line(name), refresh), [*zones, *(_vevent(event) for event in events)])


@lru_cache(maxsize=EVENTS_KEPT)
def _vevent(event: CalendarEvent) -> bytes:
    """The event's VEVENT, built once per distinct event in a process."""
    return event_component(event).to_ical()


def event_component(event: CalendarEvent) -> Event:
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", event.stamp)
    vevent.add("created", event.created)
    vevent.add("last-modified", event.stamp)
    vevent.add("dtstart", event.start)
    vevent.add("dtend", event.end)
    vevent.add("summary", _shown_summary(event))
    vevent.add("location", event.location)
    vevent.add("url", event.url)
    vevent.add("description", event.description)
    vevent.add("sequence", event.sequence)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    vevent.add("transp", "TRANSPARENT" if event.cancelled else "OPAQUE")
    return vevent


def _shown_summary(event: CalendarEvent) -> str:
    if not event.cancelled:
        return event.summary
    return event.cancelled_summary or f"Cancelled: {event.summary}"


@lru_cache(maxsize=128)
def _vtimezone(tzid: str, first: date, last: date) -> bytes:
    """The zone's VTIMEZONE: its yearly rules where it has them, else icalendar's changes for those years
    (empty for a zone icalendar does not know)."""
    zone = rule_based_vtimezone(tzid)
    if zone is not None:
        return zone.to_ical()
    try:
        return Timezone.from_tzid(tzid, first_date=first, last_date=last).to_ical()
    except ValueError:
        return b""


@lru_cache(maxsize=256)
def _calendar(name: str, refresh: timedelta | None) -> bytes:
    """The VCALENDAR with its properties and no component yet (kept by name: there is one per run, partner
    and the personal feeds)."""
    return calendar_component(name, refresh).to_ical()


def calendar_component(name: str, refresh: timedelta | None) -> Calendar:
    """The VCALENDAR's properties; feeds also tell clients how often to refresh."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if refresh is not None:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    return calendar


def _with_components(calendar: bytes, components: list[bytes]) -> bytes:
    """The calendar with these components' bytes inserted before its closing line. icalendar writes a
    component's properties, then each subcomponent's own `to_ical()`, then END, so this is exactly what
    `add_component` of each and one `to_ical()` would write (a test checks it)."""
    if not calendar.endswith(CALENDAR_END):
        raise ValueError("icalendar did not end the calendar with END:VCALENDAR")
    return b"".join([calendar.removesuffix(CALENDAR_END), *components, CALENDAR_END])


def _one_line(name: str) -> str:
    """X-WR-CALNAME is written unescaped and icalendar refuses a line break in it: the lines are joined by spaces."""
    return " ".join(name.splitlines())


def _years_spanned(events: list[CalendarEvent]) -> tuple[date, date]:
    """The VTIMEZONE rules cover whole years around the events: enough, and short."""
    first = min(event.start for event in events)
    last = max(event.end for event in events)
    return date(first.year - 1, 1, 1), date(last.year + 2, 1, 1)
