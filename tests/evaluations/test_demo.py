"""`flask demo load` gives the runs that have ended their trainees' evaluations."""

from sqlalchemy import func, select

from ecri_lms.evaluations.models import Evaluation, EvaluationInvitation
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.needs import queries
from ecri_lms.needs.demo import SURVEY_NAME
from ecri_lms.needs.evaluation import after_training, before_after
from ecri_lms.needs.services.surveys import find_survey
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
    survey = find_survey(SURVEY_NAME)
    partner = ended[0].partner
    rows = before_after(queries.ranking(survey, partner.id), after_training([partner.id]))
    assert any(row.n_after and row.change is not None for row in rows)
