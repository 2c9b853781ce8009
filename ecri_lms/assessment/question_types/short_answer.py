"""Short answer: the learner types a word or phrase; the best matching accepted answer counts."""

from __future__ import annotations

import random
from typing import Any

from ...infra.i18n import lazy_gettext as _l
from .base import (
    MAX_TEXT_RESPONSE,
    AnswerFeedback,
    QuestionSpecError,
    QuestionType,
    check_bool,
    check_keys,
    check_weighted_answers,
    clamp,
    one_value,
    require_full_marks,
    squash,
)


class ShortAnswer(QuestionType):
    """spec: {"answers": [{"text": str, "weight": 0..100, "feedback": str}, ...], "case_sensitive": bool}.

    At least one answer is worth 100; a lower weight gives partial credit and 0 only feedback.
    Matching trims and collapses whitespace and, unless `case_sensitive`, ignores case.
    Response: the typed text, trimmed and with whitespace collapsed (str).
    """

    name = "short_answer"
    label = _l("Short answer")
    widget = "text"

    def validate(self, spec: Any) -> None:
        check_keys(spec, ("answers", "case_sensitive"), "The short-answer spec")
        case_sensitive = check_bool(spec["case_sensitive"], "case_sensitive")
        check_weighted_answers(spec["answers"], "Accepted answer", 1, 0)
        require_full_marks(spec["answers"], "Short answer")
        forms = [_comparable(answer["text"], case_sensitive) for answer in spec["answers"]]
        if len(set(forms)) < len(forms):
            raise QuestionSpecError("Short answer: two accepted answers differ only in spacing or case.")

    def score(self, spec: dict, response: Any) -> float:
        answer = _best_match(spec, response)
        return clamp(answer["weight"] / 100) if answer else 0.0

    def public_view(self, spec: dict, rng: random.Random | None = None, shuffle: bool = False) -> dict:
        return {"widget": self.widget, "max_length": MAX_TEXT_RESPONSE}

    def parse_response(self, spec: dict, values: Any) -> str | None:
        value = one_value(values)
        return None if value is None else squash(value)

    def feedback(self, spec: dict, response: Any) -> list[AnswerFeedback]:
        if not isinstance(response, str):
            return []
        answer = _best_match(spec, response)
        if answer is None:
            return [AnswerFeedback(response, 0.0, "")]
        return [AnswerFeedback(response, answer["weight"] / 100, answer["feedback"])]

    def right_answer_text(self, spec: dict) -> str:
        return " / ".join(answer["text"] for answer in spec["answers"] if answer["weight"] == 100)

    def response_text(self, spec: dict, response: Any) -> str:
        return response if isinstance(response, str) else ""


def _comparable(text: str, case_sensitive: bool) -> str:
    """The form in which a typed text and an accepted answer are compared."""
    text = squash(text)
    return text if case_sensitive else text.casefold()


def _best_match(spec: dict, response: Any) -> dict | None:
    """The accepted answer with the highest weight that the response matches."""
    if not isinstance(response, str):
        return None
    typed = _comparable(response, spec["case_sensitive"])
    matches = [answer for answer in spec["answers"] if _comparable(answer["text"], spec["case_sensitive"]) == typed]
    return max(matches, key=lambda answer: answer["weight"], default=None)
