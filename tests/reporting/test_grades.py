"""The SQL quiz grades agree with the assessment area's rule for every grading method."""

import pytest
from sqlalchemy import select

from ecri_lms.assessment.services import grades_for
from ecri_lms.infra.extensions import db
from ecri_lms.reporting.quiz_grade_rows import quiz_grades


@pytest.mark.parametrize(
    "method, scores, pending, expected",
    [
        ("highest", [0.4, 0.9, 0.6], False, 0.9),
        ("average", [0.4, 0.8], False, 0.6),
        ("average", [0.4, 0.8], True, None),  # an attempt waits for a grader: no average yet
        ("last", [0.9, 0.5], False, 0.5),
        ("last", [0.9], True, None),  # the last attempt waits for a grader
        ("highest", [0.7], True, 0.7),
    ],
)
def test_sql_grades_match_the_assessment_rule(make, method, scores, pending, expected):
    course = make.course()
    quiz = make.report_quiz(course, grading_method=method)
    trainee = make.trainee()
    for score in scores:
        make.finished_attempt(quiz, trainee, score)
    if pending:
        make.finished_attempt(quiz, trainee, None, essay_waiting=True)
    grades = quiz_grades()
    sql_score = db.session.scalar(select(grades.c.score).where(grades.c.user_id == trainee.id))
    python_score = grades_for(quiz, [trainee.id])[trainee.id].score
    if expected is None:
        assert sql_score is None and python_score is None
    else:
        assert sql_score == pytest.approx(expected) and python_score == pytest.approx(expected)
