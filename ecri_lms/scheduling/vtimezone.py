"""VTIMEZONEs as Outlook and Google write them: a STANDARD and a DAYLIGHT observance, each repeating
yearly by an RRULE, built from the zone's current rule (the POSIX TZ string that ends its TZif file).

icalendar writes a zone as one RDATE per change, which some parsers misread (vobject put Athens
sessions after the spring change at +02:00 instead of +03:00); a yearly RRULE is read alike by every
client. A zone whose current rule is not of that form, or whose TZif file is not on this machine, is
left to icalendar (`None` here).
"""

import re
import zoneinfo
from calendar import monthrange
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_NAME = r"(<[^>]+>|[A-Za-z]{3,})"
_OFFSET = r"([+-]?\d{1,2}(?::\d{2}){0,2})"
_CHANGE = r"M(\d{1,2})\.([1-5])\.([0-6])(?:/([+-]?\d{1,3}(?::\d{2}){0,2}))?"
POSIX_TZ = re.compile(rf"^{_NAME}{_OFFSET}(?:{_NAME}{_OFFSET}?,{_CHANGE},{_CHANGE})?$")
WEEKDAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")  # POSIX counts from Sunday = 0
FIRST_YEAR = 1970  # the observances' DTSTART: the rule is stated once, as clients expect
DEFAULT_CHANGE_TIME = "2"


def _duration(text: str) -> timedelta:
    """'-2', '3', '2:30', '+1:00:00' → a signed duration in hours, minutes and seconds."""
    sign = -1 if text.startswith("-") else 1
    parts = [int(part) for part in text.lstrip("+-").split(":")] + [0, 0]
    return sign * timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2])


def _tzif_path(tzid: str):
    """The zone's TZif file: the system's database first, then the tzdata package's."""
    if ".." in tzid or tzid.startswith("/"):
        return None
    for folder in zoneinfo.TZPATH:
        path = Path(folder, *tzid.split("/"))
        if path.is_file():
            return path
    try:
        path = resources.files("tzdata").joinpath("zoneinfo", *tzid.split("/"))
    except ModuleNotFoundError:
        return None
    return path if path.is_file() else None


def posix_rule(tzid: str) -> str | None:
    """The zone's current rule: the footer of its TZif (version 2 or later) file."""
    path = _tzif_path(tzid)
    if path is None:
        return None
    data = path.read_bytes()
    if not data.startswith(b"TZif") or data[4:5] < b"2":
        return None
    return data.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("ascii", "replace")


def _first_change(month: int, week: int, weekday: int, at: timedelta) -> datetime:
    """The change in FIRST_YEAR: the week-th (5 = last) weekday of the month, at local time `at`."""
    first_weekday, days = monthrange(FIRST_YEAR, month)  # Monday = 0
    first = 1 + (weekday - (first_weekday + 1) % 7) % 7
    day = first + 7 * (week - 1)
    while day > days:
        day -= 7
    return datetime(FIRST_YEAR, month, day) + at


def _observance(kind, name: str, offset_from: timedelta, offset_to: timedelta, change: tuple | None):
    observance = kind()
    observance.add("tzname", name.strip("<>"))
    observance.add("tzoffsetfrom", offset_from)
    observance.add("tzoffsetto", offset_to)
    if change is None:
        observance.add("dtstart", datetime(FIRST_YEAR, 1, 1))
        return observance
    month, week, weekday, at = int(change[0]), int(change[1]), int(change[2]), change[3] or DEFAULT_CHANGE_TIME
    observance.add("dtstart", _first_change(month, week, weekday, _duration(at)))
    nth = -1 if week == 5 else week
    observance.add("rrule", {"freq": "yearly", "bymonth": month, "byday": f"{nth}{WEEKDAYS[weekday]}"})
    return observance


def rule_based_vtimezone(tzid: str) -> Timezone | None:
    """The zone as a VTIMEZONE with yearly rules, or None when its rule cannot be written so."""
    rule = posix_rule(tzid)
    match = POSIX_TZ.match(rule) if rule else None
    if match is None:
        return None
    std_name, std_offset, dst_name, dst_offset, *changes = match.groups()
    standard = -_duration(std_offset)  # POSIX offsets count west of Greenwich: EET-2 is UTC+2
    zone = Timezone()
    zone.add("tzid", tzid)
    if dst_name is None:
        zone.add_component(_observance(TimezoneStandard, std_name, standard, standard, None))
        return zone
    daylight = -_duration(dst_offset) if dst_offset else standard + timedelta(hours=1)
    zone.add_component(_observance(TimezoneDaylight, dst_name, standard, daylight, tuple(changes[:4])))
    zone.add_component(_observance(TimezoneStandard, std_name, daylight, standard, tuple(changes[4:])))
    return zone
