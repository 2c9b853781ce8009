"""Taking a quiz through the services: scoring of every type, and the rules the server enforces."""

import random
from datetime import timedelta

import pytest

from ecri_lms.assessment.models import Attempt, AttemptState
from ecri_lms.assessment.services import (
    attempt_questions,
    attempts_of,
    own_attempt,
    quiz_grade,
    save_answer,
    save_answers,
    start_attempt,
    submit_attempt,
)
from ecri_lms.infra.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ecri_lms.infra.extensions import db
from tests.assessment import builders
from tests.assessment.builders import right_values, wrong_values


def questions_by_name(attempt):
    return {view.question.name: view.question for view in attempt_questions(attempt)}


def take(user, quiz, answers: dict, now, submit=True):
    """Start an attempt, answer by question name, and submit."""
    attempt = start_attempt(user, quiz, now=now)
    by_name = questions_by_name(attempt)
    values = {by_name[name].id: value(by_name[name]) if callable(value) else value for name, value in answers.items()}
    if submit:
        outcome = submit_attempt(user, attempt, values, now=now + timedelta(minutes=5))
        assert outcome.errors == {} and outcome.submitted
    else:
        save_answers(user, attempt, values, now=now + timedelta(minutes=1))
    db.session.commit()
    return attempt


def scores(attempt):
    names = {answer.question_id: answer.question.name for answer in attempt.answers}
    return {names[answer.question_id]: answer.score for answer in attempt.answers}


ids = builders.choice_id


SCORING = {
    "single": [
        ([ids("Strategy")], 1.0),
        ([ids("Services")], 0.5),
        ([ids("Logo colour")], 0.0),
    ],  # a negative weight never scores below zero
    "multi": [
        ([ids("Financing"), ids("Services")], 1.0),
        ([ids("Financing")], 0.5),
        ([ids("Financing"), ids("Services"), ids("Weather")], 0.0),
        ([ids("Financing"), ids("Weather")], 0.0),
    ],
    "truefalse": [(["false"], 1.0), (["true"], 0.0)],
    "short": [(["  Entrepreneurial   DISCOVERY "], 1.0), (["discovery"], 0.5), (["innovation"], 0.0)],
    "numeric": [(["2.44"], 1.0), (["2,4"], 1.0), (["2.5"], 0.0)],
    "matching": [
        (right_values, 1.0),
        (lambda q: dict(list(right_values(q).items())[:2]), pytest.approx(2 / 3)),
        (wrong_values, 0.0),
    ],
}


@pytest.mark.parametrize("name", SCORING)
def test_each_question_type_is_scored_through_the_attempt(make, learners, t0, name):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz()
    for hour, (values, expected) in enumerate(SCORING[name]):
        attempt = take(trainee, quiz, {name: values}, t0 + timedelta(hours=hour))
        assert scores(attempt)[name] == expected, (values, expected)


def test_unanswered_questions_score_zero_and_a_blank_essay_needs_no_grader(make, learners, t0):
    trainee = learners.add(make.trainee())
    attempt = take(trainee, builders.quiz(), {}, t0)
    assert attempt.state == "graded" and attempt.score == 0.0
    assert set(scores(attempt).values()) == {0.0}


def test_an_answered_essay_waits_for_a_grader_and_the_rest_is_scored(make, learners, t0):
    trainee = learners.add(make.trainee())
    attempt = take(trainee, builders.quiz(), {"essay": ["Our strategy is…"], "single": right_values}, t0)
    assert attempt.state == "needs_grading" and attempt.score is None
    assert scores(attempt)["single"] == 1.0 and scores(attempt)["essay"] is None


def test_the_attempt_score_weighs_each_question_by_its_mark(make, learners, t0):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(text="::a::A?{T}\n\n::b::B?{T}\n\n::c::C?{T}\n\n::d::D?{T}")
    quiz.slots[0].max_mark = 2.0
    db.session.commit()
    attempt = take(trainee, quiz, {"a": ["true"], "b": ["true"]}, t0)
    assert attempt.score == pytest.approx(3 / 5)


def test_every_answer_is_saved_on_its_own_as_the_trainee_goes(make, learners, t0):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz()
    attempt = start_attempt(trainee, quiz, now=t0)
    questions = questions_by_name(attempt)
    save_answer(trainee, attempt, questions["single"].id, [ids("Strategy")], now=t0 + timedelta(minutes=1))
    db.session.commit()
    db.session.expire_all()
    reloaded = own_attempt(trainee, attempt.id, now=t0 + timedelta(minutes=2))
    saved = {a.question_id: a for a in reloaded.answers}[questions["single"].id]
    assert saved.response == ids("Strategy") and saved.saved_at == t0 + timedelta(minutes=1)
    assert reloaded.state == "in_progress"


def test_a_malformed_answer_is_refused_and_the_others_are_saved(make, learners, t0):
    trainee = learners.add(make.trainee())
    attempt = start_attempt(trainee, builders.quiz(), now=t0)
    questions = questions_by_name(attempt)
    outcome = save_answers(
        trainee, attempt, {questions["numeric"].id: ["44,800"], questions["truefalse"].id: ["false"]}, now=t0
    )
    assert "ambiguous" in outcome.errors[questions["numeric"].id]
    assert outcome.saved == [questions["truefalse"].id]
    with pytest.raises(ValidationError, match="ambiguous"):
        save_answer(trainee, attempt, questions["numeric"].id, ["44,800"], now=t0)
    with pytest.raises(ValidationError, match="not one of the question's choices"):
        save_answer(trainee, attempt, questions["single"].id, ["forged-id"], now=t0)


def test_submitting_with_a_malformed_answer_keeps_the_attempt_open(make, learners, t0):
    trainee = learners.add(make.trainee())
    attempt = start_attempt(trainee, builders.quiz(), now=t0)
    numeric = questions_by_name(attempt)["numeric"]
    outcome = submit_attempt(trainee, attempt, {numeric.id: ["1,000"]}, now=t0)
    assert not outcome.submitted and attempt.state == "in_progress"


def test_a_reload_shows_the_same_questions_in_the_same_order(make, learners, t0):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(shuffle_questions=True, shuffle_answers=True)
    attempt = start_attempt(trainee, quiz, now=t0)
    first = [(v.question.id, v.view) for v in attempt_questions(attempt)]
    db.session.commit()
    db.session.expire_all()
    again = [(v.question.id, v.view) for v in attempt_questions(own_attempt(trainee, attempt.id, now=t0))]
    assert first == again
    assert start_attempt(trainee, quiz, now=t0).id == attempt.id  # starting again resumes


def test_shuffling_changes_question_order_between_attempts_but_not_within_one(make, learners, t0):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(shuffle_questions=True)
    orders = set()
    for number in range(6):
        attempt = start_attempt(trainee, quiz, now=t0 + timedelta(hours=number), rng=random.Random(number))
        orders.add(tuple(attempt.question_ids))
        submit_attempt(trainee, attempt, now=t0 + timedelta(hours=number, minutes=1))
    assert len(orders) > 1


def test_a_random_slot_draws_distinct_questions_of_its_category(make, learners, t0):
    from ecri_lms.accounts.permissions import SYSTEM
    from ecri_lms.assessment.services import add_random_slot, categories_of, create_quiz

    trainee = learners.add(make.trainee())
    course = builders.course()
    builders.bank(course, "$CATEGORY: pool\n\n" + "\n\n".join(f"::p{n}::Statement {n}?{{T}}" for n in range(6)))
    quiz = create_quiz(SYSTEM, course, slug="draw", title="Draw")
    pool = next(item.category for item in categories_of(course) if item.category.path == "pool")
    add_random_slot(SYSTEM, quiz, pool, 4)
    db.session.commit()
    attempt = start_attempt(trainee, quiz, now=t0)
    assert len(set(attempt.question_ids)) == 4
    with pytest.raises(ValidationError, match="only 6 active"):
        add_random_slot(SYSTEM, quiz, pool, 7)


# What the server refuses ------------------------------------------------------------------------


def test_an_answer_after_the_time_limit_is_refused_and_the_attempt_closed_on_what_was_saved(make, learners, t0):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(time_limit_minutes=30)
    attempt = start_attempt(trainee, quiz, now=t0)
    assert attempt.deadline_at == t0 + timedelta(minutes=30)
    questions = questions_by_name(attempt)
    save_answer(trainee, attempt, questions["truefalse"].id, ["false"], now=t0 + timedelta(minutes=29))
    late = t0 + timedelta(minutes=30, seconds=31)
    outcome = save_answer(trainee, attempt, questions["single"].id, [ids("Strategy")], now=late)
    db.session.commit()
    assert outcome.closed_late and not outcome.saved
    assert attempt.state == "graded" and attempt.closed_automatically
    assert attempt.submitted_at == attempt.deadline_at
    assert scores(attempt)["single"] == 0.0 and scores(attempt)["truefalse"] == 1.0
    with pytest.raises(Conflict, match="finished"):
        save_answer(trainee, attempt, questions["single"].id, [ids("Strategy")], now=late)


def test_a_submission_within_the_grace_counts_and_one_after_it_is_dropped(make, learners, t0):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(time_limit_minutes=10, attempts_allowed=0)
    on_time = start_attempt(trainee, quiz, now=t0)
    single = questions_by_name(on_time)["single"]
    within_grace = t0 + timedelta(minutes=10, seconds=20)
    outcome = submit_attempt(trainee, on_time, {single.id: [ids("Strategy")]}, now=within_grace)
    assert outcome.submitted and scores(on_time)["single"] == 1.0

    later = start_attempt(trainee, quiz, now=t0 + timedelta(hours=1))
    single = questions_by_name(later)["single"]
    outcome = submit_attempt(trainee, later, {single.id: [ids("Strategy")]}, now=t0 + timedelta(hours=1, minutes=11))
    assert outcome.closed_late and not outcome.submitted
    assert later.state == "graded" and scores(later)["single"] == 0.0


def test_an_expired_attempt_is_closed_by_whoever_touches_it_next(make, learners, t0):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(time_limit_minutes=5)
    attempt = start_attempt(trainee, quiz, now=t0)
    save_answer(trainee, attempt, questions_by_name(attempt)["truefalse"].id, ["false"], now=t0)
    db.session.commit()
    db.session.expire_all()
    grade = quiz_grade(trainee, db.session.get(type(quiz), quiz.id), now=t0 + timedelta(days=1))
    assert grade.attempts == 1 and grade.score == pytest.approx(1 / 7)
    assert db.session.get(Attempt, attempt.id).closed_automatically


def test_the_quiz_closing_ends_an_attempt_even_without_a_time_limit(make, learners, t0):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(closes_at=t0 + timedelta(minutes=20))
    attempt = start_attempt(trainee, quiz, now=t0)
    assert attempt.deadline_at == t0 + timedelta(minutes=20)


def test_an_extra_attempt_is_refused(make, learners, t0):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(attempts_allowed=2)
    for number in range(2):
        take(trainee, quiz, {}, t0 + timedelta(hours=number))
    with pytest.raises(ValidationError, match="used all 2 attempt"):
        start_attempt(trainee, quiz, now=t0 + timedelta(hours=3))
    assert len(attempts_of(trainee, quiz)) == 2


@pytest.mark.parametrize(
    "opens, closes, message",
    [
        (timedelta(hours=1), None, "opens on"),
        (None, timedelta(0), "closed on"),
        (timedelta(days=-2), timedelta(days=-1), "closed on"),
    ],
)
def test_an_attempt_outside_the_open_window_is_refused(make, learners, t0, opens, closes, message):
    trainee = learners.add(make.trainee())
    quiz = builders.quiz(
        opens_at=t0 + opens if opens is not None else None, closes_at=t0 + closes if closes is not None else None
    )
    with pytest.raises(ValidationError, match=message):
        start_attempt(trainee, quiz, now=t0)


def test_only_learners_of_the_course_may_start(make, learners, t0):
    quiz = builders.quiz()
    other_course = builders.course()
    outsider = learners.add(make.trainee(), other_course)
    with pytest.raises(PermissionDenied, match="Only learners"):
        start_attempt(outsider, quiz, now=t0)
    insider = learners.add(make.trainee(), quiz.course)
    assert start_attempt(insider, quiz, now=t0).number == 1


def test_another_trainees_attempt_cannot_be_seen_or_changed(make, learners, t0):
    owner, other = learners.add(make.trainee()), learners.add(make.trainee())
    attempt = start_attempt(owner, builders.quiz(), now=t0)
    question_id = attempt.question_ids[0]
    with pytest.raises(NotFound):
        own_attempt(other, attempt.id, now=t0)
    with pytest.raises(NotFound):
        save_answer(other, attempt, question_id, ["true"], now=t0)
    with pytest.raises(NotFound):
        submit_attempt(other, attempt, now=t0)


def test_a_question_outside_the_attempt_cannot_be_answered(make, learners, t0):
    trainee = learners.add(make.trainee())
    attempt = start_attempt(trainee, builders.quiz(), now=t0)
    with pytest.raises(NotFound):
        save_answers(trainee, attempt, {max(attempt.question_ids) + 1000: ["true"]}, now=t0)


def test_a_quiz_without_questions_cannot_start(make, learners, t0):
    from ecri_lms.accounts.permissions import SYSTEM
    from ecri_lms.assessment.services import create_quiz

    trainee = learners.add(make.trainee())
    empty = create_quiz(SYSTEM, builders.course(), slug="empty", title="Empty")
    with pytest.raises(ValidationError, match="no questions"):
        start_attempt(trainee, empty, now=t0)


def test_a_submitted_attempt_is_neither_submitted_again_nor_resumed(make, learners, t0):
    trainee = learners.add(make.trainee())
    attempt = take(trainee, builders.quiz(), {}, t0)
    with pytest.raises(Conflict, match="finished"):
        submit_attempt(trainee, attempt, {}, now=t0 + timedelta(minutes=6))
    with pytest.raises(Conflict, match="finished"):
        attempt.submit(t0 + timedelta(minutes=7), automatically=True)
    assert attempt.state == AttemptState.GRADED and not attempt.closed_automatically


def test_an_attempt_in_progress_is_not_graded(make, learners, t0):
    trainee = learners.add(make.trainee())
    attempt = start_attempt(trainee, builders.quiz(), now=t0)
    with pytest.raises(Conflict, match="submit it first"):
        attempt.grade(1.0, t0)
    with pytest.raises(Conflict, match="submit it first"):
        attempt.await_grader()
    assert attempt.state == AttemptState.IN_PROGRESS and attempt.score is None
