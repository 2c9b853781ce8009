"""One course run's gradebook: per confirmed trainee, every quiz grade, essays, attendance and completion.

Loaded in a number of queries fixed by the course's quizzes, never by the number of trainees: one
query per quiz for its attempts, one for the essays, a few for attendance and the trainees.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ...accounts.models import User
from ...assessment.models import FINISHED_STATES, Attempt, AttemptAnswer, Question, Quiz
from ...assessment.question_types import all_types
from ...assessment.services import QuizGrade, grades_for, quizzes_of, waiting_essays_query
from ...attendance.queries import runs_attendance
from ...infra.extensions import db
from ...infra.i18n import _
from ...scheduling.models import CourseRun, Registration
from ...scheduling.permissions import require_manage_run
from ..queries import CompletionStanding, completion_states

FIXED_COLUMNS = ("name", "essays", "attendance", "completion")


@dataclass(frozen=True)
class EssaySummary:
    graded: int
    waiting: int
    mean: float | None  # fraction 0..1 over the graded essays

    @property
    def percent(self) -> float | None:
        return None if self.mean is None else round(self.mean * 100, 1)


@dataclass(frozen=True)
class GradebookRow:
    user: User
    grades: dict[int, QuizGrade]  # by quiz id
    essays: EssaySummary
    attendance: float | None
    completion: CompletionStanding | None


@dataclass(frozen=True)
class Gradebook:
    run: CourseRun
    quizzes: list[Quiz]
    rows: list[GradebookRow]
    sort: str
    descending: bool
    waiting_essays: list[AttemptAnswer]


def sort_keys(quizzes: list[Quiz]) -> list[str]:
    """The column keys a gradebook may be sorted by."""
    return ["name", *(f"quiz-{quiz.id}" for quiz in quizzes), "essays", "attendance", "completion"]


def _sort_value(row: GradebookRow, key: str):
    if key == "name":
        return row.user.name.casefold()
    if key == "essays":
        return row.essays.mean
    if key == "attendance":
        return row.attendance
    if key == "completion":
        return row.completion.label.casefold() if row.completion else None
    grade = row.grades.get(int(key.removeprefix("quiz-")))
    return grade.score if grade else None


def sort_rows(rows: list[GradebookRow], key: str, descending: bool) -> list[GradebookRow]:
    """Sorted by the column, ties by name; rows without a value come last either way."""
    rows = sorted(rows, key=lambda row: (row.user.name.casefold(), row.user.id))
    valued = [row for row in rows if _sort_value(row, key) is not None]
    empty = [row for row in rows if _sort_value(row, key) is None]
    return sorted(valued, key=lambda row: _sort_value(row, key), reverse=descending) + empty


def _trainees(run: CourseRun) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Registration, Registration.user_id == User.id)
            .where(Registration.confirmed_on(run.id))
            .order_by(User.name, User.id)
        )
    )


def _manual_types() -> list[str]:
    return [question_type.name for question_type in all_types() if not question_type.auto_graded]


def essay_summaries(run: CourseRun, user_ids: list[int]) -> dict[int, EssaySummary]:
    """Each trainee's essays in the course's finished attempts: how many graded, how many waiting, the mean."""
    scores: dict[int, list[float]] = defaultdict(list)
    waiting: dict[int, int] = defaultdict(int)
    if user_ids:
        answers = db.session.execute(
            select(Attempt.user_id, AttemptAnswer.manual_score, AttemptAnswer.auto_score)
            .select_from(AttemptAnswer)
            .join(Attempt, Attempt.id == AttemptAnswer.attempt_id)
            .join(Quiz, Quiz.id == Attempt.quiz_id)
            .join(Question, Question.id == AttemptAnswer.question_id)
            .where(
                Quiz.course_id == run.course_id,
                Attempt.user_id.in_(user_ids),
                Attempt.state.in_(FINISHED_STATES),
                Question.qtype.in_(_manual_types()),
            )
        )
        for user_id, manual, automatic in answers:
            score = manual if manual is not None else automatic
            if score is None:
                waiting[user_id] += 1
            else:
                scores[user_id].append(score)
    return {
        user_id: EssaySummary(
            len(scores[user_id]),
            waiting[user_id],
            sum(scores[user_id]) / len(scores[user_id]) if scores[user_id] else None,
        )
        for user_id in user_ids
    }


def waiting_essays(actor, run: CourseRun, user_ids: list[int]) -> list[AttemptAnswer]:
    """The run's trainees' essays waiting for the actor to grade them, oldest first."""
    if not user_ids:
        return []
    return list(
        db.session.scalars(waiting_essays_query(actor, course_id=run.course_id).where(Attempt.user_id.in_(user_ids)))
    )


def gradebook(
    actor, run: CourseRun, sort: str = "name", descending: bool = False, now: datetime | None = None
) -> Gradebook:
    """The run's gradebook for someone who manages the run; an unknown sort key sorts by name."""
    require_manage_run(actor, run)
    trainees = _trainees(run)
    user_ids = [trainee.id for trainee in trainees]
    quizzes = quizzes_of(run.course)
    grades = {quiz.id: grades_for(quiz, user_ids, now) for quiz in quizzes}
    essays = essay_summaries(run, user_ids)
    attendance = runs_attendance([run.id], now)
    completion = completion_states(run, user_ids) if trainees else {}
    rows = [
        GradebookRow(
            user=trainee,
            grades={quiz.id: grades[quiz.id][trainee.id] for quiz in quizzes},
            essays=essays[trainee.id],
            attendance=attendance.get((run.id, trainee.id)),
            completion=completion.get(trainee.id),
        )
        for trainee in trainees
    ]
    if sort not in sort_keys(quizzes):
        sort, descending = "name", False
    return Gradebook(
        run=run,
        quizzes=quizzes,
        rows=sort_rows(rows, sort, descending),
        sort=sort,
        descending=descending,
        waiting_essays=waiting_essays(actor, run, user_ids),
    )


def csv_table(book: Gradebook) -> tuple[list[str], list[list]]:
    """The gradebook as CSV headers and rows, in its current order: the headers and each completion in the
    reader's language, the numbers as numbers."""
    headers = [_("Name"), _("Email")]
    for quiz in book.quizzes:
        headers += [_("%(quiz)s (%%)", quiz=quiz.title), _("%(quiz)s passed", quiz=quiz.title)]
    headers += [_("Essays graded"), _("Essays waiting"), _("Essay mean (%)"), _("Attendance (%)"), _("Completion")]
    rows = []
    for row in book.rows:
        cells = [row.user.name, row.user.email]
        for quiz in book.quizzes:
            grade = row.grades[quiz.id]
            cells += [grade.percent, None if grade.score is None else grade.passed]
        cells += [
            row.essays.graded,
            row.essays.waiting,
            row.essays.percent,
            None if row.attendance is None else round(row.attendance * 100, 1),
            row.completion.label if row.completion else "",
        ]
        rows.append(cells)
    return headers, rows
