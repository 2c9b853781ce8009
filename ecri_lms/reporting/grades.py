"""Quiz grades in SQL, one row per (quiz, trainee), so that reports aggregate them without a loop.

The same rule as the assessment area's `grade_from_attempts`, written as a query: a quiz graded by
*highest* takes the best graded attempt; by *average*, the mean of the graded attempts once none
waits for a grader; by *last*, the last finished attempt once it is graded. Archived quizzes are left
out, as on the trainee's own pages.
"""

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from ..assessment.models import FINISHED_STATES, Attempt, Quiz

GRADED = "graded"


def quiz_grades():
    """A subquery with quiz_id, course_id, user_id, pass_mark and score (a fraction, NULL while there is none)."""
    is_graded = Attempt.state == GRADED
    per_pair = (
        select(Attempt.quiz_id, Attempt.user_id,
               func.max(case((is_graded, Attempt.score))).label("best"),
               func.avg(case((is_graded, Attempt.score))).label("mean"),
               func.sum(case((is_graded, 0), else_=1)).label("waiting"),
               func.max(Attempt.number).label("last_number"))
        .where(Attempt.state.in_(FINISHED_STATES))
        .group_by(Attempt.quiz_id, Attempt.user_id)
        .subquery())
    last = aliased(Attempt)
    score = case(
        (Quiz.grading_method == "last", case((last.state == GRADED, last.score))),
        (Quiz.grading_method == "average", case((per_pair.c.waiting == 0, per_pair.c.mean))),
        else_=per_pair.c.best)
    return (
        select(per_pair.c.quiz_id, Quiz.course_id, per_pair.c.user_id, Quiz.pass_mark, score.label("score"))
        .join(Quiz, Quiz.id == per_pair.c.quiz_id)
        .join(last, and_(last.quiz_id == per_pair.c.quiz_id, last.user_id == per_pair.c.user_id,
                         last.number == per_pair.c.last_number))
        .where(Quiz.archived_at.is_(None))
        .subquery())
