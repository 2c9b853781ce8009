import pytest
from sqlalchemy import func, select

from ecri_lms.assessment.models import Attempt
from ecri_lms.demo.scale import NATIONAL, Volumes
from ecri_lms.infra.extensions import db
from ecri_lms.needs.models import Answer, Respondent
from ecri_lms.scheduling.models import CourseRun, Registration, TrainingSession


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_scale_factor_shrinks_every_volume_but_keeps_the_shape():
    tiny = NATIONAL.scaled(0.001)
    assert tiny == Volumes(
        trainees=20,
        smes=1,
        trainers=1,
        runs=2,
        sessions_per_run=3,
        registrations=100,
        quiz_attempts=150,
        certificates=40,
        respondents=5,
        years=3,
    )


@pytest.mark.committing  # the load ends with ANALYZE on a connection of its own
def test_a_small_national_load_adds_the_volumes_without_overbooking(runner):
    result = runner.invoke(args=["demo", "load", "--scale", "national", "--scale-factor", "0.005"])
    assert result.exit_code == 0, result.output
    assert "trainees: 100" in result.output and "runs: 10" in result.output
    assert count(CourseRun) >= 10
    assert db.session.scalar(select(func.count()).where(TrainingSession.uid.like("%@ecri-lms"))) >= 30
    assert count(Registration) >= 500 and count(Attempt) >= 750
    assert count(Respondent) >= 25 and count(Answer) >= 25 * 13
    over_capacity = db.session.scalar(
        select(func.count())
        .select_from(CourseRun)
        .where(
            CourseRun.capacity
            < (
                select(func.count())
                .where(Registration.run_id == CourseRun.id, Registration.status == "confirmed")
                .scalar_subquery()
            )
        )
    )
    assert over_capacity == 0
