"""The dashboard as one table (figures down, partners across, total last): for export and the PDF."""

from .dashboard import Dashboard
from .partner_plans import COVERAGE_LABEL

TOTAL = "Consortium"


def filter_description(dashboard: Dashboard, chosen: dict[str, str]) -> str:
    """One line saying what the summary covers: period, partners, and any other filter chosen."""
    filters = dashboard.selection.filters
    partners = ", ".join(p.short_name for p in dashboard.partners) or "none"
    others = "".join(f"; {name.lower()}: {value}" for name, value in chosen.items())
    return f"Period {filters.start:%d %b %Y} – {filters.end:%d %b %Y}; partners: {partners}{others}"


def summary_headers(dashboard: Dashboard) -> list[str]:
    return ["Figure", "Unit", *[p.code for p in dashboard.partners], TOTAL]


def summary_rows(dashboard: Dashboard) -> list[tuple]:
    rows = [(row.figure.label, row.figure.unit, *row.values, row.total) for row in dashboard.rows]
    rows.append((COVERAGE_LABEL, "%", *[c.percent for c in dashboard.coverage], dashboard.coverage_total))
    return rows
