"""Geometry of the server-rendered SVG charts: computed here, drawn by a template (so text is escaped).

Two shapes: `horizontal_bars` (one value per label, on an axis through zero: the needs rankings) and
`grouped_bars` (one bar per series within each group, counts and shares: the reports' charts).
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_decimal

from .i18n import current_language

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
    bars = [
        Bar(
            label=label,
            value_text=_decimal_text(value, "0.00"),
            x=min(zero, x_of(value)),
            y=TOP + index * ROW_HEIGHT,
            width=abs(x_of(value) - zero),
            negative=value < 0,
            too_few=too_few,
        )
        for index, (label, value, too_few) in enumerate(rows)
    ]
    step = max(1, math.ceil((high - low) / 6))
    first = math.ceil(low / step) * step  # ticks on multiples of the step, so zero is always one
    ticks = [Tick(x_of(v), _decimal_text(v, "0")) for v in range(first, high + 1, step)]
    bottom = TOP + len(rows) * ROW_HEIGHT
    return BarChart(
        width=LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
        height=bottom + AXIS_SPACE,
        bars=bars,
        ticks=ticks,
        zero_x=zero,
        plot_top=TOP,
        plot_bottom=bottom,
    )


LEGEND_ROW = 16
GROUP_GAP = 8


@dataclass(frozen=True)
class SeriesBar:
    series: int  # index into the chart's series: its colour and its legend entry
    value_text: str
    x: float
    y: float
    width: float


@dataclass(frozen=True)
class Group:
    label: str
    label_y: float
    bars: list[SeriesBar]


@dataclass(frozen=True)
class LegendEntry:
    series: int
    text: str
    y: float


@dataclass(frozen=True)
class GroupedBarChart:
    width: int
    height: int
    groups: list[Group]
    legend: list[LegendEntry]
    ticks: list[Tick]
    zero_x: float
    plot_top: int
    plot_bottom: int
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    value_x: int = LABEL_WIDTH + PLOT_WIDTH + 8


def nice_step(span: float, target_ticks: int = 5, whole: bool = False) -> float:
    """A tick step of 1, 2 or 5 times a power of ten giving about `target_ticks` ticks over `span`.

    `whole`: the values are counts, so the step is never below 1.
    """
    rough = max(span, 1e-9) / target_ticks
    power = 10 ** math.floor(math.log10(rough))
    step = next(factor * power for factor in (1, 2, 5, 10) if factor * power >= rough)
    return max(step, 1) if whole else step


def _decimal_text(value, decimals: str) -> str:
    """A number as the reader writes it ("8,40" in es/el/pl/it), with exactly the decimals of `decimals`
    ("0.00": two); charts are drawn in the language of the moment."""
    return format_decimal(value, format="#,##0" + decimals[1:], locale=current_language())


def _tick_text(value: float) -> str:
    return _decimal_text(int(value), "0") if float(value).is_integer() else _decimal_text(value, "0.0")


def _number_text(value) -> str:
    if isinstance(value, (float, Decimal)):
        return _decimal_text(value, "0.0")
    return _decimal_text(value, "0") if isinstance(value, int) else str(value)


def grouped_bars(
    groups: list[tuple[str, list[float | int | None]]],
    series: list[str],
    value_text=_number_text,
    maximum: float | None = None,
) -> GroupedBarChart:
    """A group per (label, one value per series) row; values are not negative; None draws no bar.

    `maximum` fixes the axis's end (100 for percentages, whatever the values); else it fits the values."""
    values = [v for _, row in groups for v in row if v is not None]
    high = maximum or max([0, *values]) or 1
    step = nice_step(high, whole=all(isinstance(v, int) for v in values))
    high = math.ceil(high / step) * step
    scale = PLOT_WIDTH / high
    legend = (
        [LegendEntry(index, name, TOP + index * LEGEND_ROW) for index, name in enumerate(series)]
        if len(series) > 1
        else []
    )
    top = TOP + len(legend) * LEGEND_ROW
    group_height = len(series) * ROW_HEIGHT + GROUP_GAP
    shapes = []
    for g_index, (label, row) in enumerate(groups):
        y0 = top + g_index * group_height
        bars = [
            SeriesBar(
                s_index, value_text(value), LABEL_WIDTH, y0 + s_index * ROW_HEIGHT, round(float(value) * scale, 2)
            )
            for s_index, value in enumerate(row)
            if value is not None
        ]
        shapes.append(Group(label, y0 + len(series) * ROW_HEIGHT / 2 + 4, bars))
    ticks = [
        Tick(round(LABEL_WIDTH + k * step * scale, 2), _tick_text(k * step)) for k in range(int(round(high / step)) + 1)
    ]
    bottom = top + len(groups) * group_height
    return GroupedBarChart(
        width=LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
        height=bottom + AXIS_SPACE,
        groups=shapes,
        legend=legend,
        ticks=ticks,
        zero_x=LABEL_WIDTH,
        plot_top=top,
        plot_bottom=bottom,
    )


COLUMN_WIDTH = 10
COLUMN_GAP = 12
COLUMN_PLOT_HEIGHT = 160
Y_AXIS_WIDTH = 40
X_LABEL_SPACE = 20
MIN_GROUP_WIDTH = 44  # room for a label such as "Sep 27" under the group
# As wide as the bar charts at least, so that their text shows at the same size.
MIN_COLUMN_CHART_WIDTH = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH


@dataclass(frozen=True)
class Column:
    series: int
    x: float
    y: float
    height: float


@dataclass(frozen=True)
class ColumnGroup:
    label: str
    label_x: float
    columns: list[Column]


@dataclass(frozen=True)
class GroupedColumnChart:
    """Vertical columns, a group per period (month) and a column per series: compact for time series."""

    width: int
    height: int
    groups: list[ColumnGroup]
    legend: list[LegendEntry]
    ticks: list[Tick]  # here `x` holds the tick's height on the y axis
    plot_left: int
    plot_right: int
    plot_top: int
    baseline: int
    column_width: int = COLUMN_WIDTH


def grouped_columns(groups: list[tuple[str, list[float | int]]], series: list[str]) -> GroupedColumnChart:
    """A column per series within each (label, values) group, on a shared axis from zero."""
    values = [v for _, row in groups for v in row if v is not None]
    high = max([0, *values]) or 1
    step = nice_step(high, 4, whole=all(isinstance(v, int) for v in values))
    high = math.ceil(high / step) * step
    legend = [LegendEntry(index, name, TOP + index * LEGEND_ROW) for index, name in enumerate(series)]
    top = TOP + len(legend) * LEGEND_ROW + 6
    baseline = top + COLUMN_PLOT_HEIGHT
    scale = COLUMN_PLOT_HEIGHT / high
    columns_width = max(len(series), 1) * COLUMN_WIDTH
    group_width = max(columns_width + COLUMN_GAP, MIN_GROUP_WIDTH)
    shapes = []
    for g_index, (label, row) in enumerate(groups):
        centre = Y_AXIS_WIDTH + g_index * group_width + group_width / 2
        x0 = centre - columns_width / 2
        columns = [
            Column(
                s_index, x0 + s_index * COLUMN_WIDTH, round(baseline - float(v) * scale, 2), round(float(v) * scale, 2)
            )
            for s_index, v in enumerate(row)
            if v is not None
        ]
        shapes.append(ColumnGroup(label, centre, columns))
    ticks = [
        Tick(round(baseline - k * step * scale, 2), _tick_text(k * step)) for k in range(int(round(high / step)) + 1)
    ]
    right = Y_AXIS_WIDTH + len(groups) * group_width
    return GroupedColumnChart(
        width=max(right + 10, MIN_COLUMN_CHART_WIDTH),
        height=baseline + X_LABEL_SPACE + 4,
        groups=shapes,
        legend=legend,
        ticks=ticks,
        plot_left=Y_AXIS_WIDTH,
        plot_right=right,
        plot_top=top,
        baseline=baseline,
    )
