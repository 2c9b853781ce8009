"""What certificates hear from the areas below them: something that can complete a trainee changed
(attendance, a quiz grade, a lesson opened or archived, a run's or a course's rules), so their completion
is decided again (and the certificate issued) once the change is committed, whoever wrote it. A run's end,
which nothing writes, is the end-of-run job's (services/ended_runs.py)."""

from ..assessment.models import Attempt, AttemptState
from ..attendance.models import AttendanceMark
from ..catalogue.models import Course, Lesson, LessonProgress
from ..infra.events import Kind, committed
from ..scheduling.models import CourseRun
from .services import (
    members_graded,
    members_marked,
    members_of_ended_runs,
    members_viewed,
    re_evaluate,
    runs_of_courses,
)

GRADE_COLUMNS = frozenset({Attempt.state.key, Attempt.score.key})
# A run's settings hold its completion override and its attendance rule; closing it or moving its end ends it.
RUN_COLUMNS = frozenset({CourseRun.settings.key, CourseRun.status.key, CourseRun.ends_at.key})


@committed.connect_via(AttendanceMark)
def attendance_marked(_model, changes) -> None:
    """A mark given, changed or taken away."""
    re_evaluate(members_marked(_pairs(changes, AttendanceMark.user_id, AttendanceMark.training_session_id)))


@committed.connect_via(Attempt)
def attempt_graded(_model, changes) -> None:
    """An attempt became graded, or a graded attempt's score changed (an essay regraded)."""
    graded = [
        change
        for change in changes
        if change.kind is not Kind.DELETED
        and change.values.get(Attempt.state.key) == AttemptState.GRADED
        and change.changed & GRADE_COLUMNS
    ]
    re_evaluate(members_graded(_pairs(graded, Attempt.user_id, Attempt.quiz_id)))


@committed.connect_via(LessonProgress)
def lesson_opened(_model, changes) -> None:
    """A lesson opened for the first time (the lessons rule counts lessons opened)."""
    opened = [change for change in changes if change.kind is Kind.CREATED]
    re_evaluate(members_viewed(_pairs(opened, LessonProgress.user_id, LessonProgress.lesson_id)))


@committed.connect_via(Lesson)
def lesson_archived(_model, changes) -> None:
    """A lesson archived or brought back: "every lesson" of its course now asks for one fewer, or one more."""
    courses = {
        course_id
        for change in changes
        if change.kind is Kind.CHANGED
        and Lesson.archived_at.key in change.changed
        and (course_id := change.values.get(Lesson.course_id.key)) is not None
    }
    re_evaluate(members_of_ended_runs(runs_of_courses(courses)))


@committed.connect_via(CourseRun)
def run_rules_changed(_model, changes) -> None:
    """A run's completion or attendance rules changed, or it was closed, or its end moved."""
    changed = {change.id[0] for change in changes if change.kind is Kind.CHANGED and change.changed & RUN_COLUMNS}
    re_evaluate(members_of_ended_runs(changed))


@committed.connect_via(Course)
def course_rules_changed(_model, changes) -> None:
    """A course's default completion rules changed: every run of it that follows them may now be complete."""
    changed = {
        change.id[0]
        for change in changes
        if change.kind is Kind.CHANGED and Course.completion_rules.key in change.changed
    }
    re_evaluate(members_of_ended_runs(runs_of_courses(changed)))


def _pairs(changes, first, second) -> set[tuple[int, int]]:
    """Two columns of each changed row, named by the model's attributes so that a renamed column cannot be
    missed (a row deleted before its columns were loaded says nothing)."""
    pairs = {(change.values.get(first.key), change.values.get(second.key)) for change in changes}
    return {pair for pair in pairs if None not in pair}
