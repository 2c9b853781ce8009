"""Wall-clock times of sessions: typed in a region's zone, stored in UTC, shown in any zone."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from ..infra.errors import ValidationError
from ..infra.i18n import current_language
from ..infra.i18n import gettext as _
from ..infra.timeutil import from_wall_clock, to_zone

# CLDR patterns (the day's and month's names in the reader's language): 'Tue 14 Mar 2028, 10:00', '14 Mar 2028'.
DAY_AND_TIME = "EEE dd MMM y, HH:mm"
DATE = "dd MMM y"
REPEATS = {"none": None, "daily": timedelta(days=1), "weekly": timedelta(days=7)}
MAX_REPEAT = 52


class AmbiguousTime(ValidationError):
    """A wall-clock time the clocks pass twice (the night they go back): which one is meant must be said."""


def local_to_utc(naive_local: datetime, zone_name: str, fold: int | None = None) -> datetime:
    """The UTC instant of a wall-clock time. A time skipped by a clock change is refused; a time the
    clocks pass twice needs `fold`: 0 for the first (still summer time), 1 for the second."""
    instant = from_wall_clock(naive_local, zone_name)
    if instant.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None) != naive_local:
        raise ValidationError(
            _(
                "%(time)s does not exist in %(zone)s: the clocks change that night. Choose another time.",
                time=wall_clock_text(naive_local),
                zone=zone_name,
            )
        )
    first, second = (naive_local.replace(tzinfo=ZoneInfo(zone_name), fold=f) for f in (0, 1))
    if first.utcoffset() == second.utcoffset():
        return instant
    if fold is None:
        raise AmbiguousTime(
            _(
                "%(time)s happens twice in %(zone)s: the clocks go back that night. "
                "Say whether you mean the first (%(first)s) or the second (%(second)s).",
                time=wall_clock_text(naive_local),
                zone=zone_name,
                first=_offset_name(first),
                second=_offset_name(second),
            )
        )
    return (second if fold else first).astimezone(UTC)


def _in_words(moment: datetime, pattern: str) -> str:
    """A wall-clock time written with a CLDR pattern in the reader's language (names of days and months)."""
    return format_datetime(moment, pattern, tzinfo=moment.tzinfo, locale=current_language())


def wall_clock_text(naive_local: datetime) -> str:
    """A wall-clock time as a message names it: '14 Mar 2027 02:30'."""
    return format_datetime(naive_local, "dd MMM y HH:mm", locale=current_language())


def _offset_name(moment: datetime) -> str:
    offset = moment.utcoffset()
    sign, minutes = ("+" if offset >= timedelta(0) else "-"), abs(int(offset.total_seconds())) // 60
    return f"{moment.tzname()}, UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def fold_of(moment: datetime, zone_name: str) -> int | None:
    """Which pass of its wall-clock time an instant is, when the clocks pass that time twice (else None)."""
    local = to_zone(moment, zone_name)
    if local.replace(fold=0).utcoffset() == local.replace(fold=1).utcoffset():
        return None
    return local.fold


def utc_to_local(moment: datetime, zone_name: str) -> datetime:
    """The wall-clock time (without offset) of an instant in a zone, as a form shows it."""
    return to_zone(moment, zone_name).replace(tzinfo=None)


def wall_clock_series(
    first_start: datetime, first_end: datetime, zone_name: str, repeat: str, count: int, fold: int | None = None
) -> list[tuple[datetime, datetime]]:
    """UTC (start, end) pairs repeating a wall-clock slot daily or weekly, across clock changes; `fold`
    says which pass is meant of a time that falls on a night the clocks go back."""
    step = REPEATS.get(repeat, "unknown")
    if step == "unknown":
        raise ValidationError(_("Repeat once, daily or weekly."))
    if step is None:
        count = 1
    if not 1 <= count <= MAX_REPEAT:
        raise ValidationError(_("A series has between 1 and %(max)d sessions.", max=MAX_REPEAT))
    step = step or timedelta(0)
    return [
        (local_to_utc(first_start + k * step, zone_name, fold), local_to_utc(first_end + k * step, zone_name, fold))
        for k in range(count)
    ]


@dataclass(frozen=True)
class ShownSpan:
    """A session's time as one viewer reads it."""

    text: str
    zone: str


def format_span(start: datetime, end: datetime, zone_name: str) -> str:
    """'Tue 14 Mar 2028, 10:00–13:00 EET', or both dates when it runs past midnight (names of days and
    months in the reader's language)."""
    local_start, local_end = to_zone(start, zone_name), to_zone(end, zone_name)
    if local_start.date() == local_end.date():
        return f"{_in_words(local_start, DAY_AND_TIME)}–{local_end:%H:%M} {local_end.tzname()}"
    return (
        f"{_in_words(local_start, DAY_AND_TIME)} {local_start.tzname()} – "
        f"{_in_words(local_end, DAY_AND_TIME)} {local_end.tzname()}"
    )


def format_dates(start: datetime, end: datetime, zone_name: str) -> str:
    """A run's dates: 'Fri 08 Jan 2027, 14:00 CET' for one day, '07 Jan 2027 – 08 Jan 2027' for several."""
    local_start, local_end = to_zone(start, zone_name), to_zone(end, zone_name)
    if local_start.date() == local_end.date():
        return f"{_in_words(local_start, DAY_AND_TIME)} {local_start.tzname()}"
    return f"{_in_words(local_start, DATE)} – {_in_words(local_end, DATE)}"


def spans_for_viewer(start: datetime, end: datetime, session_zone: str, viewer_zone: str | None) -> list[ShownSpan]:
    """The session's own local time, then the viewer's when their clock reads differently."""
    shown = [ShownSpan(format_span(start, end, session_zone), session_zone)]
    if viewer_zone and _offsets_differ(start, session_zone, viewer_zone):
        shown.append(ShownSpan(format_span(start, end, viewer_zone), viewer_zone))
    return shown


def _offsets_differ(moment: datetime, zone_a: str, zone_b: str) -> bool:
    return to_zone(moment, zone_a).utcoffset() != to_zone(moment, zone_b).utcoffset()


def month_bounds(year: int, month: int, zone_name: str) -> tuple[datetime, datetime]:
    """The UTC instants where a calendar month starts and ends on the zone's wall clock."""
    first = datetime(year, month, 1)
    following = datetime(year + month // 12, month % 12 + 1, 1)
    return (from_wall_clock(first, zone_name), from_wall_clock(following, zone_name))
