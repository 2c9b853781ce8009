"""`flask demo load` gives the runs that have ended their trainees' evaluations."""

from sqlalchemy import func, select

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.evaluations.models import Evaluation, EvaluationInvitation
from ecri_lms.evaluations.plan_loop import plan_loop
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.needs.models import TrainingPlan
from ecri_lms.scheduling.models import CourseRun, Registration


def test_the_demo_runs_that_ended_are_evaluated_by_most_of_their_trainees(demo_consortium):
    assert demo_consortium.exit_code == 0, demo_consortium.output
    ended = db.session.scalars(
        select(CourseRun).where(CourseRun.ends_at <= utcnow(), CourseRun.status != "cancelled")
    ).all()
    assert ended and db.session.scalar(select(func.count()).select_from(EvaluationInvitation)) == len(ended)
    for run in ended:
        confirmed = db.session.scalar(
            select(func.count()).where(Registration.run_id == run.id, Registration.status == "confirmed")
        )
        given = db.session.scalars(select(Evaluation).where(Evaluation.run_id == run.id)).all()
        assert 0 < len(given) <= confirmed
        assert all(len(e.ratings) == len(run.course.topics) for e in given)
    loops = [plan_loop(SYSTEM, plan.id) for plan in db.session.scalars(select(TrainingPlan))]
    assert any(row.n_after and row.change is not None for loop in loops for row in loop.rows)
