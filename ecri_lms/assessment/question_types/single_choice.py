"""Single choice: the learner picks one choice; its weight is the score (one or several right)."""

from __future__ import annotations

import random
from typing import Any

from ...infra.i18n import lazy_gettext as _l
from .base import (
    AnswerFeedback,
    QuestionType,
    check_keys,
    check_weighted_answers,
    choices_by_id,
    clamp,
    known_choice,
    one_value,
    public_choices,
    require_full_marks,
)


class SingleChoice(QuestionType):
    """spec: {"choices": [{"text": str, "weight": -100..100, "feedback": str}, ...]} (2+ choices).

    A choice's weight is the percentage the question earns when that choice is picked; at least one
    choice is worth 100. Response: the picked choice's id (str).
    """

    name = "single_choice"
    label = _l("Single choice")
    widget = "radio"

    def validate(self, spec: Any) -> None:
        check_keys(spec, ("choices",), "The single-choice spec")
        check_weighted_answers(spec["choices"], "Choice", 2, -100)
        require_full_marks(spec["choices"], "Single choice")

    def score(self, spec: dict, response: Any) -> float:
        choice = choices_by_id(spec["choices"]).get(response)
        return clamp(choice["weight"] / 100) if choice else 0.0

    def public_view(self, spec: dict, rng: random.Random | None = None, shuffle: bool = False) -> dict:
        return {"widget": self.widget, "choices": public_choices(spec["choices"], rng, shuffle)}

    def parse_response(self, spec: dict, values: Any) -> str | None:
        value = one_value(values)
        return None if value is None else known_choice(spec["choices"], value)

    def feedback(self, spec: dict, response: Any) -> list[AnswerFeedback]:
        choice = choices_by_id(spec["choices"]).get(response)
        if choice is None:
            return []
        return [AnswerFeedback(choice["text"], choice["weight"] / 100, choice["feedback"])]

    def right_answer_text(self, spec: dict) -> str:
        return " / ".join(choice["text"] for choice in spec["choices"] if choice["weight"] == 100)

    def response_text(self, spec: dict, response: Any) -> str:
        choice = choices_by_id(spec["choices"]).get(response)
        return choice["text"] if choice else ""
