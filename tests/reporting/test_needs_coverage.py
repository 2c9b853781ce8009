"""Needs coverage per partner comes from the needs area's API: missing or measured."""

import re
from datetime import date, timedelta

import pytest

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.needs import coverage
from ecri_lms.needs.services import imports, plans
from ecri_lms.reporting.dashboard import build_dashboard
from ecri_lms.reporting.filters import ReportFilters
from tests.needs import builders

YEAR_2027 = ReportFilters(date(2027, 1, 1), date(2027, 12, 31))


@pytest.fixture
def approved_plan(make):
    return builders.approved_plan(make)


def _by_code(dashboard):
    return {c.partner.code: c for c in dashboard.coverage}


def test_each_partner_shows_the_share_of_top_needs_its_plan_met(app, make, approved_plan, monkeypatch):
    plan, course = approved_plan
    builders.provide_fake_coverage(monkeypatch, plan, course, [])
    expected = coverage.plan_coverage(plan).share_of_top_needs_met
    dashboard = build_dashboard(make.consortium_coordinator(), YEAR_2027)
    shown = _by_code(dashboard)
    assert shown["HBIO"].percent == round(float(expected) * 100, 1) and shown["HBIO"].plan.id == plan.id
    assert shown["LSK"].percent is None and "No approved training plan" in shown["LSK"].message
    assert any(chart.key == "coverage" for chart in dashboard.charts)
    earlier = _by_code(
        build_dashboard(make.consortium_coordinator(), ReportFilters(date(2026, 1, 1), date(2026, 12, 31)))
    )
    assert earlier["HBIO"].plan is None


def _survey_of_both_partners(make):
    """HAND_DATA answered by HBIO's SMEs and, alike, by LSK's: each partner ranks FIN 1, REG 2, GOV 3
    (IP, with four answers, is never ranked), so each partner's top needs are FIN, REG and GOV."""
    lines = builders.long_csv().splitlines()
    lsk = [line.replace(",HBIO,", ",LSK,").replace("R", "L", 1) for line in lines[1:]]
    survey = make.survey()
    imports.import_answers(SYSTEM, survey, "\n".join([*lines, *lsk, ""]).encode())
    return survey


def _plan(survey, code: str, start: date, end: date):
    plan = plans.create_plan(
        SYSTEM, partner_code=code, title=f"{code} plan", period_start=start, period_end=end, survey_id=survey.id
    )
    plans.add_items_from_needs(SYSTEM, plan, count=2, target_trainees=2, target_org_types=["sme"])
    plans.approve(SYSTEM, plan)
    return plan


def test_top_needs_met_against_a_hand_computation(app, make, client, login_as):
    """By hand: each plan holds FIN and REG (target: 2 SME trainees completed) of the top needs FIN, REG, GOV.
    HBIO's FIN run was completed by two SME trainees (and a researcher, not counted): FIN met, REG (no run)
    and GOV (left out of the plan) not: 1 of 3 = 33.3 %. LSK's FIN run was completed by one SME trainee:
    0 of 3 = 0 %. Consortium: 1 of the 6 top needs = 16.7 %. BIOIBAL and BIOPMED have no plan."""
    make.partners()
    survey = _survey_of_both_partners(make)
    today = utcnow().date()
    start, end = today - timedelta(days=60), today + timedelta(days=300)
    fin = make.tagged_course("FIN01", "FIN")
    hbio_plan, lsk_plan = _plan(survey, "HBIO", start, end), _plan(survey, "LSK", start, end)
    for code, completers in (("HBIO", [("sme", 2), ("research", 1)]), ("LSK", [("sme", 1)])):
        run = make.run(fin, partner=code, starts_in=timedelta(days=-20))
        for org_type, number in completers:
            for index in range(number):
                trainee = make.trainee(code, organisation=f"{code} {org_type} {index}", org_type=org_type)
                make.registration(run, trainee)
                make.completion(run, trainee)
    db.session.commit()

    dashboard = build_dashboard(make.consortium_coordinator(), ReportFilters(start, end))
    shown = _by_code(dashboard)
    assert (shown["HBIO"].plan, shown["LSK"].plan) == (hbio_plan, lsk_plan)
    assert (shown["HBIO"].coverage.top_needs, shown["HBIO"].coverage.met_needs) == (["FIN", "REG", "GOV"], ["FIN"])
    assert {code: c.percent for code, c in shown.items()} == {
        "BIOIBAL": None,
        "BIOPMED": None,
        "HBIO": 33.3,
        "LSK": 0.0,
    }
    assert dashboard.coverage_total == 16.7
    chart = next(chart for chart in dashboard.charts if chart.key == "coverage")
    assert chart.chart.ticks[-1].text == "100"  # the axis is in percent, whatever the values

    login_as(make.consortium_coordinator())
    html = client.get("/reports/", query_string=ReportFilters(start, end).query_args()).get_data(as_text=True)
    assert re.search(r'data-figure="coverage" data-partner="total">16\.7<', html)
