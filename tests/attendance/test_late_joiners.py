"""Attendance fair to late joiners: a session held before a trainee's seat was confirmed is "not expected" of
them (by default): it counts only if they attended, in every figure, and the sheet shows it so."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ecri_lms.attendance.models import AttendanceMark
from ecri_lms.attendance.queries import (
    attendance_rate,
    attendance_rates_of,
    my_attendance,
    run_attendance_summary,
    runs_attendance,
)
from ecri_lms.attendance.rules import rule_of, set_rule
from ecri_lms.attendance.services import mark_all_present, mark_one
from ecri_lms.certificates.gradebook.services import gradebook
from ecri_lms.certificates.rule_progress import progress_of
from ecri_lms.infra.extensions import db
from ecri_lms.scheduling.models import Registration
from ecri_lms.scheduling.services import remove_registration

ATTENDANCE_ONLY = {"lessons": 0, "attendance_rate": 100, "quizzes": [], "essays_graded": False}


@pytest.fixture
def dora(world, make):
    """A trainee confirmed half an hour into the run's first session."""
    trainee = make.trainee(partner="HBIO", name="Dora Late")
    make.registration(world.run, trainee, confirmed_at=world.past[0].starts_at + timedelta(minutes=30))
    return trainee


def give(world, user, *statuses) -> None:
    for training_session, status in zip(world.past, statuses, strict=True):
        if status:
            mark_one(world.trainer, training_session, user.id, status)
    db.session.commit()


def test_a_session_before_the_trainees_confirmation_is_not_counted_against_them(world, dora):
    give(world, dora, None, "present", "present")
    assert rule_of(world.run).only_after_confirmation
    assert attendance_rate(dora.id, world.run) == 1.0  # was 2/3: the first session counted as absent


def test_every_figure_reads_the_same_rate(world, dora):
    world.run.course.completion_rules = ATTENDANCE_ONLY
    give(world, dora, None, "present", "present")
    assert runs_attendance([world.run.id])[(world.run.id, dora.id)] == 1.0
    assert attendance_rates_of(dora.id, [world.run]) == {world.run.id: 1.0}
    assert run_attendance_summary(world.run).trainee_rates[dora.id] == 1.0
    assert [rate for run, rate, _ in my_attendance(dora) if run.id == world.run.id] == [1.0]
    (row,) = [row for row in gradebook(world.trainer, world.run).rows if row.user.id == dora.id]
    assert row.attendance == 1.0
    (attendance,) = [record for record in progress_of(dora, world.run) if record.kind == "attendance_rate"]
    assert attendance.met and attendance.value == 100.0


@pytest.mark.parametrize(
    "first, expected",
    [
        (None, 1 / 2),
        ("absent", 1 / 2),  # a mark where nothing was expected does not count against them
        ("excused", 1 / 2),
        ("present", 2 / 3),  # but attending counts
        ("late", 2 / 3),
    ],
)
def test_a_session_not_expected_counts_only_when_attended(world, dora, first, expected):
    give(world, dora, first, "present", "absent")
    assert attendance_rate(dora.id, world.run) == pytest.approx(expected)


def test_a_run_may_count_every_session(world, dora):
    give(world, dora, None, "present", "present")
    set_rule(world.trainer, world.run, True, "excluded", only_after_confirmation=False)
    db.session.commit()
    assert attendance_rate(dora.id, world.run) == pytest.approx(2 / 3)
    assert run_attendance_summary(world.run).not_expected == frozenset()


def test_a_trainee_promoted_after_the_first_session_starts_with_no_absence(make):
    coordinator = make.partner_coordinator("HBIO")
    run = make.run(partner="HBIO", capacity=1, starts_in=timedelta(days=-2), sessions=4)  # 2 held, 2 to come
    seated, waiting = make.trainee("HBIO"), make.trainee("HBIO")
    make.registration(run, seated)
    make.registration(run, waiting, status="waitlisted")
    remove_registration(coordinator, db.session.scalar(select(Registration).filter_by(user_id=seated.id)))
    db.session.commit()
    promoted = db.session.scalar(select(Registration).filter_by(user_id=waiting.id))
    assert promoted.is_confirmed and promoted.confirmed_at == promoted.promoted_at
    assert attendance_rate(waiting.id, run) is None  # was 0 %: two sessions held before the promotion
    third = run.sessions[2]
    mark_one(coordinator, third, waiting.id, "present")
    db.session.commit()
    assert attendance_rate(waiting.id, run, now=third.ends_at) == 1.0


def test_everyone_unmarked_present_leaves_a_trainee_not_expected_unmarked(world, dora):
    marked = mark_all_present(world.trainer, world.past[0])
    db.session.commit()
    assert marked == len(world.trainees)
    at_first = {
        mark.user_id
        for mark in db.session.scalars(select(AttendanceMark).filter_by(training_session_id=world.past[0].id))
    }
    assert dora.id not in at_first
    assert mark_all_present(world.trainer, world.past[1]) == len(world.trainees) + 1  # expected at the second
    mark_one(world.trainer, world.past[0], dora.id, "present")  # a mark of their own is still possible
    db.session.commit()
    assert attendance_rate(dora.id, world.run) == pytest.approx(2 / 3)  # present twice, the third unmarked


def _row(page: str, name: str) -> str:
    return page.split(name, 1)[1].split("</tr>", 1)[0]


def test_the_sheet_shows_the_session_not_expected_of_the_late_joiner(world, dora, client, login_as):
    login_as(world.trainer)
    first = client.get(f"/sessions/{world.past[0].id}/sheet").text
    assert "Not expected" in _row(first, "Dora Late") and "Not expected" not in _row(first, "Anna Alpha")
    assert "Not expected" not in client.get(f"/sessions/{world.past[1].id}/sheet").text
    overview = client.get(f"/runs/{world.run.id}/attendance").text
    assert "Not expected" in _row(overview, "Dora Late") and "Not expected" not in _row(overview, "Anna Alpha")


def test_the_late_joiner_sees_the_session_not_expected_on_their_own_page(world, dora, client, login_as):
    give(world, dora, None, "present", "present")
    login_as(dora)
    page = client.get("/my/attendance").text
    assert "Not expected" in page and "100%" in page


def test_the_option_is_a_checkbox_of_the_attendance_rule(world, dora, client, login_as):
    login_as(world.trainer)
    assert "Only sessions after the trainee" in client.get(f"/runs/{world.run.id}/attendance").text
    client.post(f"/runs/{world.run.id}/attendance/rule", data={"late_counts": "y", "excused_counts_as": "excluded"})
    db.session.refresh(world.run)
    assert not rule_of(world.run).only_after_confirmation
    data = {"late_counts": "y", "excused_counts_as": "excluded", "only_after_confirmation": "y"}
    client.post(f"/runs/{world.run.id}/attendance/rule", data=data)
    db.session.refresh(world.run)
    assert rule_of(world.run).only_after_confirmation
