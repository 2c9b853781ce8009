"""The dashboard as one table (figures down, partners across, total last): for export and the PDF."""

from babel.dates import format_date

from ..infra.i18n import current_language
from ..infra.i18n import gettext as _
from .dashboard import Dashboard
from .partner_plans import COVERAGE_LABEL


def day_text(day) -> str:
    """A day as the reader writes it: '5 Mar 2027', '5 mar 2027'."""
    return format_date(day, "d MMM y", locale=current_language())


def filter_description(dashboard: Dashboard, chosen: dict[str, str]) -> str:
    """One line saying what the summary covers: period, partners, and any other filter chosen."""
    filters = dashboard.selection.filters
    partners = ", ".join(p.short_name for p in dashboard.partners) or _("none")
    others = "".join(f"; {str(name).lower()}: {value}" for name, value in chosen.items())
    period = _(
        "Period %(start)s – %(end)s; partners: %(partners)s",
        start=day_text(filters.start),
        end=day_text(filters.end),
        partners=partners,
    )
    return f"{period}{others}"


def summary_headers(dashboard: Dashboard) -> list[str]:
    return [_("Figure"), _("Unit"), *[p.code for p in dashboard.partners], _("Consortium")]


def summary_rows(dashboard: Dashboard) -> list[tuple]:
    rows = [(str(row.figure.label), row.figure.unit, *row.values, row.total) for row in dashboard.rows]
    rows.append((str(COVERAGE_LABEL), "%", *[c.percent for c in dashboard.coverage], dashboard.coverage_total))
    return rows
