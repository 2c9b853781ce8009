"""The database itself refuses impossible states that the services already refuse."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from ecri_lms.infra.extensions import db


def _refused(statement: str, **params) -> None:
    with pytest.raises(IntegrityError):
        db.session.execute(text(statement), params)
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize(
    "assignment",
    [
        "cancellation_cutoff_hours = -1",
        "cancellation_cutoff_hours = 24, cancellation_deadline = starts_at",
        "registration_opens_at = starts_at, registration_closes_at = starts_at",
        "ends_at = '2000-01-01 00:00:00'",
        "capacity = 0",
        "status = 'maybe'",
    ],
)
def test_a_run_cannot_hold_an_impossible_state(make, assignment):
    run = make.run()
    _refused(f"UPDATE course_run SET {assignment} WHERE id = :id", id=run.id)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE course SET duration_hours = -1 WHERE id = :id",
        "UPDATE lesson SET minutes = -5 WHERE course_id = :id",
        "UPDATE course SET level = 'wizard' WHERE id = :id",
    ],
)
def test_a_course_cannot_hold_an_impossible_state(make, statement):
    _refused(statement, id=make.course().id)


@pytest.mark.parametrize("assignment", ["number = 0", "size_bytes = -1"])
def test_a_material_version_cannot_hold_an_impossible_state(make, assignment):
    material = make.material(make.course())
    _refused(f"UPDATE material_version SET {assignment} WHERE material_id = :id", id=material.id)


@pytest.mark.parametrize("assignment", ["importance = 6", "competence = 0"])
def test_needs_ratings_stay_on_the_five_point_scale(make, assignment):
    survey = make.survey(topics=("ECON",))
    respondent = make.respondent(survey, ratings={"ECON": (3, 3)})
    _refused(f"UPDATE needs_answer SET {assignment} WHERE respondent_id = :id", id=respondent.id)


def test_two_accounts_cannot_share_an_address(make):
    make.trainee(email="same@example.org")
    other = make.trainee()
    _refused("UPDATE user_account SET email = 'same@example.org' WHERE id = :id", id=other.id)
