"""Runs serving plan items: the runs coverage counts, and the links between plans and runs."""

from datetime import timedelta

import pytest

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.needs import coverage
from ecri_lms.needs.completion_facts import CompletionFact
from ecri_lms.needs.runs import items_served_by, run_facts
from ecri_lms.needs.services import imports, plans
from tests.needs.test_files import long_csv


@pytest.fixture
def plan_and_runs(make):
    survey = make.survey()
    imports.import_answers(SYSTEM, survey, long_csv().encode())
    course = make.tagged_course("FIN01", "FIN")
    today = utcnow().date()
    plan = plans.create_plan(
        SYSTEM,
        partner_code="HBIO",
        title="HBIO plan",
        period_start=today - timedelta(days=60),
        period_end=today + timedelta(days=200),
        survey_id=survey.id,
    )
    plans.add_items_from_needs(SYSTEM, plan, count=2, target_trainees=2, target_org_types=["sme"])
    plans.approve(SYSTEM, plan)
    db.session.commit()
    runs = {
        "held": make.run(course, "HBIO", starts_in=timedelta(days=-10)),
        "coming": make.run(course, "HBIO", starts_in=timedelta(days=20)),
        "draft": make.run(course, "HBIO", status="draft", starts_in=timedelta(days=30)),
        "cancelled": make.run(course, "HBIO", status="cancelled", starts_in=timedelta(days=20)),
        "other_partner": make.run(course, "LSK", starts_in=timedelta(days=20)),
        "after_period": make.run(course, "HBIO", starts_in=timedelta(days=400)),
        "other_course": make.run(make.course(), "HBIO", starts_in=timedelta(days=20)),
    }
    return plan, course, runs


def test_the_runs_provider_gives_the_partners_published_runs_in_the_period(plan_and_runs):
    plan, course, runs = plan_and_runs
    facts = run_facts(plan.partner_id, [course.id], plan.period_start, plan.period_end)
    assert [(f.run_id, f.held) for f in facts] == [(runs["held"].id, True), (runs["coming"].id, False)]
    assert all(f.partner_id == plan.partner_id and f.course_id == course.id for f in facts)
    assert facts[0].starts_on == (utcnow() - timedelta(days=10)).date()


def test_coverage_end_to_end_with_real_runs_and_given_completions(app, make, plan_and_runs, monkeypatch):
    plan, course, runs = plan_and_runs
    held = runs["held"].id
    asked = []

    def completions(run_ids):
        asked.append(sorted(run_ids))
        return [CompletionFact(held, 1, "sme"), CompletionFact(held, 2, "sme"), CompletionFact(held, 3, "research")]

    monkeypatch.setattr(coverage, "completion_facts", completions)
    result = coverage.plan_coverage(plan)
    fin = next(item for item in result.items if item.topic == "FIN")
    assert (fin.runs_scheduled, fin.runs_held, fin.completed, fin.met) == (2, 1, 2, True)
    assert asked == [sorted([held, runs["coming"].id])]


def test_the_coverage_page_shows_runs_and_completions(client, login_as, make, plan_and_runs):
    plan, _, _ = plan_and_runs
    login_as(make.partner_coordinator("HBIO"))
    page = client.get(f"/needs/plans/{plan.id}/coverage")
    assert page.status_code == 200 and "Trainees completed" in page.text
    assert '<td class="text-end">2</td><td class="text-end">1</td>' in page.text
    lines = client.get(f"/needs/plans/{plan.id}/coverage.csv").text.splitlines()
    assert lines[1] == "HBIO,FIN,2,1,0,2,no"


def test_a_run_serves_the_items_of_its_partners_plan_in_force(plan_and_runs):
    plan, _, runs = plan_and_runs
    assert [item.topic.code for item in items_served_by(runs["coming"])] == ["FIN"]
    for name in ("draft", "cancelled", "other_partner", "after_period", "other_course"):
        assert items_served_by(runs[name]) == [], name


def test_a_revised_plan_without_the_need_no_longer_counts_on_the_run(plan_and_runs):
    plan, _, runs = plan_and_runs
    plans.start_revision(SYSTEM, plan)
    fin = next(item for item in plan.draft.items if item.topic.code == "FIN")
    assert [item.version.number for item in items_served_by(runs["coming"])] == [1]
    plans.remove_item(SYSTEM, plan, fin.id)
    plans.approve(SYSTEM, plan)
    db.session.commit()
    assert items_served_by(runs["coming"]) == []


def test_the_plan_page_lists_each_items_runs_scheduled_or_held(client, login_as, make, plan_and_runs):
    plan, _, runs = plan_and_runs
    login_as(make.partner_coordinator("HBIO"))
    page = client.get(f"/needs/plans/{plan.id}").text
    assert f'href="/runs/{runs["held"].id}"' in page and f'href="/runs/{runs["coming"].id}"' in page
    assert f'href="/runs/{runs["other_partner"].id}"' not in page
    assert ">held</span>" in page and ">scheduled</span>" in page


def test_the_run_page_names_the_plan_items_it_serves_to_the_partners_coordinators(
    client, login_as, make, plan_and_runs
):
    plan, _, runs = plan_and_runs
    login_as(make.partner_coordinator("HBIO"))
    page = client.get(f"/runs/{runs['coming'].id}").text
    assert "This run serves:" in page and f"/needs/plans/{plan.id}?version=1" in page
    login_as(make.partner_coordinator("LSK"))
    assert "This run serves:" not in client.get(f"/runs/{runs['coming'].id}").text
    login_as(make.trainee("HBIO"))
    assert "Training plan" not in client.get(f"/runs/{runs['coming'].id}").text


def test_the_dashboard_links_to_the_coverage(client, login_as, make, plan_and_runs):
    plan, _, _ = plan_and_runs
    login_as(make.partner_coordinator("HBIO"))
    home = client.get("/").text
    assert f'href="/needs/plans/{plan.id}/coverage">top needs met: 0 of ' in home
