"""Quiz statistics: right answers per question and how often each choice was picked."""

from datetime import timedelta

import pytest

from ecri_lms.assessment.services import quiz_statistics, start_attempt, submit_attempt
from ecri_lms.infra.errors import PermissionDenied
from ecri_lms.infra.extensions import db
from tests.assessment import builders

ids = builders.choice_id


def answer(user, quiz, by_name: dict, now):
    attempt = start_attempt(user, quiz, now=now)
    names = {a.question_id: a.question.name for a in attempt.answers}
    values = {qid: by_name[name] for qid, name in names.items() if name in by_name}
    submit_attempt(user, attempt, values, now=now + timedelta(minutes=2))
    db.session.commit()


def test_statistics_count_right_answers_and_choices_over_finished_attempts(make, learners, t0):
    quiz = builders.quiz()
    trainees = [learners.add(make.trainee()) for _ in range(4)]
    answer(
        trainees[0],
        quiz,
        {"single": [ids("Strategy")], "multi": [ids("Financing"), ids("Services")], "truefalse": ["false"]},
        t0,
    )
    answer(trainees[1], quiz, {"single": [ids("Services")], "multi": [ids("Financing")], "truefalse": ["false"]}, t0)
    answer(trainees[2], quiz, {"single": [ids("Strategy")], "truefalse": ["true"]}, t0)
    start_attempt(trainees[3], quiz, now=t0)  # in progress: not counted
    db.session.commit()

    stats = quiz_statistics(make.trainer(), quiz)
    assert stats.attempts == 3
    by_name = {item.question.name: item for item in stats.questions}
    assert [item.question.name for item in stats.questions][:3] == ["single", "multi", "truefalse"]
    single = by_name["single"]
    assert (single.shown, single.answered, single.right) == (3, 3, 2)
    assert single.mean_score == pytest.approx(2.5 / 3)
    assert {c.text: c.count for c in single.choices} == {"Strategy": 2, "Services": 1, "Logo colour": 0, "Weather": 0}
    assert {c.text: c.credit for c in single.choices} == {
        "Strategy": 1.0,
        "Services": 0.5,
        "Logo colour": 0.0,
        "Weather": 0.0,
    }
    assert [c.text for c in by_name["truefalse"].choices if c.credit] == ["False"]
    assert {c.text: c.count for c in by_name["multi"].choices} == {"Financing": 2, "Services": 1, "Weather": 0}
    assert by_name["multi"].answered == 2 and by_name["multi"].right == 1
    assert {c.text: c.count for c in by_name["truefalse"].choices} == {"True": 1, "False": 2}
    assert by_name["numeric"].choices == [] and by_name["numeric"].right == 0
    assert by_name["essay"].right_share == 0.0


def test_statistics_are_for_trainers(make):
    with pytest.raises(PermissionDenied):
        quiz_statistics(make.trainee(), builders.quiz())
