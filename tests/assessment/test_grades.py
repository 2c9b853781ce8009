"""Quiz grades by grading method, pass/fail, final scores, essay grading and the graded hook."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ecri_lms.accounts.audit.models import AuditEvent
from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.assessment.models import Attempt
from ecri_lms.assessment.services import (
    create_quiz,
    essay_answer,
    essays_graded,
    final_score,
    grade_essay,
    grades_for,
    passed,
    quiz_grade,
    quizzes_by_slugs,
    start_attempt,
    submit_attempt,
    ungraded_essays,
    ungraded_essays_by_course,
    user_grades,
    waiting_essay_count,
    waiting_essays_query,
)
from ecri_lms.infra.errors import NotFound, PermissionDenied, ValidationError
from ecri_lms.infra.events import committed
from ecri_lms.infra.extensions import db
from ecri_lms.notifications.models import Notification
from tests.assessment import builders
from tests.dbutil import counted_statements

FOUR = "::a::A?{T}\n\n::b::B?{T}\n\n::c::C?{T}\n\n::d::D?{T}"
ESSAY = "::reflection::Reflect on your field project.{}"


def sit(user, quiz, right: int, now):
    """An attempt with the first `right` of four true/false questions answered right."""
    attempt = start_attempt(user, quiz, now=now)
    answers = {question_id: ["true"] for question_id in sorted(attempt.question_ids)[:right]}
    assert submit_attempt(user, attempt, answers, now=now + timedelta(minutes=3)).submitted
    db.session.commit()
    return attempt


@pytest.mark.parametrize("method, expected", [("highest", 0.75), ("last", 0.25), ("average", 0.5)])
def test_the_grading_method_combines_the_attempts(make, learners, t0, method, expected):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(text=FOUR, grading_method=method, pass_mark=50)
    for hour, right in enumerate((2, 3, 1)):
        sit(trainee, quiz, right, t0 + timedelta(hours=hour))
    grade = quiz_grade(trainee, quiz)
    assert grade.score == pytest.approx(expected) and grade.attempts == 3
    assert grade.passed is (expected >= 0.5)


def test_a_failed_then_passed_quiz_counts_as_passed(make, learners, t0):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(text=FOUR, pass_mark=70)
    sit(trainee, quiz, 2, t0)
    assert not passed(trainee, quiz)
    sit(trainee, quiz, 3, t0 + timedelta(hours=1))
    assert passed(trainee, quiz) and quiz_grade(trainee, quiz).percent == 75.0


def test_no_attempt_means_no_grade_and_not_passed(make, learners):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(text=FOUR, pass_mark=0)
    grade = quiz_grade(trainee, quiz)
    assert grade.score is None and not grade.passed and grade.attempts == 0


def test_grades_for_many_trainees_come_in_one_call(make, learners, t0):
    first, second, absent = (learners.add(make.trainee()) for _ in range(3))
    quiz = builders.quiz(text=FOUR)
    sit(first, quiz, 4, t0)
    sit(second, quiz, 1, t0)
    grades = grades_for(quiz, [first.id, second.id, absent.id])
    assert [grades[u.id].score for u in (first, second, absent)] == [1.0, 0.25, None]


def test_the_final_score_is_the_mean_of_the_counted_quizzes_once_each_is_graded(make, learners, t0):
    trainee = learners.add(make.trainee())
    course = builders.course()
    course.completion_rules = {"quizzes": ["final", "mid"]}
    final = builders.quiz(course, FOUR, slug="final")
    mid = create_quiz(SYSTEM, course, slug="mid", title="Mid-term")
    from ecri_lms.assessment.services import add_fixed_slot

    for question in final.slots:
        add_fixed_slot(SYSTEM, mid, question.question)
    db.session.commit()
    sit(trainee, final, 4, t0)
    assert final_score(trainee, course) is None  # "mid" has no grade yet
    sit(trainee, mid, 2, t0)
    assert final_score(trainee, course) == 75.0
    assert final_score(trainee, course, quiz_slugs=["mid"]) == 50.0
    assert final_score(trainee, course, quiz_slugs=["missing"]) is None


# Essays ------------------------------------------------------------------------------------------


def essay_attempt(make, learners, t0, **quiz_settings):
    trainee = learners.add(make.trainee(partner="LSK"))
    quiz = builders.quiz(text=FOUR + "\n\n" + ESSAY, pass_mark=60, **quiz_settings)
    attempt = start_attempt(trainee, quiz, now=t0)
    by_name = {answer.question.name: answer for answer in attempt.answers}
    values = {by_name[name].question_id: ["true"] for name in "abcd"}
    values[by_name["reflection"].question_id] = ["We chose diagnostics because…"]
    submit_attempt(trainee, attempt, values, now=t0 + timedelta(minutes=5))
    db.session.commit()
    return trainee, quiz, attempt, by_name["reflection"]


def test_an_essay_waits_in_the_trainers_queue_until_graded(make, learners, t0):
    trainee, quiz, attempt, essay = essay_attempt(make, learners, t0)
    trainer = make.trainer()
    assert attempt.state == "needs_grading"
    assert quiz_grade(trainee, quiz).pending and not passed(trainee, quiz)
    assert ungraded_essays(trainee, quiz.course) == 1 and not essays_graded(trainee, quiz.course)
    assert [a.id for a in db.session.scalars(waiting_essays_query(trainer))] == [essay.id]
    assert waiting_essay_count(trainer) == 1

    grade_essay(trainer, essay, 40, "Clear priorities; evidence is thin.", now=t0 + timedelta(days=1))
    db.session.commit()
    assert attempt.state == "graded" and attempt.score == pytest.approx(4.4 / 5)
    assert essay.grader_id == trainer.id and essay.grader_comment.startswith("Clear")
    assert passed(trainee, quiz) and essays_graded(trainee, quiz.course)
    assert waiting_essay_count(trainer) == 0
    assert db.session.scalar(select(Notification).where(Notification.user_id == trainee.id)).subject.startswith(
        "Your quiz is graded"
    )


def test_every_essay_grade_and_regrade_is_audited_with_before_and_after(make, learners, t0):
    trainee, quiz, attempt, essay = essay_attempt(make, learners, t0)
    trainer = make.trainer()
    grade_essay(trainer, essay, 40, "First reading.")
    grade_essay(trainer, essay, 65.5, "After the resubmitted annex.")
    db.session.commit()
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "grade.change").order_by(AuditEvent.id)
    ).all()
    assert [(e.details["before"], e.details["after"]) for e in events] == [
        ({"score": None, "comment": ""}, {"score": 40.0, "comment": "First reading."}),
        ({"score": 40.0, "comment": "First reading."}, {"score": 65.5, "comment": "After the resubmitted annex."}),
    ]
    assert events[0].actor_id == trainer.id and events[0].target_id == essay.id
    assert events[0].partner_id == trainee.partner_id
    assert attempt.score == pytest.approx(4.655 / 5)


def test_automatic_and_manual_grades_are_heard_once_committed(make, learners, t0):
    heard = []

    def hear(_model, changes):
        heard.extend((change.id[0], change.values["state"], change.values["score"]) for change in changes)

    with committed.connected_to(hear, sender=Attempt):
        trainee = learners.add(make.trainee())
        auto = sit(trainee, builders.quiz(text=FOUR), 4, t0)
        assert heard[-1] == (auto.id, "graded", 1.0)
        _, _, attempt, essay = essay_attempt(make, learners, t0)
        assert heard[-1] == (attempt.id, "needs_grading", None)  # waiting for a grader is not graded
        grade_essay(make.trainer(), essay, 100)
        assert heard[-1] == (attempt.id, "needs_grading", None)
        db.session.commit()
        assert heard[-1] == (attempt.id, "graded", 1.0)


@pytest.mark.parametrize("percent", [-1, 100.5, "80", True])
def test_an_essay_score_must_be_a_percentage(make, learners, t0, percent):
    _, _, _, essay = essay_attempt(make, learners, t0)
    with pytest.raises(ValidationError, match="percentage"):
        grade_essay(make.trainer(), essay, percent)


def test_only_trainers_grade_and_only_essays_of_finished_attempts(make, learners, t0):
    trainee, quiz, attempt, essay = essay_attempt(make, learners, t0)
    with pytest.raises(PermissionDenied):
        grade_essay(trainee, essay, 50)
    with pytest.raises(PermissionDenied):
        waiting_essay_count(make.admin())
    trainer = make.trainer()
    choice_answer = next(a for a in attempt.answers if a.question.name == "a")
    with pytest.raises(NotFound):
        grade_essay(trainer, choice_answer, 50)
    in_progress = start_attempt(learners.add(make.trainee()), quiz, now=t0)
    open_essay = next(a for a in in_progress.answers if a.question.name == "reflection")
    db.session.flush()
    with pytest.raises(NotFound):
        essay_answer(trainer, open_essay.id)


def grade_fields(grade) -> tuple:
    return grade.quiz.id, grade.score, grade.attempts, grade.pending, grade.in_progress


def test_a_trainees_quizzes_grades_and_waiting_essays_over_many_courses_take_a_query_each(make):
    trainee = make.trainee()
    first, second = make.course(), make.course()
    highest, last = make.report_quiz(first), make.report_quiz(second, grading_method="last")
    for quiz, scores in ((highest, (0.9, 0.3)), (last, (0.9, 0.3))):
        for score in scores:
            make.finished_attempt(quiz, trainee, score)
    make.finished_attempt(last, make.trainee(), 1.0)
    make.finished_attempt(highest, trainee, None, essay_waiting=True)
    wanted = [(first.id, highest.slug), (second.id, last.slug), (second.id, highest.slug), (first.id, "gone")]
    expected_grades = {quiz.id: grade_fields(quiz_grade(trainee, quiz)) for quiz in (highest, last)}
    db.session.refresh(trainee)
    with counted_statements() as statements:
        quizzes = quizzes_by_slugs(wanted)
        grades = user_grades(trainee, quizzes.values())
        waiting = ungraded_essays_by_course(trainee, [first.id, second.id])
    assert len(statements) == 3
    assert {key: quiz.id for key, quiz in quizzes.items()} == {wanted[0]: highest.id, wanted[1]: last.id}
    assert {quiz_id: grade_fields(grade) for quiz_id, grade in grades.items()} == expected_grades
    assert [grades[highest.id].passed, grades[last.id].passed] == [True, False]
    assert waiting == {first.id: 1, second.id: 0}
