"""Geometry of the server-rendered SVG charts: computed here, drawn by a template (so text is escaped)."""

import math
from dataclasses import dataclass
from decimal import Decimal

ROW_HEIGHT = 22
BAR_HEIGHT = 14
LABEL_WIDTH = 70
VALUE_WIDTH = 60
PLOT_WIDTH = 380
TOP = 10
AXIS_SPACE = 24


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    x: float
    y: float
    width: float
    negative: bool
    too_few: bool


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    zero_x: float
    plot_top: int
    plot_bottom: int
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    value_x: int = LABEL_WIDTH + PLOT_WIDTH + 8


def _domain(values: list[Decimal]) -> tuple[int, int]:
    """Whole-number bounds that include zero and every value."""
    low = math.floor(min([Decimal(0), *values]))
    high = math.ceil(max([Decimal(0), *values]))
    return low, high if high > low else low + 1


def horizontal_bars(rows: list[tuple[str, Decimal | None, bool]]) -> BarChart:
    """A bar per (label, value, too few answers) row with a value, on a shared axis through zero."""
    rows = [row for row in rows if row[1] is not None]
    low, high = _domain([value for _, value, _ in rows])
    scale = PLOT_WIDTH / (high - low)

    def x_of(value) -> float:
        return round(LABEL_WIDTH + float(value - low) * scale, 2)

    zero = x_of(0)
    bars = [Bar(label=label, value_text=f"{value:.2f}", x=min(zero, x_of(value)), y=TOP + index * ROW_HEIGHT,
                width=abs(x_of(value) - zero), negative=value < 0, too_few=too_few)
            for index, (label, value, too_few) in enumerate(rows)]
    step = max(1, math.ceil((high - low) / 6))
    first = math.ceil(low / step) * step  # ticks on multiples of the step, so zero is always one
    ticks = [Tick(x_of(v), str(v)) for v in range(first, high + 1, step)]
    bottom = TOP + len(rows) * ROW_HEIGHT
    return BarChart(width=LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH, height=bottom + AXIS_SPACE, bars=bars,
                    ticks=ticks, zero_x=zero, plot_top=TOP, plot_bottom=bottom)
