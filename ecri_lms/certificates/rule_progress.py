"""Completion rules: which a run has, and how far a trainee is on each.

A run's rules are its course's defaults (from the course files) unless a coordinator gave the run
its own full set (`CourseRun.settings["completion"]`). Each rule kind ("lessons", "attendance_rate",
"quizzes", "essays_graded") is checked by its evaluator (`evaluators.py`), which says how far the
trainee is, or None when the rule asks for nothing (no quizzes named, essays not required…). Its batch
form reads the area once for many runs (a trainee's certificates page: `progress_for_runs`).
"""

from datetime import datetime

from ..infra.i18n import _, _l
from ..infra.timeutil import utcnow
from .evaluators import BATCH_EVALUATORS, EVALUATORS
from .progress import Progress

RULE_KINDS = ("lessons", "attendance_rate", "quizzes", "essays_graded")
DEFAULT_RULES = {"lessons": "all", "quizzes": [], "essays_graded": False}
LABELS = {
    "lessons": _l("Lessons viewed"),
    "attendance_rate": _l("Attendance"),
    "quizzes": _l("Quizzes passed"),
    "essays_graded": _l("Essays graded"),
}


def rules_of(run) -> dict:
    """The run's rules: its own full set when a coordinator set one, else the course's defaults."""
    rules = dict(DEFAULT_RULES)
    rules.update((run.settings or {}).get("completion") or run.course.completion_rules or {})
    return {kind: rules[kind] for kind in RULE_KINDS if kind in rules}


def has_override(run) -> bool:
    return bool((run.settings or {}).get("completion"))


def run_has_ended(run, now: datetime | None = None) -> bool:
    """A run is over once marked completed or once its last session has ended."""
    if run.is_completed:
        return True
    return run.ends_at is not None and run.ends_at <= (now or utcnow())


def _run_ended(run, now: datetime | None) -> Progress:
    ended = run_has_ended(run, now)
    return Progress(
        "run_ended", ended, None, None, _("The run has ended.") if ended else _("The run has not ended yet.")
    )


def progress_of(user, run, now: datetime | None = None) -> list[Progress]:
    """The trainee's progress on every rule of the run, the run's end first."""
    records = [_run_ended(run, now)]
    for kind, target in rules_of(run).items():
        record = EVALUATORS[kind](user, run, target)
        if record is not None:
            records.append(record)
    return records


def progress_for_runs(user, runs, now: datetime | None = None) -> dict[int, list[Progress]]:
    """progress_of for each of the trainee's runs, by run id, in a number of queries that does not grow with them."""
    rules = {run.id: rules_of(run) for run in runs}
    by_kind: dict[str, dict[int, Progress | None]] = {}
    for kind in RULE_KINDS:
        wanted = [(run, rules[run.id][kind]) for run in runs if kind in rules[run.id]]
        if wanted:
            by_kind[kind] = BATCH_EVALUATORS[kind](user, wanted)
    return {
        run.id: [
            _run_ended(run, now),
            *(record for kind in rules[run.id] if (record := by_kind[kind][run.id]) is not None),
        ]
        for run in runs
    }


def all_met(records: list[Progress]) -> bool:
    return all(record.met for record in records)
