"""`flask demo load` brings the curriculum from CONTENT_DIR and trainees part-way through it."""

from sqlalchemy import func, select

from ecri_lms.catalogue.models import Course, Enrolment, LessonProgress
from ecri_lms.infra.extensions import db
from tests.catalogue.util import edit


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_demo_loads_the_curriculum_and_some_progress(runner, use_content):
    result = runner.invoke(args=["demo", "load"])

    assert result.exit_code == 0, result.output
    assert sorted(db.session.scalars(select(Course.code))) == ["TA01", "TA02", "TB03"]
    assert _count(Enrolment) > 0 and _count(LessonProgress) > 0


def test_the_demo_stops_on_a_malformed_curriculum(runner, use_content):
    edit(use_content / "courses" / "TA01" / "index.md", "level: foundation", "level: beginner")

    result = runner.invoke(args=["demo", "load"])

    assert result.exit_code != 0
    assert "courses/TA01/index.md:5: unknown level 'beginner'" in result.output
