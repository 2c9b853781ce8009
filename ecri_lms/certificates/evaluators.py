"""The evaluators of the completion rules, each reading one area through its public functions.

Each kind has a batch form reading its area once for many runs (a trainee's certificates page);
the one-run evaluator is the batch form applied to one run, so both always say the same.
"""

from ..assessment.services import quizzes_by_slugs, ungraded_essays_by_course, user_grades
from ..attendance.queries import attendance_rates_of
from ..catalogue.services import lessons_viewed_by_course
from ..infra.i18n import _, format_percent, ngettext
from .progress import BatchEvaluator, Evaluator, Progress


def one_run(batch: BatchEvaluator) -> Evaluator:
    """The one-run evaluator of a batch form."""

    def evaluate(user, run, target) -> Progress | None:
        return batch(user, [(run, target)])[run.id]

    return evaluate


def lessons_batch(user, runs_and_targets) -> dict[int, Progress | None]:
    """'all' or a number of the course's lessons opened at least once."""
    counts = lessons_viewed_by_course(user, [run.course_id for run, _ in runs_and_targets])
    return {run.id: _lessons_progress(*counts[run.course_id], target) for run, target in runs_and_targets}


def _lessons_progress(viewed: int, total: int, target) -> Progress | None:
    needed = total if target == "all" else min(int(target), total)
    if needed == 0:
        return None
    text = _("Lessons viewed: %(viewed)d of %(needed)d.", viewed=min(viewed, needed), needed=needed)
    return Progress("lessons", viewed >= needed, viewed, needed, text)


def quizzes_batch(user, runs_and_targets) -> dict[int, Progress | None]:
    """Every named quiz passed (by its grading method: a failed then passed quiz counts as passed)."""
    named = {(run.course_id, slug) for run, target in runs_and_targets for slug in target or []}
    quizzes = quizzes_by_slugs(named)
    grades = user_grades(user, quizzes.values())
    return {
        run.id: _quizzes_progress(
            list(target or []), {slug: quizzes.get((run.course_id, slug)) for slug in target or []}, grades
        )
        for run, target in runs_and_targets
    }


def _quizzes_progress(slugs: list[str], quizzes: dict, grades: dict) -> Progress | None:
    if not slugs:
        return None
    done = [slug for slug, quiz in quizzes.items() if quiz is not None and grades[quiz.id].passed]
    missing = [quiz.title if quiz else slug for slug, quiz in quizzes.items() if slug not in done]
    text = _("Quizzes passed: %(passed)d of %(count)d.", passed=len(done), count=len(slugs))
    if missing:
        text += " " + _("Still to pass: %(quizzes)s.", quizzes=", ".join(missing))
    return Progress("quizzes", not missing, len(done), len(slugs), text)


def essays_batch(user, runs_and_targets) -> dict[int, Progress | None]:
    """Every essay the trainee submitted in the course has been graded."""
    waiting = ungraded_essays_by_course(user, [run.course_id for run, target in runs_and_targets if target])
    return {run.id: _essays_progress(waiting[run.course_id]) if target else None for run, target in runs_and_targets}


def _essays_progress(waiting: int) -> Progress:
    text = (
        _("Essays graded: all.")
        if waiting == 0
        else ngettext(
            "Essays graded: %(num)d still waits for a grader.",
            "Essays graded: %(num)d still wait for a grader.",
            waiting,
        )
    )
    return Progress("essays_graded", waiting == 0, waiting, 0, text)


def attendance_batch(user, runs_and_targets) -> dict[int, Progress | None]:
    """The share of each run's counted sessions attended (excused absences not counted against the trainee)."""
    rates = attendance_rates_of(user.id, [run for run, target in runs_and_targets if target is not None])
    return {
        run.id: None if target is None else _attendance_progress(rates[run.id], target)
        for run, target in runs_and_targets
    }


def _attendance_progress(rate: float | None, target) -> Progress:
    if rate is None:
        text = _("Attendance: not recorded yet (needed %(target)s).", target=format_percent(target / 100))
        return Progress("attendance_rate", False, None, target, text)
    percent = round(rate * 100, 1)
    return Progress(
        "attendance_rate",
        percent + 1e-9 >= target,
        percent,
        target,
        _(
            "Attendance: %(rate)s of sessions (needed %(target)s).",
            rate=format_percent(percent / 100, 1),
            target=format_percent(target / 100),
        ),
    )


# Each rule kind's batch form, and the one-run evaluator made of it.
BATCH_EVALUATORS: dict[str, BatchEvaluator] = {
    "lessons": lessons_batch,
    "attendance_rate": attendance_batch,
    "quizzes": quizzes_batch,
    "essays_graded": essays_batch,
}
EVALUATORS: dict[str, Evaluator] = {kind: one_run(batch) for kind, batch in BATCH_EVALUATORS.items()}
