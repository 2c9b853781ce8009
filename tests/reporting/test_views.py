"""The dashboards, drill-down lists, trainee records and audit log as people reach them, and who may."""

import io

import pytest
from pypdf import PdfReader

from ecri_lms.accounts.audit.services import record
from ecri_lms.accounts.partners.services import get_partner_by_code
from ecri_lms.infra.extensions import db
from ecri_lms.reporting.dashboard import DASHBOARD_FIGURES


def _args(data, **extra):
    return {**data.filters().query_args(), **extra}


def test_the_consortium_dashboard_shows_figures_per_partner_linked_to_their_rows(data, make, client, login_as):
    login_as(make.consortium_coordinator())
    page = client.get("/reports/", query_string=_args(data))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'data-figure="trainees_registered" data-partner="total">' in html
    assert "/reports/rows/registered?" in html and "partner=HBIO" in html
    assert "<svg" in html and "Seats offered and filled" in html
    assert 'data-figure="coverage" data-partner="HBIO"' in html


def test_a_partner_coordinator_is_sent_to_their_partner_dashboard(data, make, client, login_as):
    login_as(make.partner_coordinator("HBIO"))
    response = client.get("/reports/")
    assert response.status_code == 302 and response.location.endswith("/reports/partners/HBIO")


def test_the_partner_dashboard_lists_trainees_at_risk_and_runs(data, make, client, login_as):
    login_as(make.partner_coordinator("HBIO"))
    html = client.get("/reports/partners/HBIO", query_string=_args(data)).get_data(as_text=True)
    assert "Bruno Bianchi" in html  # quiz not passed (30 % against 50 %)
    assert "Celina Czarnecka" in html  # essay waiting, and absent, on an HBIO run
    assert "At risk: attendance below the rule (1)" in html
    runs_table = html[html.index("<caption>Runs of ") :]
    assert "C1" in runs_table[: runs_table.index("</table>")]


@pytest.mark.parametrize(
    "url",
    [
        "/reports/partners/LSK",
        "/reports/rows/registered?partner=LSK",
        "/reports/summary.csv?partner=LSK",
        "/reports/rows/registered.xlsx?partner=LSK",
    ],
)
def test_a_partner_coordinator_cannot_reach_another_partner_by_url_or_filter(data, make, client, login_as, url):
    login_as(make.partner_coordinator("HBIO"))
    assert client.get(url).status_code in (400, 404)


def test_a_partner_coordinators_lists_hold_only_their_partners_runs(data, make, client, login_as):
    login_as(make.partner_coordinator("HBIO"))
    csv = client.get("/reports/rows/registered.csv", query_string=_args(data)).get_data(as_text=True)
    assert "HBIO" in csv and "LSK" not in csv
    assert csv.count("Dora") == 0  # Dora only took LSK runs
    waiting = client.get("/reports/rows/waiting.csv", query_string=_args(data)).get_data(as_text=True)
    assert "Dora" not in waiting
    lsk_course = client.get(
        "/reports/rows/registered.csv", query_string=_args(data, course=data.courses["c2"].id)
    ).get_data(as_text=True)
    assert "LSK" not in lsk_course and "Dora" not in lsk_course and "Celina" not in lsk_course
    charts = client.get("/reports/charts/seats.csv", query_string=_args(data)).get_data(as_text=True)
    assert "HBIO" in charts and "LSK" not in charts


def test_a_trainee_record_is_seen_by_the_trainee_and_coordinators_in_scope_only(data, make, client, login_as):
    celina = data.people["celina"]
    login_as(make.partner_coordinator("HBIO"))
    assert client.get(f"/reports/trainees/{celina.id}").status_code == 404
    login_as(make.partner_coordinator("LSK"))
    html = client.get(f"/reports/trainees/{celina.id}").get_data(as_text=True)
    assert "Regulation check" in html and "HBIO" in html  # her whole history, across partners
    login_as(celina)
    assert client.get("/reports/me").status_code == 302
    assert client.get(f"/reports/trainees/{celina.id}").status_code == 200
    assert client.get(f"/reports/trainees/{data.people['anna'].id}").status_code == 404
    download = client.get(f"/reports/trainees/{celina.id}/runs.xlsx")
    assert download.status_code == 200 and download.mimetype.endswith("spreadsheetml.sheet")


def test_trainees_cannot_open_the_dashboards(data, client, login_as):
    login_as(data.people["anna"])
    assert client.get("/reports/").status_code == 403
    assert client.get("/reports/rows/registered").status_code == 403


def test_bad_filters_are_refused_with_a_reason(data, make, client, login_as):
    login_as(make.consortium_coordinator())
    page = client.get("/reports/", query_string={"start": "2027-05-01", "end": "2027-01-01"})
    assert page.status_code == 400 and "must end on or after" in page.get_data(as_text=True)
    assert client.get("/reports/", query_string={"end": "2001-01-01"}).status_code == 400  # before this year
    assert client.get("/reports/rows/registered.csv", query_string={"course": "abc"}).status_code == 400
    assert client.get("/reports/rows/nonsense").status_code == 404


def test_drill_down_lists_are_paginated(data, make, client, login_as):
    login_as(make.consortium_coordinator())
    html = client.get("/reports/rows/registered", query_string=_args(data)).get_data(as_text=True)
    assert "6 rows." in html and "Anna Alvarez" in html


def completion_rate_definition() -> str:
    return next(f.definition for f in DASHBOARD_FIGURES if f.key == "completion_rate")


def test_the_summary_pdf_has_the_figures_on_one_page_and_their_definitions_on_the_next(data, make, client, login_as):
    login_as(make.consortium_coordinator())
    response = client.get("/reports/summary.pdf", query_string=_args(data))
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    figures, definitions = (page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Completion rate (runs held)" in figures and "What each figure counts" not in figures
    assert " ".join(completion_rate_definition().split()) in " ".join(definitions.split())


def test_the_audit_log_is_browsable_in_scope(data, make, client, login_as):
    hbio, lsk = get_partner_by_code("HBIO"), get_partner_by_code("LSK")
    record(None, "run.cancel", "course_run", 1, partner_id=hbio.id, summary="Cancelled HBIO run")
    record(None, "run.cancel", "course_run", 2, partner_id=lsk.id, summary="Cancelled LSK run")
    record(None, "role.grant", "user_account", 3, partner_id=hbio.id, summary="Granted a role")
    db.session.commit()
    login_as(make.partner_coordinator("HBIO"))
    html = client.get("/reports/audit").get_data(as_text=True)
    assert "Cancelled HBIO run" in html and "Cancelled LSK run" not in html
    assert client.get("/reports/audit?partner=LSK").status_code == 400
    filtered = client.get("/reports/audit?action=role.grant").get_data(as_text=True)
    assert "Granted a role" in filtered and "Cancelled HBIO run" not in filtered
    login_as(make.admin())
    csv = client.get("/reports/audit.csv").get_data(as_text=True)
    assert "Cancelled LSK run" in csv and "Cancelled HBIO run" in csv


def test_the_home_page_shows_the_reporting_panel_to_coordinators(data, make, client, login_as):
    login_as(make.consortium_coordinator())
    html = client.get("/").get_data(as_text=True)
    assert 'id="panel-reporting"' in html


# Blank or padded values of every filter, on every route that reads the filters.
BLANK_FILTER_VALUES = [
    {"course": " "},
    {"course": ""},
    {"area": " "},
    {"area": ""},
    {"partner": " "},
    {"org_type": "\t"},
    {"format": " "},
    {"start": " ", "end": " "},
    {"course": " ", "area": " ", "partner": "", "format": ""},
]
FILTERED_ROUTES = [
    "/reports/",
    "/reports/partners/HBIO",
    "/reports/rows/registered",
    "/reports/rows/registered.csv",
    "/reports/charts/seats.csv",
    "/reports/summary.csv",
    "/reports/summary.pdf",
    "/reports/audit",
    "/reports/audit.csv",
]


@pytest.mark.parametrize("url", FILTERED_ROUTES)
@pytest.mark.parametrize("args", BLANK_FILTER_VALUES, ids=repr)
def test_a_blank_filter_value_means_no_filter(data, make, client, login_as, url, args):
    login_as(make.consortium_coordinator())
    assert client.get(url, query_string={**_args(data), **args}).status_code == 200
