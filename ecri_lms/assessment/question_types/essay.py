"""Essay: a free-text answer that a trainer grades by hand."""

from __future__ import annotations

import random
from typing import Any

from ...infra.i18n import lazy_gettext as _l
from .base import MAX_ESSAY_RESPONSE, AnswerFeedback, QuestionType, check_keys, check_text, one_value


class Essay(QuestionType):
    """spec: {"response_template": str, "grader_info": str}.

    `response_template` pre-fills the learner's text box; `grader_info` (a rubric or model answer)
    is for graders only and never leaves the server in the public view. `score` is always None.
    Response: the text (str), with line ends normalised to "\\n" and outer whitespace trimmed.
    """

    name = "essay"
    label = _l("Essay")
    widget = "textarea"
    auto_graded = False

    def validate(self, spec: Any) -> None:
        check_keys(spec, ("response_template", "grader_info"), "The essay spec")
        check_text(spec["response_template"], "The response template", required=False)
        check_text(spec["grader_info"], "The information for graders", required=False)

    def score(self, spec: dict, response: Any) -> None:
        return None

    def public_view(self, spec: dict, rng: random.Random | None = None, shuffle: bool = False) -> dict:
        return {"widget": self.widget, "response_template": spec["response_template"], "max_length": MAX_ESSAY_RESPONSE}

    def parse_response(self, spec: dict, values: Any) -> str | None:
        value = one_value(values, MAX_ESSAY_RESPONSE)
        return None if value is None else value.replace("\r\n", "\n").replace("\r", "\n").strip()

    def feedback(self, spec: dict, response: Any) -> list[AnswerFeedback]:
        return []

    def right_answer_text(self, spec: dict) -> str:
        return ""

    def response_text(self, spec: dict, response: Any) -> str:
        return response if isinstance(response, str) else ""
