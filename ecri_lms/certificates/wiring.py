"""How completion plugs into the rest: rule evaluators, and re-evaluation when a quiz is graded."""

from ..assessment.hooks import register_attempt_graded
from .completion import register_evaluator
from .evaluators import essays_evaluator, lessons_evaluator, quizzes_evaluator
from .services import on_attempt_graded

register_evaluator("lessons", lessons_evaluator)
register_evaluator("quizzes", quizzes_evaluator)
register_evaluator("essays_graded", essays_evaluator)
register_attempt_graded(on_attempt_graded)
