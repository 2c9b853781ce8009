"""The dashboards: every figure per partner and in total, needs coverage, and the charts' data."""

from dataclasses import dataclass
from datetime import date
from functools import partial

from babel.dates import format_date

from ..accounts.organisations import Partner
from ..infra.caching.results import cached_result
from ..infra.charts import GroupedBarChart, GroupedColumnChart, grouped_bars, grouped_columns
from ..infra.i18n import current_language
from ..infra.i18n import gettext as _
from ..infra.i18n import lazy_gettext as _l
from ..infra.timeutil import this_minute
from .access import partners_for, selection_for
from .figures import FIGURES, REPORT_TABLES, Figure, tallies
from .filters import ReportFilters, Selection, selection_key
from .lists import FIGURE_ROWS
from .outcomes import OUTCOME_FIGURES, completions_by_month
from .partner_plans import (
    COVERAGE_DEFINITION,
    COVERAGE_LABEL,
    PartnerCoverage,
    consortium_percent,
    coverage_by_partner,
)

# The dashboard's figures in the order the funder reads them.
ORDER = (
    "trainees_registered",
    "attended_trainees",
    "completions",
    "completion_rate",
    "certificates_standing",
    "certificates_expired",
    "certificates_revoked",
    "hours_delivered",
    "person_hours",
    "mean_attendance_rate",
    "mean_quiz_score",
    "runs_held",
    "runs_cancelled",
    "seats_offered",
    "seats_filled",
    "waiting_list",
    "sme_participants",
    "distinct_smes",
)
DASHBOARD_FIGURES = sorted(FIGURES + OUTCOME_FIGURES, key=lambda figure: ORDER.index(figure.key))
DEFINITION_HEADERS = (_l("Figure"), _l("Unit"), _l("Definition"))


def definition_headers() -> list[str]:
    """The headers of a definitions table, in the reader's language (a spreadsheet takes plain text)."""
    return [str(header) for header in DEFINITION_HEADERS]


def figure_definitions(rows_key: str | None = None) -> list[tuple[str, str, str]]:
    """(label, unit, definition) of every dashboard figure in the table's order, or of those a row set is behind,
    in the reader's language."""
    if rows_key is not None:
        return [
            (str(f.label), f.unit, str(f.definition)) for f in DASHBOARD_FIGURES if FIGURE_ROWS.get(f.key) == rows_key
        ]
    return [(str(f.label), f.unit, str(f.definition)) for f in DASHBOARD_FIGURES] + [
        (str(COVERAGE_LABEL), "%", str(COVERAGE_DEFINITION))
    ]


@dataclass(frozen=True)
class FigureRow:
    figure: Figure
    values: list  # one per partner, in the dashboard's partner order
    total: float | int | None
    rows_key: str | None  # the row set behind the figure


@dataclass(frozen=True)
class ChartTable:
    """A chart and the same numbers as a table: groups down, series across."""

    key: str
    title: str
    series: list[str]
    groups: list[tuple[str, list]]
    chart: GroupedBarChart | GroupedColumnChart
    group_name: str = _l("Partner")  # what a group is: a partner, or a month for time series

    @property
    def is_time_series(self) -> bool:
        return isinstance(self.chart, GroupedColumnChart)


@dataclass(frozen=True)
class Dashboard:
    selection: Selection
    partners: list[Partner]
    rows: list[FigureRow]
    coverage: list[PartnerCoverage]
    charts: list[ChartTable]

    coverage_label = COVERAGE_LABEL

    @property
    def coverage_total(self) -> float | None:
        return consortium_percent(self.coverage)

    def row(self, key: str) -> FigureRow:
        return next(row for row in self.rows if row.figure.key == key)


def chart_table(
    key: str, title: str, series: list[str], groups: list[tuple[str, list]], percent: bool = False
) -> ChartTable:
    """Horizontal bars, a group per partner; a percentage's axis runs from 0 to 100."""
    return ChartTable(key, title, series, groups, grouped_bars(groups, series, maximum=100 if percent else None))


def monthly_chart_table(key: str, title: str, series: list[str], groups: list[tuple[str, list]]) -> ChartTable:
    """Columns, a group per 'YYYY-MM' month (labelled 'Mar 27' under the columns, in the reader's language)."""
    labelled = [(_month_label(month), values) for month, values in groups]
    return ChartTable(key, title, series, groups, grouped_columns(labelled, series), _("Month"))


def _month_label(month: str) -> str:
    year, number = (int(part) for part in month.split("-"))
    return format_date(date(year, number, 1), "MMM yy", locale=current_language())


def figure_rows(selection: Selection, partners: list[Partner], figures=DASHBOARD_FIGURES) -> list[FigureRow]:
    rows = []
    for figure, tally in zip(figures, tallies(selection, figures), strict=True):
        rows.append(
            FigureRow(
                figure, [figure.value_for(tally, p.id) for p in partners], tally.total, FIGURE_ROWS.get(figure.key)
            )
        )
    return rows


def months_of(selection: Selection) -> list[str]:
    """'YYYY-MM' of every month the period touches."""
    start, end = selection.filters.start, selection.filters.end
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _charts(
    selection: Selection, partners: list[Partner], rows: list[FigureRow], coverage: list[PartnerCoverage]
) -> list[ChartTable]:
    by_key = {row.figure.key: row for row in rows}
    per_month = cached_result(
        "reporting.completions_by_month",
        REPORT_TABLES,
        selection_key(selection),
        partial(completions_by_month, selection),
        as_of=selection.now,
    )
    charts = [
        monthly_chart_table(
            "completions",
            _("Completions per month"),
            [p.code for p in partners],
            [(month, [per_month.get((p.id, month), 0) for p in partners]) for month in months_of(selection)],
        ),
        chart_table(
            "attendance",
            _("Mean attendance rate by partner (%)"),
            [_("Attendance (%)")],
            [(p.code, [by_key["mean_attendance_rate"].values[i]]) for i, p in enumerate(partners)],
            percent=True,
        ),
    ]
    offered, filled = by_key["seats_offered"].values, by_key["seats_filled"].values
    charts.append(
        chart_table(
            "seats",
            _("Seats offered and filled"),
            [_("Offered"), _("Filled")],
            [(p.code, [offered[i], filled[i]]) for i, p in enumerate(partners)],
        )
    )
    if any(c.percent is not None for c in coverage):
        charts.append(
            chart_table(
                "coverage",
                _("Top needs met by the training plan (%)"),
                [_("Top needs met (%)")],
                [(c.partner.short_name, [c.percent]) for c in coverage],
                percent=True,
            )
        )
    return charts


def report_partners(actor, selection: Selection) -> list[Partner]:
    return [p for p in partners_for(actor) if selection.partner_ids is None or p.id in selection.partner_ids]


def build_dashboard(actor, filters: ReportFilters, now=None) -> Dashboard:
    """Every figure for the partners of the actor's selection (permission checked here)."""
    selection = selection_for(actor, filters, now or this_minute())
    partners = report_partners(actor, selection)
    rows = figure_rows(selection, partners)
    coverage = coverage_by_partner(selection, partners)
    return Dashboard(selection, partners, rows, coverage, _charts(selection, partners, rows, coverage))
