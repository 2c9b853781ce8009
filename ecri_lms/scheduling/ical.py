"""iCalendar (RFC 5545) output: a pure function from events to the bytes of a calendar.

Feeds are fetched by every subscribed calendar application once an hour, so this writes the few
properties we use directly, with the text escaping, UTC conversion, property order and line
folding of the icalendar library (tests compare the two byte for byte). Only the VTIMEZONE
components come from icalendar: they depend on nothing but the zone and the years covered, so each
is built once per process.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache

from icalendar import Parameters, Timezone, vDuration
from icalendar.timezone import tzid_from_tzinfo

PRODID = "-//ECRI consortium//ECRI LMS scheduling//EN"
FOLD_OCTETS = 74  # a longer line is folded; each continuation starts with a space
ESCAPES_AT_FOLD = b"\\^"  # never left at the end of a folded line (icalendar keeps them with what follows)


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
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_text(PRODID)}", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_verbatim(name)}"]
    if refresh is not None:
        duration = vDuration(refresh).to_ical().decode()
        lines += [f"REFRESH-INTERVAL;VALUE=DURATION:{duration}", f"X-PUBLISHED-TTL:{duration}"]
    head = _content(lines)
    body = [_vevent(event) for event in events]
    zones = b""
    if events:
        first, last = _years_spanned(events)
        used = {_tzid(moment) for event in events for moment in (event.start, event.end)} - {None, "UTC"}
        zones = b"".join(_vtimezone(tzid, first, last) for tzid in sorted(used))
    return b"".join([head, zones, *body, b"END:VCALENDAR\r\n"])


def _vevent(event: CalendarEvent) -> bytes:
    """The VEVENT's properties in icalendar's order: the canonical ones first, then alphabetical."""
    return _content([
        "BEGIN:VEVENT",
        "SUMMARY:" + _text(f"Cancelled: {event.summary}" if event.cancelled else event.summary),
        "DTSTART" + _local(event.start),
        "DTEND" + _local(event.end),
        "DTSTAMP:" + _utc(event.stamp),
        "UID:" + _text(event.uid),
        f"SEQUENCE:{int(event.sequence)}",
        "CREATED:" + _utc(event.created),
        "DESCRIPTION:" + _text(event.description),
        "LAST-MODIFIED:" + _utc(event.stamp),
        "LOCATION:" + _text(event.location),
        "STATUS:" + ("CANCELLED" if event.cancelled else "CONFIRMED"),
        "TRANSP:" + ("TRANSPARENT" if event.cancelled else "OPAQUE"),
        "URL:" + event.url,
        "END:VEVENT",
    ])


def _content(lines: list[str]) -> bytes:
    return b"".join(_fold(line.encode()) + b"\r\n" for line in lines)


def _fold(line: bytes) -> bytes:
    """Fold after at most 74 octets, never inside a UTF-8 character nor right after a \\ or ^ (an escape)."""
    if len(line) <= FOLD_OCTETS:
        return line
    pieces, start = [], 0
    while len(line) - start > FOLD_OCTETS:
        end = start + FOLD_OCTETS
        while line[end] & 0xC0 == 0x80:  # a continuation byte: the character starts earlier
            end -= 1
        if end - start > 1 and line[end - 1] in ESCAPES_AT_FOLD:
            end -= 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return b"\r\n ".join(pieces)


def _text(value: str) -> str:
    """TEXT escaping (RFC 5545 §3.3.11), in icalendar's order of replacements."""
    return (value.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,")
            .replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n"))


def _verbatim(value: str) -> str:
    """An extension property's value as icalendar writes it: unescaped, on one line."""
    return " ".join(value.splitlines())


def _stamp(moment: datetime) -> str:
    return f"{moment.year:04}{moment.month:02}{moment.day:02}T{moment.hour:02}{moment.minute:02}{moment.second:02}"


def _utc(moment: datetime) -> str:
    """DTSTAMP, CREATED and LAST-MODIFIED are written in UTC (a naive time is taken as UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return _stamp(moment) + "Z"


def _local(moment: datetime) -> str:
    """Parameters and value of a DTSTART/DTEND: local time with its TZID, or UTC with a Z."""
    tzid = _tzid(moment)
    if tzid == "UTC":
        return ":" + _stamp(moment) + "Z"
    if tzid is None:
        return ":" + _stamp(moment)
    return f"{_tzid_parameter(tzid)}:{_stamp(moment)}"


def _tzid(moment: datetime) -> str | None:
    return _zone_id(moment.tzinfo) or moment.tzname()


@lru_cache(maxsize=512)
def _zone_id(zone: tzinfo | None) -> str | None:
    """The zone's TZID as icalendar names it (any UTC alias is 'UTC')."""
    return tzid_from_tzinfo(zone)


@lru_cache(maxsize=512)
def _tzid_parameter(tzid: str) -> str:
    """';TZID=…' as icalendar writes it (quoted if the name needs it)."""
    return ";" + Parameters({"TZID": tzid}).to_ical().decode()


@lru_cache(maxsize=128)
def _vtimezone(tzid: str, first: date, last: date) -> bytes:
    """The zone's VTIMEZONE for those years (empty for a zone icalendar does not know)."""
    try:
        return Timezone.from_tzid(tzid, first_date=first, last_date=last).to_ical()
    except ValueError:
        return b""


def _years_spanned(events: list[CalendarEvent]) -> tuple[date, date]:
    """The VTIMEZONE rules cover whole years around the events: enough, and short."""
    first = min(event.start for event in events)
    last = max(event.end for event in events)
    return date(first.year - 1, 1, 1), date(last.year + 2, 1, 1)
