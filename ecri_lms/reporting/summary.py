"""The dashboard as one table (figures down, partners across, total last): for export and the PDF."""

from .dashboard import Dashboard

TOTAL = "Consortium"


def summary_headers(dashboard: Dashboard) -> list[str]:
    return ["Figure", "Unit", *[p.code for p in dashboard.partners], TOTAL]


def summary_rows(dashboard: Dashboard) -> list[tuple]:
    rows = [(row.figure.label, row.figure.unit, *row.values, row.total) for row in dashboard.rows]
    rows.append(("Top needs met by the training plan", "%", *[c.percent for c in dashboard.coverage], None))
    return rows
