"""Quiz grades per trainee (by the quiz's grading method), pass/fail, and a course's final score.

This is the door for completion, certificates and the gradebook: `quiz_grade`, `grades_for`, `user_grades`,
`passed`, `final_score`, `essays_graded`. Each reads a bounded number of queries (one for the
attempts) and closes expired attempts it meets, so a grade never waits for a background job.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import lazyload

from ...catalogue.models import Course
from ...infra.extensions import db
from ..learners import may_take_quizzes
from ..models import Attempt, AttemptAnswer, AttemptState, Question, Quiz
from ..question_types import all_types
from .lifecycle import close_expired
from .quizzes import quizzes_of

PASS_EPSILON = 1e-9


@dataclass(frozen=True)
class QuizGrade:
    """A trainee's grade on a quiz: `score` is a fraction (None until there is one to give)."""

    quiz: Quiz
    score: float | None
    attempts: int  # finished attempts
    pending: bool  # an attempt waits for a grader
    in_progress: bool

    @property
    def percent(self) -> float | None:
        return None if self.score is None else round(self.score * 100, 1)

    @property
    def passed(self) -> bool:
        return self.score is not None and self.score * 100 + PASS_EPSILON >= self.quiz.pass_mark


def grade_from_attempts(quiz: Quiz, attempts: Iterable[Attempt]) -> QuizGrade:
    """Apply the grading method: highest and average count graded attempts; last needs the last one graded.

    Average waits (score None) while any attempt waits for a grader, since that attempt would change it.
    """
    attempts = sorted(attempts, key=lambda attempt: attempt.number)
    finished = [attempt for attempt in attempts if attempt.is_finished]
    graded = [attempt.score for attempt in finished if attempt.is_graded]
    pending = any(not attempt.is_graded for attempt in finished)
    if quiz.grading_method == "last":
        score = finished[-1].score if finished and finished[-1].is_graded else None
    elif quiz.grading_method == "average":
        score = sum(graded) / len(graded) if graded and not pending else None
    else:
        score = max(graded, default=None)
    return QuizGrade(quiz, score, len(finished), pending, any(a.is_in_progress for a in attempts))


def quiz_grade(user, quiz: Quiz, now: datetime | None = None) -> QuizGrade:
    """The user's grade on the quiz."""
    return grades_for(quiz, [user.id], now)[user.id]


def grades_for(quiz: Quiz, user_ids: Iterable[int], now: datetime | None = None) -> dict[int, QuizGrade]:
    """Grades of many users on one quiz, in one query (for the gradebook)."""
    user_ids = list(dict.fromkeys(user_ids))
    by_user: dict[int, list[Attempt]] = defaultdict(list)
    if user_ids:
        attempts = list(
            db.session.scalars(select(Attempt).where(Attempt.quiz_id == quiz.id, Attempt.user_id.in_(user_ids)))
        )
        close_expired(attempts, now)
        for attempt in attempts:
            by_user[attempt.user_id].append(attempt)
    return {user_id: grade_from_attempts(quiz, by_user[user_id]) for user_id in user_ids}


def course_grades(user, course, now: datetime | None = None) -> list[QuizGrade]:
    """The user's grade on every active quiz of the course, by quiz title (two queries)."""
    quizzes = quizzes_of(course)
    grades = user_grades(user, quizzes, now)
    return [grades[quiz.id] for quiz in quizzes]


def user_grades(user, quizzes: Iterable[Quiz], now: datetime | None = None) -> dict[int, QuizGrade]:
    """The user's grade on each of the quizzes (of any courses) by quiz id, in one query."""
    quizzes = list(quizzes)
    by_quiz: dict[int, list[Attempt]] = defaultdict(list)
    if quizzes:
        attempts = list(
            db.session.scalars(
                select(Attempt)
                .options(lazyload(Attempt.quiz))
                .where(Attempt.user_id == user.id, Attempt.quiz_id.in_([quiz.id for quiz in quizzes]))
            )
        )
        close_expired(attempts, now)
        for attempt in attempts:
            by_quiz[attempt.quiz_id].append(attempt)
    return {quiz.id: grade_from_attempts(quiz, by_quiz[quiz.id]) for quiz in quizzes}


def passed(user, quiz: Quiz, now: datetime | None = None) -> bool:
    """Whether the user's grade on the quiz reaches its pass mark (for completion rules)."""
    return quiz_grade(user, quiz, now).passed


def final_score(user, course, quiz_slugs: Iterable[str] | None = None, now: datetime | None = None) -> float | None:
    """The course's final score in percent: the mean grade of the counted quizzes, once each has one.

    Counted: `quiz_slugs` (a run's completion rule), else the course's `completion_rules["quizzes"]`,
    else every active quiz of the course. None when a counted quiz has no grade yet or none exists.
    """
    slugs = list(quiz_slugs) if quiz_slugs is not None else (course.completion_rules or {}).get("quizzes")
    grades = course_grades(user, course, now)
    if slugs is not None:
        grades = [grade for grade in grades if grade.quiz.slug in set(slugs)]
        if len(grades) < len(set(slugs)):
            return None
    if not grades or any(grade.score is None for grade in grades):
        return None
    return round(sum(grade.score for grade in grades) / len(grades) * 100, 1)


def ungraded_essays(user, course) -> int:
    """How many of the user's essay answers in the course's finished attempts still wait for a grader."""
    return ungraded_essays_by_course(user, [course.id])[course.id]


def ungraded_essays_by_course(user, course_ids: Iterable[int]) -> dict[int, int]:
    """ungraded_essays for many courses in one query, by course id (0 where nothing waits)."""
    course_ids = list(dict.fromkeys(course_ids))
    waiting = dict.fromkeys(course_ids, 0)
    if course_ids:
        waiting.update(
            db.session.execute(
                select(Quiz.course_id, func.count(AttemptAnswer.id))
                .join(Attempt, Attempt.id == AttemptAnswer.attempt_id)
                .join(Quiz, Quiz.id == Attempt.quiz_id)
                .join(Question, Question.id == AttemptAnswer.question_id)
                .where(
                    Attempt.user_id == user.id,
                    Quiz.course_id.in_(course_ids),
                    Attempt.state == AttemptState.NEEDS_GRADING,
                    Question.qtype.in_(manual_type_names()),
                    AttemptAnswer.manual_score.is_(None),
                    AttemptAnswer.auto_score.is_(None),
                )
                .group_by(Quiz.course_id)
            ).all()
        )
    return waiting


def essays_graded(user, course) -> bool:
    """Whether every essay the user submitted in the course has been graded (a completion rule)."""
    return ungraded_essays(user, course) == 0


def manual_type_names() -> list[str]:
    """Question types a person grades (essays)."""
    return [question_type.name for question_type in all_types() if not question_type.auto_graded]


@dataclass(frozen=True)
class CourseQuizzes:
    course: Course
    grades: list[QuizGrade]


def my_quizzes(user, now: datetime | None = None) -> list[CourseQuizzes]:
    """Every course with quizzes that the user is a learner of, with the user's grade on each quiz."""
    with_quizzes = select(Quiz.course_id).where(Quiz.archived_at.is_(None))
    courses = db.session.scalars(
        select(Course).where(Course.id.in_(with_quizzes), Course.archived_at.is_(None)).order_by(Course.code)
    )
    return [
        CourseQuizzes(course, course_grades(user, course, now)) for course in courses if may_take_quizzes(user, course)
    ]
