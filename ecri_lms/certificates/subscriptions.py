"""What certificates hear from the areas below them: a trainee's attendance or quiz grade changed, so their
completion is decided again (and the certificate issued) once the change is committed, whoever wrote it."""

from ..assessment.models import Attempt, AttemptState
from ..attendance.models import AttendanceMark
from ..infra.events import Kind, committed
from .services import members_graded, members_marked, re_evaluate

GRADE_COLUMNS = frozenset({Attempt.state.key, Attempt.score.key})


@committed.connect_via(AttendanceMark)
def attendance_marked(_model, changes) -> None:
    """A mark given, changed or taken away."""
    re_evaluate(members_marked(_pairs(changes, AttendanceMark.user_id, AttendanceMark.training_session_id)))


@committed.connect_via(Attempt)
def attempt_graded(_model, changes) -> None:
    """An attempt became graded, or a graded attempt's score changed (an essay regraded)."""
    graded = [
        change
        for change in changes
        if change.kind is not Kind.DELETED
        and change.values.get(Attempt.state.key) == AttemptState.GRADED
        and change.changed & GRADE_COLUMNS
    ]
    re_evaluate(members_graded(_pairs(graded, Attempt.user_id, Attempt.quiz_id)))


def _pairs(changes, first, second) -> set[tuple[int, int]]:
    """Two columns of each changed row, named by the model's attributes so that a renamed column cannot be
    missed (a row deleted before its columns were loaded says nothing)."""
    pairs = {(change.values.get(first.key), change.values.get(second.key)) for change in changes}
    return {pair for pair in pairs if None not in pair}
