"""How far a trainee is on one completion rule, and the shape of the functions that say it."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """How far a trainee is on one rule, in words a trainee understands."""

    kind: str
    met: bool
    value: float | None
    target: float | None
    text: str


# (user, run, target) → progress on one run, None when the rule asks for nothing there.
Evaluator = Callable[[object, object, object], Progress | None]
# (user, [(run, target), …]) → progress on each run, by run id, reading the rule's area once.
BatchEvaluator = Callable[[object, list[tuple[object, object]]], dict[int, Progress | None]]
