"""Needs coverage per partner comes from the needs area's API: missing or measured."""

from datetime import date

import pytest

from ecri_lms.needs import coverage
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
