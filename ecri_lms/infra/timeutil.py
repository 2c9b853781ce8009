"""Time helpers: everything is stored in UTC and shown in a named IANA zone."""

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from babel.dates import format_datetime

from .i18n import current_language


def utcnow() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    return datetime.now(UTC)


def this_minute() -> datetime:
    """The start of the current minute: 'now' for cached results. Schedules are set to the minute, so
    a result computed as of the minute's start is the result for any instant within it."""
    return utcnow().replace(second=0, microsecond=0)


@lru_cache(maxsize=1)
def known_timezones() -> frozenset[str]:
    """IANA zone names a user may pick."""
    return frozenset(available_timezones())


@lru_cache(maxsize=1)
def timezone_choices() -> tuple[str, ...]:
    """The zones a person picks from, sorted; the legacy aliases (US/Eastern, Etc/GMT+1…) left out."""
    return tuple(sorted(name for name in known_timezones() if "/" in name and not name.startswith(("Etc/", "US/"))))


def _city_key(name: str) -> str:
    return name.rsplit("/", 1)[-1].replace("_", " ").casefold()


def zone_named(text: str) -> str:
    """The zone a person meant: its exact name, the name in any case, or its city alone ("new york")
    when one zone has that city; otherwise what they typed, for the validator to refuse."""
    typed = " ".join(text.split())
    if typed in known_timezones():
        return typed
    by_name = [name for name in known_timezones() if name.casefold() == typed.replace(" ", "_").casefold()]
    if len(by_name) == 1:
        return by_name[0]
    by_city = [name for name in timezone_choices() if _city_key(name) == typed.casefold()]
    return by_city[0] if len(by_city) == 1 else typed


def is_known_timezone(name: str) -> bool:
    return name in known_timezones()


def to_zone(moment: datetime, zone_name: str) -> datetime:
    """The same instant seen on a wall clock in `zone_name`."""
    return moment.astimezone(ZoneInfo(zone_name))


def from_wall_clock(naive_local: datetime, zone_name: str) -> datetime:
    """Interpret a wall-clock time typed in `zone_name` and return the UTC instant."""
    if naive_local.tzinfo is not None:
        raise ValueError("expected a wall-clock time without an offset")
    return naive_local.replace(tzinfo=ZoneInfo(zone_name)).astimezone(UTC)


def format_in_zone(moment: datetime | None, zone_name: str, with_zone: bool = True) -> str:
    """A readable local time such as '14 Mar 2027, 09:30 CET'."""
    if moment is None:
        return ""
    local = to_zone(moment, zone_name)
    text = format_datetime(local, "d MMM y, HH:mm", locale=current_language())
    return f"{text} {local.tzname()}" if with_zone else text
