"""The Kirkpatrick loop of a plan: its baseline survey before, its own runs' trainees after, and follow-up rounds."""

from datetime import timedelta

import pytest

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.evaluations import services
from ecri_lms.evaluations.follow_up import comparison, rounds_of, start_follow_up
from ecri_lms.evaluations.plan_loop import plan_loop
from ecri_lms.infra.errors import Conflict, NotFound
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.needs.services import imports, plans
from tests.evaluations.conftest import answers, more_trainees
from tests.needs.builders import LONG_HEADER, long_csv


@pytest.fixture
def plan(make, ended):
    """HBIO's plan ranked from a baseline survey (FIN: competence 2.2 over 5 SMEs), served by the ended run."""
    baseline = make.survey(name="Baseline 2026")
    imports.import_answers(SYSTEM, baseline, long_csv().encode())
    today = utcnow().date()
    plan = plans.create_plan(
        SYSTEM,
        partner_code="HBIO",
        title="HBIO plan",
        period_start=today - timedelta(days=60),
        period_end=today + timedelta(days=60),
        survey_id=baseline.id,
    )
    spec = plans.ItemSpec(
        "FIN", 5, today - timedelta(days=30), today + timedelta(days=30), course_ids=[ended.course.id]
    )
    plans.add_item(SYSTEM, plan, spec)
    plans.approve(SYSTEM, plan)
    db.session.commit()
    return plan


def _evaluate(make, ended, count: int, fin: int) -> None:
    for trainee in [*ended.trainees, *more_trainees(make, ended, count - 2)]:
        services.submit(trainee, ended.run, answers(fin=fin, importance=5))
    db.session.commit()


def _fin(loop):
    return next(row for row in loop.rows if row.topic.code == "FIN")


def test_the_plans_runs_trainees_are_compared_with_its_baseline(make, ended, plan):
    _evaluate(make, ended, 5, fin=4)
    row = _fin(plan_loop(make.consortium_coordinator(), plan.id))
    assert (row.n_before, str(row.before), row.n_after, str(row.after), str(row.change)) == (
        5,
        "2.2000",
        5,
        "4.0000",
        "1.8000",
    )
    assert [run.id for run in row.runs] == [ended.run.id]


def test_a_newer_pilot_survey_does_not_replace_the_baseline(client, login_as, make, ended, plan):
    pilot = make.survey(name="Pilot 2027")  # newer, answered by five HBIO SMEs who all say competence 5
    lines = [LONG_HEADER] + [f"P{n},HBIO,sme,FIN,5,5" for n in range(5)]
    imports.import_answers(SYSTEM, pilot, ("\n".join(lines) + "\n").encode())
    db.session.commit()
    assert str(_fin(plan_loop(make.consortium_coordinator(), plan.id)).before) == "2.2000"
    login_as(ended.trainees[0])  # the evaluation form shows the same baseline
    form = client.get(f"/evaluations/runs/{ended.run.id}").text
    assert "members said 2.2000 on average (5 answers)" in form and "Baseline 2026" in form


def test_trainees_of_runs_that_did_not_serve_the_plan_are_not_pooled(make, ended, plan):
    _evaluate(make, ended, 5, fin=4)
    elsewhere = make.run(ended.course, "LSK", starts_in=timedelta(days=-3))  # another partner's run: no item of it
    for _ in range(5):
        trainee = make.trainee("LSK")
        make.registration(elsewhere, trainee)
        services.submit(trainee, elsewhere, answers(fin=1))
    db.session.commit()
    row = _fin(plan_loop(make.consortium_coordinator(), plan.id))
    assert (row.n_after, str(row.after)) == (5, "4.0000")


def test_a_small_group_after_training_is_not_shown(make, ended, plan):
    _evaluate(make, ended, 2, fin=4)
    row = _fin(plan_loop(make.consortium_coordinator(), plan.id))
    assert row.n_after == 2 and row.after is None and row.after_withheld and row.change is None


def test_the_follow_up_rounds_ranking_is_shown_beside_the_baselines(client, login_as, make, ended, plan):
    _evaluate(make, ended, 5, fin=4)  # FIN after: importance 5, competence 4: MWDS 5 × 1 = 5
    login_as(make.consortium_coordinator())
    page = client.get(f"/evaluations/plans/{plan.id}").text
    assert "No follow-up round yet." in page
    response = client.post(f"/evaluations/plans/{plan.id}/follow-up", follow_redirects=True)
    assert response.status_code == 200 and "HBIO plan: follow-up 1" in response.text
    (follow_up,) = rounds_of(plan)
    fin = next(change for change in comparison(plan, follow_up) if change.topic == "FIN")
    assert (fin.previous_rank, str(fin.previous_mwds), fin.current_rank, str(fin.current_mwds)) == (
        1,
        "8.4000",
        1,
        "5.0000",
    )
    table = response.text.split('id="follow-up-ranking"')[1]
    assert '<td class="text-end">8.4000</td>' in table and '<td class="text-end">5.0000</td>' in table
    assert follow_up.survey.partner_id == plan.partner_id and follow_up.survey.is_closed


def test_a_follow_up_needs_evaluations_and_the_plans_scope(make, ended, plan):
    with pytest.raises(Conflict):
        start_follow_up(make.consortium_coordinator(), plan.id)
    _evaluate(make, ended, 5, fin=4)
    with pytest.raises(NotFound):
        start_follow_up(make.partner_coordinator("LSK"), plan.id)
    with pytest.raises(NotFound):
        plan_loop(make.partner_coordinator("LSK"), plan.id)
    assert start_follow_up(make.partner_coordinator("HBIO"), plan.id).name == "HBIO plan: follow-up 1"


def test_the_plan_page_links_to_its_loop(client, login_as, make, plan):
    login_as(make.consortium_coordinator())
    assert f'href="/evaluations/plans/{plan.id}"' in client.get(f"/needs/plans/{plan.id}").text
    login_as(make.partner_coordinator("LSK"))
    assert client.get(f"/evaluations/plans/{plan.id}").status_code == 404
    assert client.post(f"/evaluations/plans/{plan.id}/follow-up").status_code == 404
