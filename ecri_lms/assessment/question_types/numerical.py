"""Numerical: the learner types a number, right within a tolerance or a range."""

from __future__ import annotations

import math
import random
import re
from typing import Any

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
    Response: the number (float); "5,5" is read as 5.5, while "44,800" (a thousands comma or a
    decimal one?) is refused as ambiguous. A point is always a decimal point.
    """

    name = "numerical"
    label = "Numerical"
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
        if value is None:
            return None
        if _COMMA_THOUSANDS.fullmatch(value.strip()):
            whole, decimal = value.strip().replace(",", ""), value.strip().replace(",", ".")
            raise ResponseError(f"{value.strip()!r} is ambiguous: write {whole} or {decimal}.")
        try:
            return parse_number(value)
        except ValueError as error:
            raise ResponseError(str(error)) from None

    def feedback(self, spec: dict, response: Any) -> list[AnswerFeedback]:
        if not _is_number(response):
            return []
        answer = _best_match(spec, response)
        if answer is None:
            return [AnswerFeedback(format_number(response), 0.0, "")]
        return [AnswerFeedback(format_number(response), answer["weight"] / 100, answer["feedback"])]

    def right_answer_text(self, spec: dict) -> str:
        return " / ".join(_describe(answer) for answer in spec["answers"] if answer["weight"] == 100)

    def response_text(self, spec: dict, response: Any) -> str:
        return format_number(response) if _is_number(response) else ""


def parse_number(text: str) -> float:
    """Read a number as people type it: "5.5", "5,5", "-1e3"; raise ValueError otherwise."""
    cleaned = text.strip()
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"{cleaned!r} is not a number.")
    value = float(cleaned.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(f"{cleaned!r} is too large.")
    return value


def format_number(value: float) -> str:
    """Write a number without a needless ".0", and exactly enough digits to read it back."""
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
    """An answer written for people: "5", "5 ± 0.5" or "5 to 7"."""
    if "min" in answer:
        return f"{format_number(answer['min'])} to {format_number(answer['max'])}"
    if answer["tolerance"]:
        return f"{format_number(answer['value'])} ± {format_number(answer['tolerance'])}"
    return format_number(answer["value"])
