"""Who counts as a learner of a course: enrolled for self-study, or registered for one of its runs.

Areas that give people access to a course (self-paced enrolment in the catalogue, run
registration in scheduling) register a check here; areas that need the answer (materials,
quizzes, certificates) ask `is_learner` and stay unaware of where access came from.
"""

from typing import Callable

LearnerCheck = Callable[[object, object], bool]

_LEARNER_CHECKS: dict[str, LearnerCheck] = {}


def register_learner_check(name: str, check: LearnerCheck) -> None:
    """`check(user, course) -> bool`: True when this area gives the user access to the course."""
    _LEARNER_CHECKS[name] = check


def is_learner(user, course) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return any(check(user, course) for check in _LEARNER_CHECKS.values())
