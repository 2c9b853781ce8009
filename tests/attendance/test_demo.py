"""`flask demo load` marks the registers of the demo runs' past sessions, believably."""

from collections import Counter

from sqlalchemy import select

from ecri_lms.attendance.models import AttendanceMark
from ecri_lms.attendance.queries import runs_attendance
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.scheduling.models import CourseRun, RunStatus, TrainingSession


def test_demo_load_marks_past_sessions_mostly_present(demo_consortium):
    assert demo_consortium.exit_code == 0, demo_consortium.output
    marks = db.session.scalars(select(AttendanceMark)).all()
    statuses = Counter(mark.status for mark in marks)
    assert statuses["present"] > len(marks) / 2 and statuses["late"] + statuses["excused"] + statuses["absent"] > 0
    marked_sessions = db.session.scalars(
        select(TrainingSession).where(TrainingSession.id.in_({mark.training_session_id for mark in marks}))
    ).all()
    # The runs closed long ago, and the one that ended recently and is not closed yet.
    assert {s.run.status for s in marked_sessions} == {RunStatus.COMPLETED, RunStatus.PUBLISHED}
    assert all(s.starts_at <= utcnow() for s in marked_sessions)
    completed = db.session.scalars(select(CourseRun.id).where(CourseRun.status == "completed")).all()
    rates = runs_attendance(completed)
    assert rates and all(rate is not None for rate in rates.values())
