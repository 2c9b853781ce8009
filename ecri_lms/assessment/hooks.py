"""Callbacks other areas register to hear when an attempt gets its final grade (completion)."""

from collections.abc import Callable

AttemptGraded = Callable[[object], None]

# Called with the Attempt, inside the grading transaction (flush, never commit), each time an
# attempt becomes graded or a graded attempt's score changes (an essay regraded).
on_attempt_graded: list[AttemptGraded] = []


def register_attempt_graded(callback: AttemptGraded) -> AttemptGraded:
    """Add a callback once (registering the same function twice keeps one); usable as a decorator."""
    if callback not in on_attempt_graded:
        on_attempt_graded.append(callback)
    return callback


def unregister_attempt_graded(callback: AttemptGraded) -> None:
    """Remove a callback (tests that registered one)."""
    if callback in on_attempt_graded:
        on_attempt_graded.remove(callback)


def attempt_graded(attempt) -> None:
    """Tell every registered callback that `attempt` has its (new) final score."""
    for callback in list(on_attempt_graded):
        callback(attempt)
