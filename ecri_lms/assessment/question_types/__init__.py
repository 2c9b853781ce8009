"""The registry of quiz question types; importing this package registers every built-in type.

A new type is one module with a `QuestionType` subclass, plus one entry in `BUILTIN_TYPES` (or a
`register(MyType())` call from the module that defines it).
"""

from __future__ import annotations

from .base import (
    TEXT_FORMATS,
    WIDGETS,
    AnswerFeedback,
    Question,
    QuestionError,
    QuestionSpecError,
    QuestionType,
    ResponseError,
    item_id,
)
from .essay import Essay
from .matching import Matching
from .multiple_response import MultipleResponse
from .numerical import Numerical
from .short_answer import ShortAnswer
from .single_choice import SingleChoice
from .true_false import TrueFalse

__all__ = [
    "TEXT_FORMATS",
    "WIDGETS",
    "AnswerFeedback",
    "Question",
    "QuestionError",
    "QuestionSpecError",
    "QuestionType",
    "ResponseError",
    "all_types",
    "get_type",
    "item_id",
    "register",
    "validate_question",
]

BUILTIN_TYPES = (SingleChoice, MultipleResponse, TrueFalse, ShortAnswer, Numerical, Matching, Essay)

_registry: dict[str, QuestionType] = {}


def register(question_type: QuestionType) -> QuestionType:
    """Make a question type available by its name; a name can be registered only once."""
    name = getattr(question_type, "name", None)
    if not isinstance(question_type, QuestionType) or not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"{question_type!r} is not a QuestionType instance with an identifier as its name.")
    if question_type.widget not in WIDGETS:
        raise ValueError(f"Question type {name!r} uses the unknown widget {question_type.widget!r}.")
    if name in _registry:
        raise ValueError(f"A question type named {name!r} is already registered.")
    _registry[name] = question_type
    return question_type


def get_type(name: str) -> QuestionType:
    """The registered type called `name`, or QuestionSpecError naming the known ones."""
    try:
        return _registry[name]
    except (KeyError, TypeError):
        known = ", ".join(_registry)
        raise QuestionSpecError(f"Unknown question type {name!r}; known types: {known}.") from None


def all_types() -> list[QuestionType]:
    """Every registered type, in registration order (e.g. for an authoring menu)."""
    return list(_registry.values())


def validate_question(question: Question) -> None:
    """Raise QuestionSpecError unless the whole question (fields and spec) can be stored and used."""
    for field in ("name", "text"):
        value = getattr(question, field)
        if not isinstance(value, str) or not value.strip():
            raise QuestionSpecError(f"The question's {field} is empty.")
    if question.text_format not in TEXT_FORMATS:
        raise QuestionSpecError(f"Unknown text format {question.text_format!r}; use one of {', '.join(TEXT_FORMATS)}.")
    for field in ("general_feedback", "category"):
        if not isinstance(getattr(question, field), str):
            raise QuestionSpecError(f"The question's {field} must be text.")
    get_type(question.qtype).validate(question.spec)


for _type in BUILTIN_TYPES:
    register(_type())
