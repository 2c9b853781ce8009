"""Quiz grades in SQL, one row per (quiz, trainee), so that reports aggregate them without a loop.

The same rule as the assessment area's `grade_from_attempts`, written as a query: a quiz graded by
*highest* takes the best graded attempt; by *average*, the mean of the graded attempts once none
waits for a grader; by *last*, the last finished attempt once it is graded. Archived quizzes are left
out, as on the trainee's own pages.

The attempts are aggregated per (quiz, trainee) in a single GROUP BY with the grading method applied,
so a report joins one small row per grade to its seats instead of joining every attempt.
"""

from sqlalchemy import case, func, select

from ..assessment.models import FINISHED_STATES, Attempt, AttemptState, Quiz


def _finished_attempts():
    """Finished attempts, each flagged when it is its trainee's last finished attempt at the quiz."""
    last_number = func.max(Attempt.number).over(partition_by=(Attempt.quiz_id, Attempt.user_id))
    return (
        select(
            Attempt.quiz_id,
            Attempt.user_id,
            Attempt.state,
            Attempt.score,
            (Attempt.number == last_number).label("is_last"),
        )
        .where(Attempt.state.in_(FINISHED_STATES))
        .subquery()
    )


def quiz_grades():
    """A subquery with quiz_id, course_id, user_id, pass_mark and score (a fraction, NULL while there is none)."""
    finished = _finished_attempts()
    is_graded = finished.c.state == AttemptState.GRADED
    graded_score = case((is_graded, finished.c.score))
    waiting = func.sum(case((is_graded, 0), else_=1))
    score = case(
        (Quiz.grading_method == "last", func.max(case((finished.c.is_last & is_graded, finished.c.score)))),
        (Quiz.grading_method == "average", case((waiting == 0, func.avg(graded_score)))),
        else_=func.max(graded_score),
    )
    return (
        select(finished.c.quiz_id, Quiz.course_id, finished.c.user_id, Quiz.pass_mark, score.label("score"))
        .join(Quiz, Quiz.id == finished.c.quiz_id)
        .where(Quiz.archived_at.is_(None))
        .group_by(finished.c.quiz_id, finished.c.user_id, Quiz.course_id, Quiz.pass_mark, Quiz.grading_method)
        .subquery()
    )
