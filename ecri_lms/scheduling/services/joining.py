"""Who may join a run's sessions online: the one rule behind the run page, its calendar files and the feeds."""

from collections.abc import Callable

from .. import queries
from ..models import CourseRun, TrainingSession
from ..permissions import can_manage_run, is_trainer_of


def _may_join(user, run: CourseRun, *, seated: bool) -> bool:
    return seated or is_trainer_of(user, run) or can_manage_run(user, run)


def may_join(user, run: CourseRun) -> bool:
    """Whether the user is given the run's meeting links: a confirmed trainee, a trainer of the run, a manager."""
    registration = queries.registration_of(run, user)
    return _may_join(user, run, seated=registration is not None and registration.is_confirmed)


def join_checker(user, sessions: list[TrainingSession]) -> Callable[[TrainingSession], bool]:
    """`may_join` for many sessions at once: the user's confirmed seats among their runs in one query."""
    seated = queries.confirmed_run_ids(user, {s.run_id for s in sessions})
    return lambda s: _may_join(user, s.run, seated=s.run_id in seated)
