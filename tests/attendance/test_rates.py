"""Attendance rates: the default rule, each configuration, cancelled and future sessions, hours, SQL bounds."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.attendance.queries import (
    attendance_rate,
    attendance_rates_of,
    attended_hours,
    run_attendance_summary,
    runs_attendance,
)
from ecri_lms.attendance.rules import DEFAULT_RULE, rule_of, set_rule
from ecri_lms.attendance.services import mark_one
from ecri_lms.infra.errors import NotFound, PermissionDenied, ValidationError
from ecri_lms.infra.extensions import db
from ecri_lms.scheduling.services import cancel_session
from tests.dbutil import counted_statements


def marks(world, user, *statuses):
    for training_session, status in zip(world.past, statuses, strict=False):
        if status:
            mark_one(world.trainer, training_session, user.id, status)
    db.session.commit()


def test_nothing_counts_before_the_first_session(make):
    trainee = make.trainee()
    run = make.run(starts_in=timedelta(days=3), sessions=2)
    make.registration(run, trainee)
    assert attendance_rate(trainee.id, run) is None
    assert runs_attendance([run.id]) == {(run.id, trainee.id): None}


@pytest.mark.parametrize(
    "statuses, expected",
    [
        (("present", "present", "present"), 1.0),
        (("present", "late", "absent"), 2 / 3),
        (("present", None, None), 1 / 3),  # unmarked counts as absent
        (("present", "excused", "absent"), 1 / 2),  # excused leaves the denominator
        (("excused", "excused", "excused"), None),
    ],
)
def test_the_default_rule(world, statuses, expected):
    anna = world.trainees[0]
    marks(world, anna, *statuses)
    assert rule_of(world.run) == DEFAULT_RULE
    assert attendance_rate(anna.id, world.run) == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(
    "late_counts, excused, expected",
    [
        (False, "excluded", 1 / 3),  # present, late as absent, excused left out, absent
        (True, "absent", 2 / 4),
        (True, "attended", 3 / 4),
        (False, "attended", 2 / 4),
    ],
)
def test_each_configured_rule(world, make, late_counts, excused, expected):
    anna = world.trainees[0]
    extra = make.training_session(world.run, world.past[0].starts_at - timedelta(days=1))
    world.past.insert(0, extra)
    marks(world, anna, "present", "late", "excused", "absent")
    set_rule(world.trainer, world.run, late_counts, excused)
    db.session.commit()
    assert attendance_rate(anna.id, world.run) == pytest.approx(expected)
    assert runs_attendance([world.run.id])[(world.run.id, anna.id)] == pytest.approx(expected)


def test_cancelled_and_future_sessions_never_count(world):
    anna = world.trainees[0]
    marks(world, anna, "present", "present", "absent")
    mark_one(world.trainer, world.future, anna.id, "excused")  # an excuse given in advance
    cancel_session(SYSTEM, world.past[2], "Power cut")
    db.session.commit()
    assert attendance_rate(anna.id, world.run) == 1.0
    assert runs_attendance([world.run.id])[(world.run.id, anna.id)] == 1.0


def test_attended_hours_follow_the_late_rule(world):
    anna = world.trainees[0]
    marks(world, anna, "present", "late", "excused")
    assert attended_hours(anna.id, world.run) == 6.0
    set_rule(world.trainer, world.run, False, "excluded")
    assert attended_hours(anna.id, world.run) == 3.0


def test_runs_attendance_covers_many_runs_in_a_fixed_number_of_queries(world, make):
    marks(world, world.trainees[0], "present", "absent", "present")

    run_id, anna_id = world.run.id, world.trainees[0].id
    with counted_statements() as small:
        runs_attendance([run_id])
    other = make.run(starts_in=timedelta(days=-2), sessions=2)
    for _ in range(4):
        make.registration(other, make.trainee())
    other_id = other.id
    with counted_statements() as large:
        rates = runs_attendance([run_id, other_id])
    assert len(small) == len(large) == 4
    assert rates[(run_id, anna_id)] == pytest.approx(2 / 3)
    assert len([key for key in rates if key[0] == other_id]) == 4
    assert all(rates[key] == 0.0 for key in rates if key[0] == other_id)


def test_a_trainees_rates_over_many_runs_are_each_runs_rate_in_three_queries(world, make):
    anna = world.trainees[0]
    marks(world, anna, "present", "late", "excused")
    strict = make.run(starts_in=timedelta(days=-2), sessions=2)
    make.registration(strict, anna)
    make.mark(strict.sessions[0], anna, "late")
    set_rule(world.trainer, strict, False, "excluded")
    not_seated, not_started = make.run(starts_in=timedelta(days=-2)), make.run(starts_in=timedelta(days=2))
    db.session.commit()
    runs = [world.run, strict, not_seated, not_started]
    expected = {run.id: attendance_rate(anna.id, run) for run in runs}
    with counted_statements() as statements:
        rates = attendance_rates_of(anna.id, runs)
    assert len(statements) == 3 and rates == expected
    assert expected == {world.run.id: 1.0, strict.id: 0.0, not_seated.id: 0.0, not_started.id: None}


def test_the_run_summary_has_session_rates(world):
    anna, lukasz, chris = world.trainees
    marks(world, anna, "present", "late")
    marks(world, lukasz, "late", "excused")
    summary = run_attendance_summary(world.run)
    assert summary.session_rates[world.past[0].id] == pytest.approx(2 / 3)
    assert summary.session_rates[world.past[1].id] == pytest.approx(1 / 3)
    assert summary.session_rates[world.past[2].id] == 0
    assert world.future.id not in summary.counted_session_ids
    assert summary.trainee_rates[chris.id] == 0.0
    assert summary.statuses[(world.past[1].id, lukasz.id)] == "excused"


def test_changing_the_rule_is_audited_and_limited_to_managers(world, make):
    with pytest.raises(ValidationError):
        set_rule(world.trainer, world.run, True, "sometimes")
    with pytest.raises(PermissionDenied):
        set_rule(world.trainees[0], world.run, True, "absent")
    with pytest.raises(NotFound):
        set_rule(make.partner_coordinator("LSK"), world.run, True, "absent")
    set_rule(world.trainer, world.run, False, "attended")
    db.session.commit()
    assert world.run.settings["attendance"] == {
        "late_counts": False,
        "excused_counts_as": "attended",
        "only_after_confirmation": True,
    }
    event_ = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "attendance.rule"))
    assert event_.details["before"] == {
        "late_counts": True,
        "excused_counts_as": "excluded",
        "only_after_confirmation": True,
    }
