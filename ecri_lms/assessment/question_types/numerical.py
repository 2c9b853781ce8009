"""Numerical: the learner types a number, right within a tolerance or a range."""

from __future__ import annotations

import math
import random
import re
from typing import Any

from babel.numbers import get_decimal_symbol

from ...infra.i18n import current_language
from ...infra.i18n import gettext as _
from ...infra.i18n import lazy_gettext as _l
from ...infra.i18n import parse_number as parse_in_language
from .base import (
    AnswerFeedback,
    QuestionSpecError,
    QuestionType,
    ResponseError,
    check_keys,
    check_list,
    check_number,
    check_text,
    clamp,
    one_value,
    require_full_marks,
)

# One optional sign, digits with at most one decimal point or comma, an optional exponent.
_NUMBER = re.compile(r"[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?")
# "44,800" is 44.8 in most of Europe and 44800 in English: refuse to guess.
_COMMA_THOUSANDS = re.compile(r"[-+]?[1-9]\d{0,2},\d{3}")


class Numerical(QuestionType):
    """spec: {"answers": [answer, ...]} (1+), each answer one of
    {"value": number, "tolerance": number >= 0, "weight": 0..100, "feedback": str}  (value ± tolerance)
    {"min": number, "max": number, "weight": 0..100, "feedback": str}              (min..max)

    At least one answer is worth 100. A number inside several answers earns the best weight.
    Response: the number (float), read in the page's language (`read_answer`).
    """

    name = "numerical"
    label = _l("Numerical")
    widget = "number"

    def validate(self, spec: Any) -> None:
        check_keys(spec, ("answers",), "The numerical spec")
        for number, answer in enumerate(check_list(spec["answers"], "Numerical answers", 1), 1):
            _check_answer(answer, f"Numerical answer #{number}")
        require_full_marks(spec["answers"], "Numerical")

    def score(self, spec: dict, response: Any) -> float:
        answer = _best_match(spec, response)
        return clamp(answer["weight"] / 100) if answer else 0.0

    def public_view(self, spec: dict, rng: random.Random | None = None, shuffle: bool = False) -> dict:
        return {"widget": self.widget}

    def parse_response(self, spec: dict, values: Any) -> float | None:
        value = one_value(values)
        return None if value is None else read_answer(value)

    def feedback(self, spec: dict, response: Any) -> list[AnswerFeedback]:
        if not _is_number(response):
            return []
        answer = _best_match(spec, response)
        if answer is None:
            return [AnswerFeedback(shown_number(response), 0.0, "")]
        return [AnswerFeedback(shown_number(response), answer["weight"] / 100, answer["feedback"])]

    def right_answer_text(self, spec: dict) -> str:
        return " / ".join(_describe(answer) for answer in spec["answers"] if answer["weight"] == 100)

    def response_text(self, spec: dict, response: Any) -> str:
        return shown_number(response) if _is_number(response) else ""


def writes_decimal_comma(language: str) -> bool:
    """Whether people of this language write 5,5 for five and a half (es, el, pl, it) rather than 5.5."""
    return get_decimal_symbol(language) == ","


def read_answer(typed: str, language: str | None = None) -> float:
    """A number a learner typed, read in the page's language (or `language`); ResponseError if it is none.

    Where the language writes a decimal comma (es, el, pl, it) the reader's way counts: "57,6" is 57.6,
    "1.140" and "1 140" are 1140, and a lone point is a decimal point ("62.5"). On an English page a
    comma may still be a decimal comma ("5,5"), but "44,800" (a thousands comma or a decimal one?) is
    refused as ambiguous, and a point is always a decimal point.
    """
    cleaned = typed.strip()
    language = language or current_language()
    if writes_decimal_comma(language):
        try:
            value = float(parse_in_language(cleaned, language))
        except ValueError:
            raise ResponseError(_("'%(typed)s' is not a number.", typed=cleaned)) from None
    elif _COMMA_THOUSANDS.fullmatch(cleaned):
        raise ResponseError(
            _(
                "'%(typed)s' is ambiguous: write %(whole)s or %(decimal)s.",
                typed=cleaned,
                whole=cleaned.replace(",", ""),
                decimal=cleaned.replace(",", "."),
            )
        )
    elif _NUMBER.fullmatch(cleaned):
        value = float(cleaned.replace(",", "."))
    else:
        raise ResponseError(_("'%(typed)s' is not a number.", typed=cleaned))
    if math.isnan(value):
        raise ResponseError(_("'%(typed)s' is not a number.", typed=cleaned))
    if not math.isfinite(value):
        raise ResponseError(_("'%(typed)s' is too large.", typed=cleaned))
    return value


def shown_number(value: float) -> str:
    """A number as the reader writes it, with exactly enough digits to read it back: 5.5 is "5,5" on a
    Spanish, Greek, Polish or Italian page (never grouped: the attempt page puts it back in its field)."""
    return format_number(value).replace(".", get_decimal_symbol(current_language()))


def parse_number(text: str) -> float:
    """Read a number as a GIFT file writes it: "5.5", "5,5", "-1e3"; raise ValueError otherwise."""
    cleaned = text.strip()
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"{cleaned!r} is not a number.")
    value = float(cleaned.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(f"{cleaned!r} is too large.")
    return value


def format_number(value: float) -> str:
    """Write a number without a needless ".0", and exactly enough digits to read it back (as GIFT does)."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def bounds(answer: dict) -> tuple[float, float]:
    """The closed interval an answer accepts."""
    if "min" in answer:
        return answer["min"], answer["max"]
    return answer["value"] - answer["tolerance"], answer["value"] + answer["tolerance"]


def _check_answer(answer: Any, where: str) -> None:
    """Check one answer in either of its two shapes."""
    if isinstance(answer, dict) and "min" in answer:
        check_keys(answer, ("min", "max", "weight", "feedback"), where)
        if check_number(answer["min"], f"{where} min") > check_number(answer["max"], f"{where} max"):
            raise QuestionSpecError(f"{where}: min is larger than max.")
    else:
        check_keys(answer, ("value", "tolerance", "weight", "feedback"), where)
        check_number(answer["value"], f"{where} value")
        check_number(answer["tolerance"], f"{where} tolerance", 0)
    check_number(answer["weight"], f"{where} weight (a percentage)", 0, 100)
    check_text(answer["feedback"], f"{where} feedback", required=False)


def _is_number(value: Any) -> bool:
    """True for a finite int or float, never for a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _accepts(answer: dict, value: float) -> bool:
    """Whether `value` falls in the answer's interval, forgiving binary rounding (2.4 + 0.05)."""
    low, high = bounds(answer)
    slack = 1e-9 * max(1.0, abs(low), abs(high))
    return low - slack <= value <= high + slack


def _best_match(spec: dict, response: Any) -> dict | None:
    """The answer with the highest weight that accepts the response."""
    if not _is_number(response):
        return None
    matches = [answer for answer in spec["answers"] if _accepts(answer, response)]
    return max(matches, key=lambda answer: answer["weight"], default=None)


def _describe(answer: dict) -> str:
    """An answer written for people, in their way of writing numbers: "5", "5 ± 0.5" or "5 to 7"."""
    if "min" in answer:
        return _("%(low)s to %(high)s", low=shown_number(answer["min"]), high=shown_number(answer["max"]))
    if answer["tolerance"]:
        return f"{shown_number(answer['value'])} ± {shown_number(answer['tolerance'])}"
    return shown_number(answer["value"])
