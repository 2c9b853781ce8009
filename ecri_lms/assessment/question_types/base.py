"""The contract every question type fulfils, the stored shape of a question, and shared helpers.

Pure code: no database, no requests. A question type never sees the database row; it receives the
question's `spec` (a JSON-serialisable dict) and, when grading, the learner's `response` (the
JSON-serialisable value its own `parse_response` produced, or None when the question was left
unanswered). What a learner reads (a type's label, why an answer was refused) is marked for translation
and given in the language of the moment: the page's during a request, English anywhere else. Spec errors
are for the authors of question files and stay English, like the content files' other errors.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from ...infra.i18n import gettext as _

TEXT_FORMATS = ("moodle", "markdown", "html", "plain")
WIDGETS = ("radio", "checkbox", "text", "number", "select-pairs", "textarea")

MAX_TEXT_RESPONSE = 1_000
MAX_ESSAY_RESPONSE = 50_000


class QuestionError(ValueError):
    """Base of this package's errors; the message is written to be shown to an author or learner."""


class QuestionSpecError(QuestionError):
    """A question (usually its spec) is malformed and cannot be saved or used."""


class ResponseError(QuestionError):
    """A submitted response is malformed and must not be stored."""


@dataclass(frozen=True)
class AnswerFeedback:
    """Feedback on one answer the learner gave, for the review page.

    `answer` is the text of what the learner chose or typed, `fraction` the credit that answer
    carries (-1..1; for matching 1 or 0 per pair), `feedback` the author's comment ("" if none).
    """

    answer: str
    fraction: float
    feedback: str


@dataclass(frozen=True)
class Question:
    """A question as stored: the columns the database model will hold."""

    qtype: str
    name: str
    text: str
    spec: dict[str, Any]
    text_format: str = "moodle"
    general_feedback: str = ""
    category: str = ""

    @property
    def fingerprint(self) -> str:
        """A stable hash of the question's content, so an importer can recognise a duplicate."""
        content = [
            self.category,
            self.name,
            self.text,
            self.text_format,
            self.general_feedback,
            self.qtype,
            canonical(self.spec),
        ]
        encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


class QuestionType(ABC):
    """One kind of question: how its spec is checked, shown, answered and scored.

    Subclasses set the class attributes and implement every abstract method; an instance is
    registered with `ecri_lms.assessment.question_types.register`.
    """

    name: ClassVar[str]
    label: ClassVar[str]  # what people call the type ("True / false"): a lazy message, read when shown
    widget: ClassVar[str]
    auto_graded: ClassVar[bool] = True

    @abstractmethod
    def validate(self, spec: Any) -> None:
        """Raise QuestionSpecError unless `spec` is a complete, usable spec of this type."""

    @abstractmethod
    def score(self, spec: dict, response: Any) -> float | None:
        """The credit of `response` in [0, 1] (None: graded by hand); None as response scores 0."""

    @abstractmethod
    def public_view(self, spec: dict, rng: random.Random | None = None, shuffle: bool = False) -> dict:
        """What the browser may see: the widget and its options, never a right/wrong marker."""

    @abstractmethod
    def parse_response(self, spec: dict, values: Any) -> Any:
        """Turn submitted form values into a JSON-able response (None if blank), or raise ResponseError."""

    @abstractmethod
    def feedback(self, spec: dict, response: Any) -> list[AnswerFeedback]:
        """The author's feedback on each answer the learner gave."""

    @abstractmethod
    def right_answer_text(self, spec: dict) -> str:
        """The right answer, written out for the review page."""

    @abstractmethod
    def response_text(self, spec: dict, response: Any) -> str:
        """The learner's response written out, for the review page, grading and exports."""


def canonical(value: Any) -> Any:
    """The same data with integral floats as ints, so 100 and 100.0 hash alike."""
    if isinstance(value, Mapping):
        return {str(key): canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def item_id(text: str) -> str:
    """An id for a choice derived from its text: stable across shuffles, silent about correctness."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def squash(text: str) -> str:
    """Trim, collapse inner whitespace and normalise Unicode, so spacing never changes a match."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def clamp(value: float) -> float:
    """Keep a score inside [0, 1] and free of float noise such as 0.30000000000000004."""
    return round(min(1.0, max(0.0, value)), 9)


def ordered(items: list[dict], rng: random.Random | None, shuffle: bool) -> list[dict]:
    """A copy of public `items` ({"id", "text"}), shuffled with `rng` when asked.

    A seeded rng keeps an attempt's order across page loads. Shuffling starts from the order of the
    ids, not the author's order, so even a guessable seed cannot reveal which choice came first.
    """
    if not shuffle:
        return list(items)
    copy = sorted(items, key=lambda item: item["id"])
    (rng or random.Random()).shuffle(copy)
    return copy


# Spec checking --------------------------------------------------------------------------------


def check_keys(value: Any, keys: Sequence[str], where: str) -> dict:
    """Require a dict with exactly these keys, naming any missing or unknown key."""
    if not isinstance(value, dict):
        raise QuestionSpecError(f"{where} must be an object, not {type(value).__name__}.")
    missing = [key for key in keys if key not in value]
    if missing:
        raise QuestionSpecError(f"{where} lacks {', '.join(repr(key) for key in missing)}.")
    unknown = sorted(str(key) for key in value if key not in keys)
    if unknown:
        raise QuestionSpecError(f"{where} has unknown {', '.join(repr(key) for key in unknown)}.")
    return value


def check_text(value: Any, where: str, *, required: bool = True) -> str:
    """Require a string, non-blank when `required`."""
    if not isinstance(value, str):
        raise QuestionSpecError(f"{where} must be text, not {type(value).__name__}.")
    if required and not value.strip():
        raise QuestionSpecError(f"{where} is empty.")
    return value


def check_number(value: Any, where: str, low: float | None = None, high: float | None = None) -> float:
    """Require a finite number (not a bool) inside [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise QuestionSpecError(f"{where} must be a finite number, not {value!r}.")
    if low is not None and value < low:
        raise QuestionSpecError(f"{where} must be {_range_text(low, high)}, not {value:g}.")
    if high is not None and value > high:
        raise QuestionSpecError(f"{where} must be {_range_text(low, high)}, not {value:g}.")
    return float(value)


def _range_text(low: float | None, high: float | None) -> str:
    """Describe the allowed range of a number."""
    if low is None:
        return f"at most {high:g}"
    if high is None:
        return f"at least {low:g}"
    return f"between {low:g} and {high:g}"


def check_bool(value: Any, where: str) -> bool:
    """Require a real bool, so "false" cannot slip in as a truthy string."""
    if not isinstance(value, bool):
        raise QuestionSpecError(f"{where} must be true or false, not {value!r}.")
    return value


def check_list(value: Any, where: str, min_items: int) -> list:
    """Require a list of at least `min_items` entries."""
    if not isinstance(value, list):
        raise QuestionSpecError(f"{where} must be a list, not {type(value).__name__}.")
    if len(value) < min_items:
        raise QuestionSpecError(f"{where} needs at least {min_items}, has {len(value)}.")
    return value


def check_weighted_answers(
    answers: Any, where: str, min_items: int, low: float, extra_keys: Sequence[str] = ()
) -> list[dict]:
    """Check a list of {text, weight, feedback, *extra_keys} entries with distinct texts."""
    check_list(answers, where, min_items)
    seen: set[str] = set()
    for number, answer in enumerate(answers, 1):
        label = f"{where} #{number}"
        check_keys(answer, ("text", "weight", "feedback", *extra_keys), label)
        text = check_text(answer["text"], f"{label} text")
        check_number(answer["weight"], f"{label} weight (a percentage)", low, 100)
        check_text(answer["feedback"], f"{label} feedback", required=False)
        if text in seen:
            raise QuestionSpecError(f"{where}: {text!r} appears twice.")
        seen.add(text)
    return answers


def require_full_marks(answers: list[dict], where: str) -> None:
    """Refuse a spec in which no answer earns full credit."""
    if not any(answer["weight"] == 100 for answer in answers):
        raise QuestionSpecError(f"{where}: no answer is worth 100%; give the right one weight 100.")


# Reading submitted values ---------------------------------------------------------------------


def value_list(values: Any) -> list[str]:
    """Require the list of strings a form field submits (e.g. `request.form.getlist(name)`)."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise ResponseError(_("The answer must be submitted as a list of values."))
    if not all(isinstance(value, str) for value in values):
        raise ResponseError(_("Every submitted value must be text."))
    return list(values)


def one_value(values: Any, max_length: int = MAX_TEXT_RESPONSE) -> str | None:
    """The single value of a radio, text or textarea field; None when nothing was given."""
    items = value_list(values)
    if len(items) > 1:
        raise ResponseError(_("Only one answer is allowed; %(count)d were submitted.", count=len(items)))
    if not items or not items[0].strip():
        return None
    if len(items[0]) > max_length:
        raise ResponseError(_("The answer is too long: at most %(limit)d characters.", limit=max_length))
    return items[0]


# Choices (single choice, multiple response) ---------------------------------------------------


def choices_by_id(choices: list[dict]) -> dict[str, dict]:
    """Index choices by their text-derived id."""
    return {item_id(choice["text"]): choice for choice in choices}


def public_choices(choices: list[dict], rng: random.Random | None, shuffle: bool) -> list[dict]:
    """The choices as the browser may see them: id and text only."""
    return ordered([{"id": item_id(choice["text"]), "text": choice["text"]} for choice in choices], rng, shuffle)


def known_choice(choices: list[dict], value: str) -> str:
    """Refuse an id that is not one of the question's choices."""
    if value not in choices_by_id(choices):
        raise ResponseError(_("The answer is not one of the question's choices."))
    return value
