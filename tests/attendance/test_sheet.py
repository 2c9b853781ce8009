"""Marking an attendance sheet: one by one or all at once, with a history of every change and audit events."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.attendance import services
from ecri_lms.attendance.models import AttendanceChange, AttendanceMark
from ecri_lms.attendance.services import Entry, mark_all_present, mark_one, save_sheet
from ecri_lms.infra.errors import NotFound, PermissionDenied, ValidationError
from ecri_lms.infra.events import Kind, committed
from ecri_lms.infra.extensions import db
from ecri_lms.scheduling.services import cancel_session


def statuses(training_session):
    return {
        mark.user_id: mark.status
        for mark in db.session.scalars(
            select(AttendanceMark).where(AttendanceMark.training_session_id == training_session.id)
        )
    }


def test_a_trainer_marks_trainees_and_every_change_is_kept_in_the_history(world):
    training_session, (anna, lukasz, _chris) = world.past[0], world.trainees
    mark_one(world.trainer, training_session, anna.id, "absent")
    db.session.commit()
    mark_one(world.trainer, training_session, anna.id, "late", "Train delayed")
    mark_one(world.trainer, training_session, lukasz.id, "excused")
    db.session.commit()
    assert statuses(training_session) == {anna.id: "late", lukasz.id: "excused"}
    history = services.history_of(training_session.id)
    assert [(c.user_id, c.from_status, c.to_status) for c in reversed(history)] == [
        (anna.id, None, "absent"),
        (anna.id, "absent", "late"),
        (lukasz.id, None, "excused"),
    ]
    change = next(c for c in history if c.to_status == "late")
    assert change.changed_by_id == world.trainer.id and change.to_remark == "Train delayed"
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "attendance.mark")).all()
    assert len(events) == 3 and all(e.partner_id == world.run.partner_id for e in events)
    assert any(e.details["before"] == {"status": "absent", "remark": ""} for e in events)


def test_saving_the_same_mark_again_adds_no_history(world):
    training_session, anna = world.past[0], world.trainees[0]
    assert mark_one(world.trainer, training_session, anna.id, "present") == 1
    assert mark_one(world.trainer, training_session, anna.id, "present") == 0
    assert len(services.history_of(training_session.id)) == 1


def test_mark_all_present_marks_only_the_unmarked(world):
    training_session, (anna, lukasz, chris) = world.past[0], world.trainees
    mark_one(world.trainer, training_session, lukasz.id, "excused", "Doctor's appointment")
    assert mark_all_present(world.trainer, training_session) == 2
    assert statuses(training_session) == {anna.id: "present", lukasz.id: "excused", chris.id: "present"}


def test_the_register_form_leaves_blank_rows_alone_and_refuses_unknown_statuses(world):
    training_session, (anna, lukasz, chris) = world.past[1], world.trainees
    assert (
        save_sheet(
            world.trainer,
            training_session,
            [Entry(anna.id, "present"), Entry(lukasz.id, None), Entry(chris.id, "absent", "  no show  ")],
        )
        == 2
    )
    assert db.session.scalar(select(AttendanceMark.remark).where(AttendanceMark.user_id == chris.id)) == "no show"
    with pytest.raises(ValidationError, match="present, late, excused or absent"):
        save_sheet(world.trainer, training_session, [Entry(anna.id, "asleep")])
    with pytest.raises(ValidationError, match="at most 500"):
        save_sheet(world.trainer, training_session, [Entry(anna.id, "late", "x" * 501)])


def test_only_confirmed_trainees_are_on_the_attendance_sheet(world, make):
    outsider = make.trainee()
    waiting = make.trainee()
    make.registration(world.run, waiting, status="waitlisted")
    for user in (outsider, waiting):
        with pytest.raises(ValidationError, match="confirmed trainees"):
            mark_one(world.trainer, world.past[0], user.id, "present")
    assert [line.user.name for line in services.sheet_of(world.past[0])] == [
        "Anna Alpha",
        "Chris Gamma",
        "Łukasz Żółć",
    ]


def test_a_cancelled_session_has_no_attendance_sheet(world):
    from ecri_lms.accounts.permissions import SYSTEM

    cancel_session(SYSTEM, world.future, "Trainer ill")
    with pytest.raises(ValidationError, match="cancelled"):
        mark_one(world.trainer, world.future, world.trainees[0].id, "excused")


def test_people_who_do_not_manage_the_run_cannot_mark(world, make):
    training_session = world.past[0]
    with pytest.raises(PermissionDenied):
        mark_one(world.trainees[0], training_session, world.trainees[0].id, "present")
    for outsider in (make.partner_coordinator("LSK"), make.trainer("LSK")):
        with pytest.raises(NotFound):
            mark_one(outsider, training_session, world.trainees[0].id, "present")
    assert mark_one(make.partner_coordinator("HBIO"), training_session, world.trainees[0].id, "present") == 1


def test_a_mark_is_heard_only_once_it_is_committed(world):
    heard = []

    def hear(_model, changes):
        heard.extend(
            (change.kind, change.values["user_id"], change.values["training_session_id"]) for change in changes
        )

    anna = world.trainees[0]
    with committed.connected_to(hear, sender=AttendanceMark):
        mark_one(world.trainer, world.past[0], anna.id, "present")
        mark_one(world.trainer, world.past[1], anna.id, "late")
        assert heard == []
        db.session.commit()
        assert sorted(heard) == [(Kind.CREATED, anna.id, world.past[0].id), (Kind.CREATED, anna.id, world.past[1].id)]
        mark_one(world.trainer, world.past[2], anna.id, "absent")
        db.session.rollback()
        db.session.commit()
        assert len(heard) == 2


def test_a_change_made_later_records_its_own_time(world):
    training_session, anna = world.past[0], world.trainees[0]
    later = training_session.ends_at + timedelta(days=2)
    mark_one(world.trainer, training_session, anna.id, "absent", now=training_session.ends_at)
    mark_one(world.trainer, training_session, anna.id, "excused", "Sent a note", now=later)
    latest = db.session.scalars(select(AttendanceChange).order_by(AttendanceChange.id.desc())).first()
    assert latest.changed_at == later and latest.from_status == "absent"
