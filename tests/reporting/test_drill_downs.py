"""Every figure of every dashboard is made of exactly the rows its link lists.

Generated from the pages themselves: for each figure cell of the consortium dashboard and of each
partner's dashboard (as that partner's coordinator sees it), on the hand-computed data set and on the
demo consortium, the cell's link is followed to the CSV download of its rows, and the rows, counted
(or summed, averaged, or the share marked "yes" for a rate), give the figure shown.
"""

import csv
import io
import re
from datetime import date
from html import unescape
from statistics import fmean
from urllib.parse import urlsplit

import pytest

from ecri_lms.reporting.dashboard import DASHBOARD_FIGURES
from ecri_lms.reporting.filters import ReportFilters

pytestmark = pytest.mark.generated


def _count(rows: list[dict]) -> int:
    return len(rows)


def _sum(header: str):
    return lambda rows: sum(float(row[header]) for row in rows)


def _mean(header: str):
    return lambda rows: fmean(float(row[header]) for row in rows) if rows else None


def _share(header: str):
    return lambda rows: round(100 * sum(row[header] == "yes" for row in rows) / len(rows), 1) if rows else None


# How each figure is made of the rows behind it (a count unless a column is summed or averaged).
FROM_ROWS = {
    "trainees_registered": _count,
    "attended_trainees": _count,
    "completions": _count,
    "completion_rate": _share("Completed"),
    "certificates_standing": _count,
    "certificates_expired": _count,
    "certificates_revoked": _count,
    "hours_delivered": _sum("Hours"),
    "person_hours": _sum("Hours attended"),
    "mean_attendance_rate": _mean("Attendance (%)"),
    "mean_quiz_score": _mean("Score (%)"),
    "runs_held": _count,
    "runs_cancelled": _count,
    "seats_offered": _sum("Capacity"),
    "seats_filled": _count,
    "waiting_list": _count,
    "sme_participants": _count,
    "distinct_smes": _count,
}
# Rows of a mean are each rounded to 0.1 before the page rounds the mean: they may differ by that much.
TOLERANCE = {"mean_attendance_rate": 0.1, "mean_quiz_score": 0.1, "hours_delivered": 0.05, "person_hours": 0.05}
CELL = re.compile(
    r'<td[^>]*data-figure="(?P<key>[a-z_]+)" data-partner="(?P<partner>[A-Za-z]+)">'
    r'(?:<a href="(?P<href>[^"]+)">)?(?P<value>[^<]*)'
)


def test_every_dashboard_figure_says_how_its_rows_make_it():
    assert set(FROM_ROWS) == {figure.key for figure in DASHBOARD_FIGURES}


def _cells(html: str) -> list[dict]:
    return [match.groupdict() for match in CELL.finditer(html) if match["key"] != "coverage"]


def _rows_behind(client, href: str) -> list[dict]:
    """The rows the link lists (its page is shown), as the CSV download of the same list has them."""
    assert client.get(unescape(href)).status_code == 200, href
    link = urlsplit(unescape(href))
    response = client.get(f"{link.path}.csv", query_string=link.query)
    assert response.status_code == 200, href
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _shown(text: str) -> float | None:
    return None if text.strip() == "–" else float(text)


def _check_dashboard(client, url: str, filters: ReportFilters) -> int:
    """Every figure cell of the page against its rows; the number of cells checked."""
    response = client.get(url, query_string=filters.query_args())
    assert response.status_code == 200
    cells = _cells(response.get_data(as_text=True))
    for cell in cells:
        assert cell["href"], f"{cell['key']} of {cell['partner']} on {url} links to no rows"
        rows = _rows_behind(client, cell["href"])
        made, shown = FROM_ROWS[cell["key"]](rows), _shown(cell["value"])
        where = f"{cell['key']} of {cell['partner']} on {url}: {len(rows)} rows give {made}, the page shows {shown}"
        if made is None or shown is None:
            assert made is None and shown is None, where
        else:
            assert abs(made - shown) <= TOLERANCE.get(cell["key"], 0), where
    return len(cells)


def _check_every_dashboard(client, login_as, make, codes: list[str], filters: ReportFilters) -> None:
    login_as(make.consortium_coordinator())
    assert _check_dashboard(client, "/reports/", filters) == len(FROM_ROWS) * (len(codes) + 1)
    for code in codes:
        login_as(make.partner_coordinator(code))
        assert _check_dashboard(client, f"/reports/partners/{code}", filters) == len(FROM_ROWS)


def test_on_the_hand_computed_data_every_figure_is_its_rows(data, make, client, login_as):
    _check_every_dashboard(client, login_as, make, ["BIOIBAL", "BIOPMED", "HBIO", "LSK"], data.filters())
    _check_every_dashboard(
        client, login_as, make, ["BIOIBAL", "BIOPMED", "HBIO", "LSK"], data.filters(organisation_type="sme")
    )


@pytest.mark.parametrize(
    "filters",
    [
        ReportFilters(date(date.today().year, 1, 1), date(date.today().year, 12, 31)),
        ReportFilters(date(date.today().year - 4, 1, 1), date(date.today().year + 4, 12, 31)),
    ],
    ids=["this-year", "nine-years"],
)
def test_on_the_demo_consortium_every_figure_is_its_rows(demo_consortium, make, client, login_as, filters):
    assert demo_consortium.exit_code == 0, demo_consortium.output
    _check_every_dashboard(client, login_as, make, ["BIOIBAL", "BIOPMED", "HBIO", "LSK"], filters)
