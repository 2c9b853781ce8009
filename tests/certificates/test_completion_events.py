"""Completion follows committed changes, whoever writes them: an entry point announces nothing and wires nothing."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from ecri_lms.assessment.services import start_attempt, submit_attempt
from ecri_lms.attendance.models import AttendanceMark
from ecri_lms.attendance.services import mark_all_present
from ecri_lms.certificates.models import Certificate
from ecri_lms.certificates.services import completion_of, current_certificate
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from tests.assessment import builders

ATTENDANCE_ONLY = {"lessons": 0, "attendance_rate": 100, "quizzes": [], "essays_graded": False}
QUIZ_ONLY = {"lessons": 0, "quizzes": ["final"], "essays_graded": False}
FOUR = "::a::A?{T}\n\n::b::B?{T}\n\n::c::C?{T}\n\n::d::D?{T}"


def mark_everyone_present(actor, run) -> None:
    """A new entry point (an import, an API call…): marks through the attendance service, then commits."""
    for training_session in run.sessions:
        mark_all_present(actor, training_session)
    db.session.commit()


def hand_in_right_answers(user, quiz) -> None:
    """Another new entry point: a quiz answered through the assessment service, then committed."""
    now = utcnow() - timedelta(hours=1)
    attempt = start_attempt(user, quiz, now=now)
    submit_attempt(user, attempt, {question_id: ["true"] for question_id in attempt.question_ids}, now=now)
    db.session.commit()


def certificates_of(held) -> int:
    return db.session.scalar(
        select(func.count(Certificate.id)).where(
            Certificate.user_id == held.trainee.id, Certificate.run_id == held.run.id
        )
    )


def with_rules(held, rules: dict) -> None:
    held.course.completion_rules = rules
    db.session.commit()


def test_an_entry_point_that_marks_attendance_gets_the_certificate_issued(held):
    with_rules(held, ATTENDANCE_ONLY)
    mark_everyone_present(held.coordinator, held.run)
    assert current_certificate(held.trainee.id, held.run.id) is not None
    mark_everyone_present(held.coordinator, held.run)  # nothing new: still one certificate
    assert certificates_of(held) == 1


def test_an_entry_point_that_grades_an_attempt_gets_the_certificate_issued(held):
    quiz = builders.quiz(held.course, text=FOUR, pass_mark=75)
    with_rules(held, QUIZ_ONLY)
    hand_in_right_answers(held.trainee, quiz)
    certificate = current_certificate(held.trainee.id, held.run.id)
    assert certificate is not None and certificate.final_score == 100


def test_marks_rolled_back_issue_nothing(held):
    with_rules(held, ATTENDANCE_ONLY)
    for training_session in held.run.sessions:
        mark_all_present(held.coordinator, training_session)
    db.session.flush()
    assert completion_of(held.trainee.id, held.run.id) is None  # written, not committed: nothing heard yet
    db.session.rollback()
    db.session.commit()  # a later commit does not send what was rolled back
    assert completion_of(held.trainee.id, held.run.id) is None and certificates_of(held) == 0


def test_a_mark_written_outside_any_service_is_heard(held):
    with_rules(held, ATTENDANCE_ONLY)
    for training_session in held.run.sessions:
        db.session.add(
            AttendanceMark(training_session_id=training_session.id, user_id=held.trainee.id, status="present")
        )
    db.session.commit()
    assert current_certificate(held.trainee.id, held.run.id) is not None


def test_only_the_marks_of_a_savepoint_released_are_heard(held):
    with_rules(held, ATTENDANCE_ONLY)
    first, second = held.run.sessions
    with db.session.begin_nested():
        db.session.add(AttendanceMark(training_session_id=first.id, user_id=held.trainee.id, status="present"))
    dropped = db.session.begin_nested()
    db.session.add(AttendanceMark(training_session_id=second.id, user_id=held.trainee.id, status="present"))
    dropped.rollback()
    assert completion_of(held.trainee.id, held.run.id) is None  # released, not committed
    db.session.commit()
    assert completion_of(held.trainee.id, held.run.id) is None  # one session of two attended
    db.session.add(AttendanceMark(training_session_id=second.id, user_id=held.trainee.id, status="present"))
    db.session.commit()
    assert completion_of(held.trainee.id, held.run.id) is not None


@pytest.mark.committing
def test_a_real_commit_outside_the_tests_savepoint_issues_the_certificate_too(held):
    with_rules(held, ATTENDANCE_ONLY)
    mark_everyone_present(held.coordinator, held.run)
    assert current_certificate(held.trainee.id, held.run.id) is not None
