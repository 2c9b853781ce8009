"""True/false: a statement the learner judges."""

from __future__ import annotations

import random
from typing import Any

from ...infra.i18n import gettext as _
from ...infra.i18n import lazy_gettext as _l
from .base import AnswerFeedback, QuestionType, ResponseError, check_bool, check_keys, check_text, one_value

CHOICES = (("true", _l("True")), ("false", _l("False")))


class TrueFalse(QuestionType):
    """spec: {"answer": bool, "feedback_true": str, "feedback_false": str}.

    `feedback_true` is shown to a learner who answered True, `feedback_false` to one who answered
    False. Response: a bool. The view is never shuffled: True always comes first.
    """

    name = "true_false"
    label = _l("True / false")
    widget = "radio"

    def validate(self, spec: Any) -> None:
        check_keys(spec, ("answer", "feedback_true", "feedback_false"), "The true/false spec")
        check_bool(spec["answer"], "The true/false answer")
        check_text(spec["feedback_true"], "The feedback for True", required=False)
        check_text(spec["feedback_false"], "The feedback for False", required=False)

    def score(self, spec: dict, response: Any) -> float:
        return 1.0 if isinstance(response, bool) and response == spec["answer"] else 0.0

    def public_view(self, spec: dict, rng: random.Random | None = None, shuffle: bool = False) -> dict:
        return {"widget": self.widget, "choices": [{"id": key, "text": str(text)} for key, text in CHOICES]}

    def parse_response(self, spec: dict, values: Any) -> bool | None:
        value = one_value(values)
        if value is None:
            return None
        if value not in ("true", "false"):
            raise ResponseError(_("The answer must be true or false."))
        return value == "true"

    def feedback(self, spec: dict, response: Any) -> list[AnswerFeedback]:
        if not isinstance(response, bool):
            return []
        comment = spec["feedback_true"] if response else spec["feedback_false"]
        return [AnswerFeedback(_label(response), self.score(spec, response), comment)]

    def right_answer_text(self, spec: dict) -> str:
        return _label(spec["answer"])

    def response_text(self, spec: dict, response: Any) -> str:
        return _label(response) if isinstance(response, bool) else ""


def _label(value: bool) -> str:
    """The word shown for a truth value."""
    return _("True") if value else _("False")
