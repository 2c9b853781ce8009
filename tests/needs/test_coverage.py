"""Coverage: computed from the facts of runs and completions."""

from datetime import date
from fractions import Fraction

import pytest

from ecri_lms.needs import coverage
from ecri_lms.needs.completion_facts import CompletionFact
from ecri_lms.needs.coverage import ItemTarget, item_coverage
from ecri_lms.needs.runs import RunFact
from tests.needs import builders
from tests.needs.builders import provide_fake_coverage

TARGET = ItemTarget(
    item_id=1,
    topic="FIN",
    course_ids=frozenset({10, 11}),
    org_types=frozenset({"sme"}),
    target=3,
    start=date(2027, 1, 1),
    end=date(2027, 6, 30),
)


def test_item_coverage_counts_runs_in_the_period_and_distinct_target_trainees():
    runs = [
        RunFact(1, 10, 7, date(2027, 2, 1), held=True),
        RunFact(2, 11, 7, date(2027, 5, 1), held=False),
        RunFact(3, 10, 7, date(2027, 9, 1), held=True),  # outside the target period
        RunFact(4, 99, 7, date(2027, 2, 1), held=True),
    ]  # another course
    completions = [
        CompletionFact(1, 100, "sme"),
        CompletionFact(1, 101, "sme"),
        CompletionFact(1, 102, "research"),
        CompletionFact(3, 103, "sme"),
        CompletionFact(4, 104, "sme"),
        CompletionFact(1, 100, "sme"),
        CompletionFact(1, 105, None),
    ]
    result = item_coverage(TARGET, runs, completions)
    assert (result.runs_scheduled, result.runs_held, result.completed) == (2, 1, 2)
    assert not result.met and result.share == Fraction(2, 3)


def test_an_item_that_reaches_its_target_is_met_and_its_share_is_capped():
    runs = [RunFact(1, 10, 7, date(2027, 2, 1), held=True)]
    completions = [CompletionFact(1, user, "sme") for user in range(5)]
    result = item_coverage(TARGET, runs, completions)
    assert result.met and result.share == 1


@pytest.fixture
def approved_plan(make):
    return builders.approved_plan(make)


def test_each_item_and_the_top_needs_are_measured(approved_plan, monkeypatch):
    plan, course = approved_plan
    calls = []
    provide_fake_coverage(monkeypatch, plan, course, calls)
    result = coverage.plan_coverage(plan, top_n=3)
    assert [(i.topic, i.runs_scheduled, i.runs_held, i.completed, i.met) for i in result.items] == [
        ("FIN", 1, 1, 2, True),
        ("REG", 0, 0, 0, False),
    ]
    # Only FIN has a course, so only FIN's runs are asked for, for the plan's partner and the item's period.
    assert calls == [(plan.partner_id, frozenset({course.id}), date(2027, 1, 1), date(2027, 12, 31))]
    assert result.top_needs == ["FIN", "REG", "GOV"] and result.met_needs == ["FIN"]
    assert result.share_of_top_needs_met == Fraction(1, 3)


def test_the_coverage_page_and_csv_show_the_numbers(client, login_as, make, approved_plan, monkeypatch):
    plan, course = approved_plan
    provide_fake_coverage(monkeypatch, plan, course, [])
    login_as(make.partner_coordinator("HBIO"))
    page = client.get(f"/needs/plans/{plan.id}/coverage")
    assert "Trainees completed" in page.text and "Top needs of the partner met: 1 of 3 (FIN, REG, GOV)." in page.text
    download = client.get(f"/needs/plans/{plan.id}/coverage.csv")
    assert download.status_code == 200
    assert download.text.removeprefix("\ufeff").splitlines()[:3] == [
        "partner,topic,runs_scheduled,runs_held,completed,target,met",
        "HBIO,FIN,1,1,2,2,yes",
        "HBIO,REG,0,0,0,2,no",
    ]
    assert download.text.splitlines()[-1] == "top_needs_met_percent,33.3"  # a percentage, as the dashboard's
    assert "top needs met: 1 of 3" in client.get("/").text
