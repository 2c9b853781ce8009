"""Columns other areas add to the gradebook. Completion (certificates) registers its state here.

`register_completion_state(fn)`: `fn(run, user_ids) -> dict[int, str]` gives each trainee's
completion label ("Completed", "In progress"…) in a bounded number of queries. With nothing
registered the gradebook shows no completion column.
"""

from collections.abc import Callable

CompletionState = Callable[[object, list[int]], dict[int, str]]
_completion: list[CompletionState] = []


def register_completion_state(fn: CompletionState) -> CompletionState:
    """Add a provider of the completion column; the latest registered one answers."""
    _completion.append(fn)
    return fn


def unregister_completion_state(fn: CompletionState) -> None:
    """Remove a provider (tests that registered one), giving the column back to the one before it."""
    if fn in _completion:
        _completion.remove(fn)


def has_completion_state() -> bool:
    return bool(_completion)


def completion_states(run, user_ids: list[int]) -> dict[int, str] | None:
    """Each trainee's completion label, or None when no area provides completion."""
    if not _completion:
        return None
    return _completion[-1](run, user_ids)
