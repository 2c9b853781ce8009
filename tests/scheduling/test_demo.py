"""`flask demo load` plans runs in every region when the catalogue has courses."""

import shutil
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from ecri_lms.infra.extensions import db
from ecri_lms.scheduling import queries
from ecri_lms.scheduling.models import CourseRun, TrainingSession


def test_demo_load_without_courses_warns_and_plans_nothing(app, runner, tmp_path, monkeypatch):
    (tmp_path / "courses").mkdir()
    shutil.copy(Path(app.config["CONTENT_DIR"]) / "topics.yaml", tmp_path / "topics.yaml")
    monkeypatch.setitem(app.config, "CONTENT_DIR", str(tmp_path))
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "no courses in the catalogue" in result.output
    assert db.session.scalar(select(CourseRun)) is None


def test_demo_load_plans_past_and_coming_runs_in_all_four_regions(demo_consortium):
    assert demo_consortium.exit_code == 0, demo_consortium.output
    runs = db.session.scalars(select(CourseRun)).all()
    assert {run.partner.code for run in runs} == {"BIOIBAL", "HBIO", "LSK", "BIOPMED"}
    assert {run.delivery_format for run in runs} == {"in_person", "online", "hybrid"}
    states = Counter(run.status for run in runs)
    assert states["completed"] == 4 and states["published"] >= 4 and states["cancelled"] == 1 and states["draft"] == 1
    seats = queries.seats_of(runs)
    full = [run for run in runs if run.status == "published" and seats[run.id].left == 0 and seats[run.id].waitlisted]
    assert {run.partner.code for run in full} == {"HBIO", "LSK"}
    assert all(len(queries.confirmed_registrations(run)) > 0 for run in runs if run.status == "completed")
    cancelled_sessions = db.session.scalars(
        select(TrainingSession)
        .join(TrainingSession.run)
        .where(TrainingSession.status == "cancelled", CourseRun.status == "published")
    ).all()
    assert len(cancelled_sessions) == 1
