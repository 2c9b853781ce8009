"""Completion rules: lessons, attendance (with excused absences), quizzes (failed then passed), essays."""

from datetime import timedelta

import pytest

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.assessment.services import grade_essay, start_attempt, submit_attempt
from ecri_lms.certificates import evaluators
from ecri_lms.certificates.models import Certificate, Completion
from ecri_lms.certificates.rule_progress import progress_of, rules_of
from ecri_lms.certificates.services import (
    completion_of,
    current_certificate,
    evaluate,
    re_evaluate,
    revoke,
    set_run_rules,
)
from ecri_lms.infra.errors import ValidationError
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from tests.assessment import builders
from tests.certificates.conftest import view_all_lessons, view_all_lessons_unheard

FOUR = "::a::A?{T}\n\n::b::B?{T}\n\n::c::C?{T}\n\n::d::D?{T}"
ESSAY = "::reflection::Reflect on your field project.{}"


def met(user, run) -> dict[str, bool]:
    return {record.kind: record.met for record in progress_of(user, run)}


def sit(user, quiz, right: int, essay: str | None = None):
    now = utcnow() - timedelta(hours=1)
    attempt = start_attempt(user, quiz, now=now)
    answers = {question_id: ["true"] for question_id in sorted(attempt.question_ids)[:right]}
    if essay:
        answers = {question_id: [essay] for question_id in attempt.question_ids}
    submit_attempt(user, attempt, answers, now=now + timedelta(minutes=3))
    db.session.commit()
    return attempt


class FakeAttendance:
    """Marks per (user, run); excused absences are left out of the rate, as the attendance sheet counts them."""

    def __init__(self):
        self.marks: dict[tuple[int, int], list[str]] = {}

    def rates(self, user_id: int, runs) -> dict[int, float | None]:
        return {run.id: self._rate(self.marks.get((user_id, run.id), [])) for run in runs}

    @staticmethod
    def _rate(marks: list[str]) -> float | None:
        counted = [mark for mark in marks if mark != "excused"]
        return counted.count("present") / len(counted) if counted else None


@pytest.fixture
def attendance(monkeypatch):
    fake = FakeAttendance()
    monkeypatch.setattr(evaluators, "attendance_rates_of", fake.rates)
    return fake


def test_viewing_every_lesson_of_an_ended_run_completes_it_and_issues_the_certificate(held):
    records, issued = evaluate(held.trainee, held.run)
    assert [r.kind for r in records] == ["run_ended", "lessons"] and not issued
    assert records[1].text == "Lessons viewed: 0 of 2."
    view_all_lessons_unheard(held.trainee, held.course)
    records, issued = evaluate(held.trainee, held.run)
    db.session.commit()
    assert issued and all(r.met for r in records)
    certificate = current_certificate(held.trainee.id, held.run.id)
    assert certificate.trainee_name == "Łukasz Żółć" and certificate.hours == 6
    assert certificate.trainers == ["Νίκος Παπαδόπουλος"] and certificate.issue_reason == ""
    assert completion_of(held.trainee.id, held.run.id) is not None


def test_nothing_completes_before_the_run_has_ended(make):
    run = make.run(make.course(lessons=0), starts_in=timedelta(days=3))
    trainee = make.trainee()
    make.registration(run, trainee)
    records, issued = evaluate(trainee, run)
    assert not issued and met(trainee, run) == {"run_ended": False}


def test_a_number_of_lessons_can_be_enough(held):
    held.run.settings = {"completion": {"lessons": 1, "quizzes": [], "essays_graded": False}}
    held.make.progress(held.trainee, held.course.active_lessons[0], done=False)
    assert met(held.trainee, held.run)["lessons"]


def test_excused_absences_do_not_count_against_the_attendance_rate(held, attendance):
    held.course.completion_rules = {"lessons": 0, "attendance_rate": 75, "quizzes": [], "essays_graded": False}
    key = (held.trainee.id, held.run.id)
    assert met(held.trainee, held.run)["attendance_rate"] is False  # nothing recorded yet
    attendance.marks[key] = ["present", "present", "present", "absent"]
    assert met(held.trainee, held.run)["attendance_rate"] is True  # exactly 75 %
    attendance.marks[key] = ["present", "present", "absent", "absent"]
    assert met(held.trainee, held.run)["attendance_rate"] is False
    attendance.marks[key] = ["present", "present", "excused", "absent"]
    records = {r.kind: r for r in progress_of(held.trainee, held.run)}
    assert records["attendance_rate"].met is False and records["attendance_rate"].value == pytest.approx(66.7)
    attendance.marks[key] = ["present", "present", "present", "excused"]
    assert met(held.trainee, held.run)["attendance_rate"] is True


def test_a_failed_then_passed_quiz_completes_the_run_when_graded(held):
    quiz = builders.quiz(held.course, text=FOUR, pass_mark=75)
    held.course.completion_rules = {"lessons": 0, "quizzes": ["final"], "essays_graded": False}
    db.session.commit()
    sit(held.trainee, quiz, 1)
    assert completion_of(held.trainee.id, held.run.id) is None
    assert met(held.trainee, held.run)["quizzes"] is False
    sit(held.trainee, quiz, 4)  # the committed grade re-evaluates
    assert completion_of(held.trainee.id, held.run.id) is not None
    certificate = current_certificate(held.trainee.id, held.run.id)
    assert certificate is not None and certificate.final_score == 100


def test_essays_must_be_graded_when_the_rule_asks(held):
    quiz = builders.quiz(held.course, text=ESSAY, slug="reflection", pass_mark=0)
    held.course.completion_rules = {"lessons": 0, "quizzes": [], "essays_graded": True}
    db.session.commit()
    attempt = sit(held.trainee, quiz, 0, essay="We chose diagnostics because…")
    assert met(held.trainee, held.run)["essays_graded"] is False
    grade_essay(held.run.trainers[0], attempt.answers[0], 80)
    db.session.commit()
    assert met(held.trainee, held.run)["essays_graded"] is True
    assert completion_of(held.trainee.id, held.run.id) is not None


def test_a_coordinator_overrides_the_rules_of_one_run(held):
    held.course.completion_rules = {"lessons": "all", "attendance_rate": 80, "quizzes": [], "essays_graded": False}
    set_run_rules(
        held.coordinator,
        held.run,
        {"lessons": 1, "quizzes": [], "essays_graded": False},
        lesson_count=2,
        quiz_slugs=set(),
    )
    assert rules_of(held.run) == {"lessons": 1, "quizzes": [], "essays_graded": False}
    with pytest.raises(ValidationError, match="No such quiz"):
        set_run_rules(held.coordinator, held.run, {"quizzes": ["nope"]}, lesson_count=2, quiz_slugs=set())
    set_run_rules(held.coordinator, held.run, None, lesson_count=2, quiz_slugs=set())
    assert rules_of(held.run)["attendance_rate"] == 80


def test_a_completion_is_recorded_once_and_a_revoked_certificate_is_not_replaced_automatically(held):
    view_all_lessons(held.make, held.trainee, held.course)
    evaluate(held.trainee, held.run)
    revoke(SYSTEM, current_certificate(held.trainee.id, held.run.id), "Issued in error")
    db.session.commit()
    _, issued = evaluate(held.trainee, held.run)
    assert not issued
    assert db.session.query(Completion).count() == 1 and db.session.query(Certificate).count() == 1


def test_re_evaluating_commits_the_completion(held, attendance):
    held.course.completion_rules = {"lessons": 0, "attendance_rate": 50, "quizzes": [], "essays_graded": False}
    db.session.commit()
    attendance.marks[(held.trainee.id, held.run.id)] = ["present", "excused"]
    re_evaluate([(held.trainee.id, held.run.id)])
    db.session.rollback()
    assert completion_of(held.trainee.id, held.run.id) is not None
    assert current_certificate(held.trainee.id, held.run.id) is not None
