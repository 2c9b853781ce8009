"""Sync hooks: other areas load extra files of a course (quizzes…) inside the same sync.

A hook has two halves, so that nothing is written unless the whole content is valid:
`check(source)` runs while the loader validates everything and returns ContentErrors (file and
line); `apply(source, course)` runs inside the sync's transaction for every created or updated
course and may raise ContentInvalid, which rolls the whole sync back. Bumping a hook's `version`
makes the next sync apply it to every course again, so a newly registered hook reaches courses
whose files have not changed.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .errors import ContentError
from .sources import CourseSource


@dataclass(frozen=True)
class CourseSyncHook:
    name: str
    check: Callable[[CourseSource], Iterable[ContentError]]
    apply: Callable[[CourseSource, object], None]
    version: str = "1"


_HOOKS: dict[str, CourseSyncHook] = {}


def register_course_sync_hook(
    name: str,
    *,
    check: Callable[[CourseSource], Iterable[ContentError]],
    apply: Callable[[CourseSource, object], None],
    version: str = "1",
) -> None:
    """Add (or replace, by name) a hook run for every course the sync reads."""
    _HOOKS[name] = CourseSyncHook(name, check, apply, version)


def unregister_course_sync_hook(name: str) -> None:
    _HOOKS.pop(name, None)


def course_sync_hooks() -> list[CourseSyncHook]:
    return [_HOOKS[name] for name in sorted(_HOOKS)]


def hooks_signature() -> str:
    """Part of every course fingerprint: adding or upgrading a hook re-applies it everywhere."""
    return ";".join(f"{hook.name}={hook.version}" for hook in course_sync_hooks())
