"""Matching: the learner pairs each prompt with one of the options."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from ...infra.i18n import gettext as _
from ...infra.i18n import lazy_gettext as _l
from .base import (
    AnswerFeedback,
    QuestionSpecError,
    QuestionType,
    ResponseError,
    check_keys,
    check_list,
    check_text,
    clamp,
    item_id,
    ordered,
)

GONE_OPTION = _l("(an option no longer in the question)")


class Matching(QuestionType):
    """spec: {"pairs": [{"left": str, "right": str}, ...] (2+), "distractors": [str, ...]}.

    Left texts (the prompts) are distinct; two prompts may share a right text. Distractors are
    extra options that match no prompt. Score = right pairs / pairs.
    Response: {prompt id: option id} for the prompts answered. The view lists the prompts (author's
    order) and the options (deduplicated, alphabetical so their order never hints at the pairs);
    both are shuffled when asked.
    """

    name = "matching"
    label = _l("Matching")
    widget = "select-pairs"

    def validate(self, spec: Any) -> None:
        check_keys(spec, ("pairs", "distractors"), "The matching spec")
        lefts = set()
        for number, pair in enumerate(check_list(spec["pairs"], "Matching pairs", 2), 1):
            check_keys(pair, ("left", "right"), f"Pair #{number}")
            left = check_text(pair["left"], f"Pair #{number} left side")
            check_text(pair["right"], f"Pair #{number} right side")
            if left in lefts:
                raise QuestionSpecError(f"Matching: the prompt {left!r} appears twice.")
            lefts.add(left)
        rights = {pair["right"] for pair in spec["pairs"]}
        distractors = check_list(spec["distractors"], "Matching distractors", 0)
        for number, distractor in enumerate(distractors, 1):
            check_text(distractor, f"Distractor #{number}")
            if distractor in rights:
                raise QuestionSpecError(f"Matching: the distractor {distractor!r} is also a right answer.")
        if len(set(distractors)) < len(distractors):
            raise QuestionSpecError("Matching: a distractor appears twice.")

    def score(self, spec: dict, response: Any) -> float:
        answered = response if isinstance(response, Mapping) else {}
        right = sum(answered.get(item_id(pair["left"])) == item_id(pair["right"]) for pair in spec["pairs"])
        return clamp(right / len(spec["pairs"]))

    def public_view(self, spec: dict, rng: random.Random | None = None, shuffle: bool = False) -> dict:
        prompts = [{"id": item_id(pair["left"]), "text": pair["left"]} for pair in spec["pairs"]]
        options = sorted(
            ({"id": item_id(text), "text": text} for text in _option_texts(spec)),
            key=lambda option: option["text"].casefold(),
        )
        return {
            "widget": self.widget,
            "prompts": ordered(prompts, rng, shuffle),
            "options": ordered(options, rng, shuffle),
        }

    def parse_response(self, spec: dict, values: Any) -> dict[str, str] | None:
        if not isinstance(values, Mapping):
            raise ResponseError(_("A matching answer must be submitted as prompt/option pairs."))
        prompts = {item_id(pair["left"]) for pair in spec["pairs"]}
        options = {item_id(text) for text in _option_texts(spec)}
        response = {}
        for prompt, option in values.items():
            if not isinstance(prompt, str) or not isinstance(option, str):
                raise ResponseError(_("Every submitted value must be text."))
            if prompt not in prompts:
                raise ResponseError(_("The answer names a prompt that is not in the question."))
            if option and option not in options:
                raise ResponseError(_("The answer is not one of the question's options."))
            if option:
                response[prompt] = option
        return response or None

    def feedback(self, spec: dict, response: Any) -> list[AnswerFeedback]:
        answered = response if isinstance(response, Mapping) else {}
        texts = {item_id(text): text for text in _option_texts(spec)}
        items = []
        for pair in spec["pairs"]:
            chosen = answered.get(item_id(pair["left"]))
            if chosen is not None:
                credit = 1.0 if chosen == item_id(pair["right"]) else 0.0
                items.append(AnswerFeedback(f"{pair['left']} → {texts.get(chosen, GONE_OPTION)}", credit, ""))
        return items

    def right_answer_text(self, spec: dict) -> str:
        return "; ".join(f"{pair['left']} → {pair['right']}" for pair in spec["pairs"])

    def response_text(self, spec: dict, response: Any) -> str:
        return "; ".join(item.answer for item in self.feedback(spec, response))


def _option_texts(spec: dict) -> list[str]:
    """Every option the learner can pick: the right sides (once each) and the distractors."""
    return list(dict.fromkeys([pair["right"] for pair in spec["pairs"]] + spec["distractors"]))
