"""How completion plugs into the rest: rule evaluators (one run and batch), re-evaluation when attendance is
marked or a quiz is graded, and the completion column of the gradebook."""

from ..assessment.hooks import register_attempt_graded
from ..attendance.queries import attendance_rate, attendance_rates_of
from ..attendance.services import on_attendance_changed
from .completion import register_batch_evaluator, register_evaluator
from .evaluators import (
    attendance_batch,
    attendance_evaluator,
    essays_batch,
    essays_evaluator,
    lessons_batch,
    lessons_evaluator,
    quizzes_batch,
    quizzes_evaluator,
)
from .gradebook.columns import register_completion_state
from .queries import completion_states
from .services import attendance_changed, on_attempt_graded

register_evaluator("lessons", lessons_evaluator)
register_evaluator("attendance_rate", attendance_evaluator(attendance_rate))
register_evaluator("quizzes", quizzes_evaluator)
register_evaluator("essays_graded", essays_evaluator)
register_batch_evaluator("lessons", lessons_batch)
register_batch_evaluator("attendance_rate", attendance_batch(attendance_rates_of))
register_batch_evaluator("quizzes", quizzes_batch)
register_batch_evaluator("essays_graded", essays_batch)
register_attempt_graded(on_attempt_graded)
on_attendance_changed(attendance_changed)
register_completion_state(completion_states)
