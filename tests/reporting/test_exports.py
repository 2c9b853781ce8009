"""Exports open in a spreadsheet with the right types, and hostile names stay text."""

import csv
import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from markupsafe import escape
from openpyxl import load_workbook

from ecri_lms.reporting.dashboard import DASHBOARD_FIGURES, figure_definitions
from tests.reporting.dataset import build

HOSTILE = '=HYPERLINK("http://evil"), "Ωmega" Ñoño, +1'


@pytest.fixture
def data(make):
    data = build(make)
    for prefix in ("=", "+", "-", "@"):
        trainee = make.trainee("HBIO", name=f"{prefix}{HOSTILE}", organisation=f'{prefix}Żółć, "Bio" SME')
        make.registration(data.runs["r1"], trainee)
    return data


def _get(client, url, data):
    return client.get(url, query_string=data.filters().query_args())


def test_xlsx_keeps_numbers_as_numbers_dates_as_dates_and_defuses_formulas(data, make, client, login_as):
    login_as(make.consortium_coordinator())
    sheet = load_workbook(io.BytesIO(_get(client, "/reports/rows/registered.xlsx", data).data)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[0] == "Trainee" and len(rows) == 10
    hostile = [row for row in rows if "HYPERLINK" in row[0]]
    assert sorted(row[0][:2] for row in hostile) == ["'+", "'-", "'=", "'@"]
    assert all(isinstance(row[header.index("Run starts")], datetime) for row in rows)
    runs = load_workbook(io.BytesIO(_get(client, "/reports/rows/runs-offered.xlsx", data).data)).active
    header, *rows = list(runs.iter_rows(values_only=True))
    assert all(isinstance(row[header.index("Capacity")], int) for row in rows)
    sessions = load_workbook(io.BytesIO(_get(client, "/reports/rows/sessions-delivered.xlsx", data).data)).active
    header, *rows = list(sessions.iter_rows(values_only=True))
    assert [round(row[header.index("Hours")], 6) for row in rows] == [3.0, 4.0]


def test_csv_quotes_commas_and_quotes_keeps_accents_and_defuses_formulas(data, make, client, login_as):
    login_as(make.consortium_coordinator())
    text = _get(client, "/reports/rows/registered.csv", data).get_data(as_text=True).lstrip("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text)))
    names = sorted(row[0] for row in rows if "HYPERLINK" in row[0])
    assert names == sorted(f"'{p}{HOSTILE}" for p in "=+-@")
    assert any(row[2] == '\'=Żółć, "Bio" SME' for row in rows)
    start = rows[0][header.index("Run starts")]
    assert datetime.fromisoformat(start).tzinfo is None or datetime.fromisoformat(start).utcoffset() == timedelta(0)


def test_the_summary_exports_the_dashboard_table(data, make, client, login_as):
    login_as(make.consortium_coordinator())
    sheet = load_workbook(io.BytesIO(_get(client, "/reports/summary.xlsx", data).data)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[0] == "Figure" and header[-1] == "Consortium"
    registered = next(row for row in rows if row[0] == "Trainees registered")
    assert registered[header.index("HBIO")] == 7 and registered[-1] == 8  # four hostile names joined R1
    hours = next(row for row in rows if row[0] == "Training hours delivered")
    assert hours[-1] == 7


def test_every_figure_is_defined_on_the_page_in_the_xlsx_and_in_a_csv_beside_the_data(data, make, client, login_as):
    login_as(make.consortium_coordinator())
    definitions = figure_definitions()
    assert len(definitions) == len(DASHBOARD_FIGURES) + 1 and all(text for _, _, text in definitions)

    page = _get(client, "/reports/", data).get_data(as_text=True)
    listed = re.search(r'<section class="report-definitions.*?</section>', page, re.S).group(0)
    for label, _, text in definitions:
        assert escape(label) in listed and escape(text) in listed
    assert 'href="/reports/definitions.csv"' in page

    book = load_workbook(io.BytesIO(_get(client, "/reports/summary.xlsx", data).data))
    assert book.sheetnames == ["Summary", "Definitions"]
    in_sheet = [(label, unit or "", text) for label, unit, text in book["Definitions"].iter_rows(values_only=True)]
    assert in_sheet == [("Figure", "Unit", "Definition"), *definitions]

    summary = _get(client, "/reports/summary.csv", data).get_data(as_text=True).lstrip("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(summary)))
    assert [row[0] for row in rows] == [label for label, _, _ in definitions]  # figures only, no note inside
    beside = client.get("/reports/definitions.csv").get_data(as_text=True).lstrip("\ufeff")
    assert [tuple(row) for row in csv.reader(io.StringIO(beside))] == [("Figure", "Unit", "Definition"), *definitions]

    rows_book = load_workbook(io.BytesIO(_get(client, "/reports/rows/completion-rate.xlsx", data).data))
    assert [row[0] for row in rows_book["Definitions"].iter_rows(values_only=True)] == [
        "Figure",
        "Completion rate (runs held)",
    ]


def test_rates_are_percentages_in_every_export(data, make, client, login_as):
    """HBIO's completion rate is 1 of 7 (test_outcomes.py, and the four hostile names on R1): 14.3 in every
    file, never 0.143; its mean attendance rate (1 + 1 + 0 + 4 × 0) / 7 = 28.6."""
    login_as(make.consortium_coordinator())
    summary = _get(client, "/reports/summary.csv", data).get_data(as_text=True).lstrip("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(summary)))
    rate = next(row for row in rows if row[0] == "Completion rate (runs held)")
    assert (rate[1], rate[header.index("HBIO")]) == ("%", "14.3")
    sheet = load_workbook(io.BytesIO(_get(client, "/reports/summary.xlsx", data).data))["Summary"]
    rate = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Completion rate (runs held)")
    assert rate[1] == "%" and rate[header.index("HBIO")] == 14.3
    chart = _get(client, "/reports/charts/attendance.csv", data).get_data(as_text=True).lstrip("\ufeff")
    assert dict((row[0], row[1]) for row in csv.reader(io.StringIO(chart)))["HBIO"] == "28.6"


def test_the_readme_defines_every_figure_as_the_code_does():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for label, unit, text in figure_definitions():
        assert f"| {label}{f' ({unit})' if unit else ''} | {text} |" in readme, label
