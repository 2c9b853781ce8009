"""Completion rules and the registry of their evaluators.

A run's rules are its course's defaults (from the course files) unless a coordinator gave the run
its own full set (`CourseRun.settings["completion"]`). Each rule kind ("lessons", "attendance_rate",
"quizzes", "essays_graded") is checked by an evaluator other modules register, so that this module
knows no area's tables. An evaluator `fn(user, run, target) -> Progress | None` says how far the
trainee is, or None when the rule asks for nothing (no quizzes named, essays not required…).
A rule whose evaluator is not registered is never met: a certificate must not skip a rule.

A kind may also register a batch form `fn(user, [(run, target), …]) -> {run id: Progress | None}`
that reads its area once for many runs (a trainee's certificates page); `progress_for_runs` uses it
and falls back to the one-run evaluator for kinds without one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..timeutil import utcnow

RULE_KINDS = ("lessons", "attendance_rate", "quizzes", "essays_graded")
DEFAULT_RULES = {"lessons": "all", "quizzes": [], "essays_graded": False}
LABELS = {
    "lessons": "Lessons viewed",
    "attendance_rate": "Attendance",
    "quizzes": "Quizzes passed",
    "essays_graded": "Essays graded",
}


@dataclass(frozen=True)
class Progress:
    """How far a trainee is on one rule, in words a trainee understands."""

    kind: str
    met: bool
    value: float | None
    target: float | None
    text: str


Evaluator = Callable[[object, object, object], Progress | None]
BatchEvaluator = Callable[[object, list[tuple[object, object]]], dict[int, Progress | None]]
_EVALUATORS: dict[str, Evaluator] = {}
_BATCH_EVALUATORS: dict[str, BatchEvaluator] = {}


def register_evaluator(kind: str, fn: Evaluator) -> None:
    """Add (or replace) the evaluator of a rule kind; a batch form registered before it is dropped,
    since it would no longer say the same."""
    _EVALUATORS[kind] = fn
    _BATCH_EVALUATORS.pop(kind, None)


def register_batch_evaluator(kind: str, fn: BatchEvaluator) -> None:
    """Add (or replace) the batch form of a kind's evaluator: it must say what the evaluator says, run by run."""
    _BATCH_EVALUATORS[kind] = fn


def unregister_evaluator(kind: str) -> None:
    _EVALUATORS.pop(kind, None)
    _BATCH_EVALUATORS.pop(kind, None)


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


def _unevaluable(kind: str) -> Progress:
    return Progress(kind, False, None, None, f"{LABELS.get(kind, kind)}: cannot be checked yet.")


def _run_ended(run, now: datetime | None) -> Progress:
    ended = run_has_ended(run, now)
    return Progress("run_ended", ended, None, None, "The run has ended." if ended else "The run has not ended yet.")


def progress_of(user, run, now: datetime | None = None) -> list[Progress]:
    """The trainee's progress on every rule of the run, the run's end first."""
    records = [_run_ended(run, now)]
    for kind, target in rules_of(run).items():
        evaluator = _EVALUATORS.get(kind)
        record = evaluator(user, run, target) if evaluator else _unevaluable(kind)
        if record is not None:
            records.append(record)
    return records


def _evaluate_kind(kind: str, user, runs_and_targets: list[tuple[object, object]]) -> dict[int, Progress | None]:
    """One kind's progress on many runs: its batch form, else its evaluator run by run."""
    batch = _BATCH_EVALUATORS.get(kind)
    if batch is not None:
        return batch(user, runs_and_targets)
    evaluator = _EVALUATORS.get(kind)
    if evaluator is None:
        return {run.id: _unevaluable(kind) for run, _ in runs_and_targets}
    return {run.id: evaluator(user, run, target) for run, target in runs_and_targets}


def progress_for_runs(user, runs, now: datetime | None = None) -> dict[int, list[Progress]]:
    """progress_of for each of the trainee's runs, by run id, in a number of queries that does not grow with them."""
    rules = {run.id: rules_of(run) for run in runs}
    by_kind: dict[str, dict[int, Progress | None]] = {}
    for kind in RULE_KINDS:
        wanted = [(run, rules[run.id][kind]) for run in runs if kind in rules[run.id]]
        if wanted:
            by_kind[kind] = _evaluate_kind(kind, user, wanted)
    return {
        run.id: [
            _run_ended(run, now),
            *(record for kind in rules[run.id] if (record := by_kind[kind][run.id]) is not None),
        ]
        for run in runs
    }


def all_met(records: list[Progress]) -> bool:
    return all(record.met for record in records)
