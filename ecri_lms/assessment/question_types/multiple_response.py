"""Multiple response: the learner ticks any choices; each ticked choice adds its weight."""

from __future__ import annotations

import random
from typing import Any

from ...infra.i18n import lazy_gettext as _l
from .base import (
    AnswerFeedback,
    QuestionSpecError,
    QuestionType,
    check_keys,
    check_weighted_answers,
    choices_by_id,
    clamp,
    known_choice,
    public_choices,
    value_list,
)

# Weights such as 33.3 + 33.3 + 33.3 are accepted as a whole; scores are scaled to their sum.
WEIGHT_SUM_TOLERANCE = 1.0


class MultipleResponse(QuestionType):
    """spec: {"choices": [{"text": str, "weight": -100..100, "feedback": str}, ...]} (2+ choices).

    The positive weights add up to 100 (within one point). Score = sum of the ticked choices'
    weights / sum of the positive weights, clamped to [0, 1], so a negative weight costs credit
    but the question never scores below zero. Response: the ticked ids (list of str, spec order).
    """

    name = "multiple_response"
    label = _l("Multiple response")
    widget = "checkbox"

    def validate(self, spec: Any) -> None:
        check_keys(spec, ("choices",), "The multiple-response spec")
        check_weighted_answers(spec["choices"], "Choice", 2, -100)
        total = positive_total(spec["choices"])
        if abs(total - 100) > WEIGHT_SUM_TOLERANCE:
            raise QuestionSpecError(f"Multiple response: the positive weights add up to {total:g}%, not 100%.")

    def score(self, spec: dict, response: Any) -> float:
        by_id = choices_by_id(spec["choices"])
        earned = sum(by_id[choice_id]["weight"] for choice_id in set(response or ()) if choice_id in by_id)
        return clamp(earned / positive_total(spec["choices"]))

    def public_view(self, spec: dict, rng: random.Random | None = None, shuffle: bool = False) -> dict:
        return {"widget": self.widget, "choices": public_choices(spec["choices"], rng, shuffle)}

    def parse_response(self, spec: dict, values: Any) -> list[str] | None:
        ticked = {known_choice(spec["choices"], value) for value in value_list(values) if value}
        in_order = [choice_id for choice_id in choices_by_id(spec["choices"]) if choice_id in ticked]
        return in_order or None

    def feedback(self, spec: dict, response: Any) -> list[AnswerFeedback]:
        ticked = set(response or ())
        return [
            AnswerFeedback(choice["text"], choice["weight"] / 100, choice["feedback"])
            for choice_id, choice in choices_by_id(spec["choices"]).items()
            if choice_id in ticked
        ]

    def right_answer_text(self, spec: dict) -> str:
        return "; ".join(choice["text"] for choice in spec["choices"] if choice["weight"] > 0)

    def response_text(self, spec: dict, response: Any) -> str:
        return "; ".join(item.answer for item in self.feedback(spec, response))


def positive_total(choices: list[dict]) -> float:
    """The credit of ticking every right choice, as a percentage."""
    return sum(choice["weight"] for choice in choices if choice["weight"] > 0)
