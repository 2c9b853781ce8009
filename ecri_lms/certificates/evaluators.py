"""The evaluators of the completion rules, each reading one area through its public functions."""

from collections.abc import Callable

from ..assessment.services import passed, quiz_by_slug, ungraded_essays
from ..catalogue.services import lessons_viewed_summary
from .completion import Progress

# (user id, run) → share of the run's counted sessions attended, 0..1 (excused absences not
# counted against the trainee), or None while nothing has been recorded.
RateFunction = Callable[[int, object], float | None]


def lessons_evaluator(user, run, target) -> Progress | None:
    """'all' or a number of the course's lessons opened at least once."""
    viewed, total = lessons_viewed_summary(user, run.course)
    needed = total if target == "all" else min(int(target), total)
    if needed == 0:
        return None
    return Progress("lessons", viewed >= needed, viewed, needed, f"Lessons viewed: {min(viewed, needed)} of {needed}.")


def quizzes_evaluator(user, run, target) -> Progress | None:
    """Every named quiz passed (by its grading method: a failed then passed quiz counts as passed)."""
    slugs = list(target or [])
    if not slugs:
        return None
    quizzes = {slug: quiz_by_slug(run.course, slug) for slug in slugs}
    done = [slug for slug, quiz in quizzes.items() if quiz is not None and passed(user, quiz)]
    missing = [quiz.title if quiz else slug for slug, quiz in quizzes.items() if slug not in done]
    text = f"Quizzes passed: {len(done)} of {len(slugs)}."
    if missing:
        text += " Still to pass: " + ", ".join(missing) + "."
    return Progress("quizzes", not missing, len(done), len(slugs), text)


def essays_evaluator(user, run, target) -> Progress | None:
    """Every essay the trainee submitted in the course has been graded."""
    if not target:
        return None
    waiting = ungraded_essays(user, run.course)
    text = "Essays graded: all." if waiting == 0 else f"Essays graded: {waiting} still wait for a grader."
    return Progress("essays_graded", waiting == 0, waiting, 0, text)


def attendance_evaluator(rate_fn: RateFunction):
    """The attendance rule, reading rates through `rate_fn` (the attendance area's `attendance_rate`)."""

    def evaluate(user, run, target) -> Progress | None:
        if target is None:
            return None
        rate = rate_fn(user.id, run)
        if rate is None:
            return Progress("attendance_rate", False, None, target,
                            f"Attendance: not recorded yet (needed {target} %).")
        percent = round(rate * 100, 1)
        return Progress("attendance_rate", percent + 1e-9 >= target, percent, target,
                        f"Attendance: {percent:g} % of sessions (needed {target} %).")

    return evaluate
