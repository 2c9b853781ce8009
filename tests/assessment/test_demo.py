"""The assessment demo step: content quizzes, a failed-then-passed trainee, an essay waiting."""

import random
from collections import Counter

from sqlalchemy import func, select

from ecri_lms.assessment.demo import load_assessments
from ecri_lms.assessment.models import Attempt, Quiz
from ecri_lms.assessment.services import passed, waiting_essay_count
from ecri_lms.infra.extensions import db
from tests.assessment import builders
from tests.assessment.test_content import COURSE_CODES


def test_the_demo_step_loads_quizzes_and_realistic_attempts(make, learners):
    for code in COURSE_CODES:
        builders.course(code=code, source="content")
    trainees = [learners.add(make.trainee()) for _ in range(6)]
    load_assessments(random.Random(2017), {"trainees": trainees})
    db.session.commit()
    assert db.session.scalar(select(func.count(Quiz.id))) == 16
    attempts = db.session.scalars(
        select(Attempt).where(Attempt.user_id == trainees[0].id).order_by(Attempt.number)
    ).all()
    twice = next(quiz_id for quiz_id, count in Counter(a.quiz_id for a in attempts).items() if count == 2)
    failed, then = (attempt for attempt in attempts if attempt.quiz_id == twice)
    assert (failed.number, then.number) == (1, 2) and failed.score * 100 < failed.quiz.pass_mark
    assert then.score == 1.0 and passed(trainees[0], then.quiz)
    assert waiting_essay_count(make.trainer()) == 1
    assert db.session.scalar(select(func.count(Attempt.id))) >= 10


def test_the_demo_step_says_why_it_skips_without_courses(capsys):
    load_assessments(random.Random(1), {"trainees": []})
    assert "Quizzes skipped: there are no content courses yet" in capsys.readouterr().out
    assert db.session.scalar(select(func.count(Quiz.id))) == 0


def test_the_demo_step_makes_no_attempt_when_nobody_is_a_learner(make, capsys):
    builders.course(code="CE01", source="content")
    load_assessments(random.Random(1), {"trainees": [make.trainee()]})
    assert "No demo trainee is a learner" in capsys.readouterr().out
    assert db.session.scalar(select(func.count(Attempt.id))) == 0
