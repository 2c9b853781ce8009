"""Write questions as Moodle GIFT that `parse_gift` reads back to the same questions.

Texts are assumed trimmed (as the parser produces them): GIFT cannot keep outer whitespace. GIFT
has no place for a short answer's `case_sensitive: true` nor an essay's `response_template` and
`grader_info`; they are left out, as Moodle's own export does. Line ends are written as `\\n`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .gift_parser import BLANK, CATEGORY_PREFIX, FORMAT_MARKER
from .question_types import Question, validate_question
from .question_types.numerical import format_number


class GiftWriteError(ValueError):
    """A question holds something GIFT cannot express without changing its meaning."""


def to_gift(questions: Iterable[Question]) -> str:
    """The questions as one GIFT text, with a $CATEGORY line wherever the category changes."""
    chunks = []
    category = ""
    for question in questions:
        if question.category != category:
            if "\n" in question.category or "\r" in question.category:
                raise GiftWriteError(f"The category {question.category!r} spans several lines.")
            chunks.append(f"{CATEGORY_PREFIX} {question.category}".rstrip())
            category = question.category
        chunks.append(write_question(question))
    return "".join(f"{chunk}\n\n" for chunk in chunks)


def write_question(question: Question) -> str:
    """One question in GIFT: ::title::[format]text{answers}."""
    validate_question(question)
    writer = _BLOCK_WRITERS.get(question.qtype)
    if writer is None:
        raise GiftWriteError(f"GIFT has no form for {question.qtype!r} questions.")
    block = writer(question.spec, question.general_feedback)
    head = f"::{_escape(question.name, TITLE_SPECIALS)}::{_format_marker(question)}"
    before, blank, after = question.text.partition(BLANK)
    if blank and after.strip():
        return f"{head}{_escape(before, TEXT_SPECIALS)}{block}{_escape(after, TEXT_SPECIALS)}"
    return f"{head}{_escape(question.text, TEXT_SPECIALS)}{block}"


# Which characters each part of a question must escape (a backslash and line ends always are).
TITLE_SPECIALS = ":{}"
TEXT_SPECIALS = "{}"
ANSWER_SPECIALS = "=~#{}"


def _escape(text: str, specials: str) -> str:
    """Escape GIFT's special characters and write line ends as \\n so the question stays one block."""
    escaped = text.replace("\\", "\\\\")
    for char in specials:
        escaped = escaped.replace(char, "\\" + char)
    return escaped.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _format_marker(question: Question) -> str:
    """The [format] prefix, also written for moodle text that would otherwise read as a marker."""
    if question.text_format != "moodle" or FORMAT_MARKER.match(question.text):
        return f"[{question.text_format}]"
    return ""


def _block(lines: list[str], general_feedback: str) -> str:
    """An answer block, one answer per line, general feedback last."""
    if general_feedback:
        lines = [*lines, "####" + _escape(general_feedback, ANSWER_SPECIALS)]
    return "{\n" + "".join(f"{line}\n" for line in lines) + "}" if lines else "{}"


def _inline(answer: str, general_feedback: str) -> str:
    """A one-answer block such as {T} or {#5:0.5}, on its own lines only when general feedback follows."""
    return _block([answer], general_feedback) if general_feedback else "{" + answer + "}"


def _answer(marker: str, default_weight: float, answer: dict) -> str:
    """`=text`, `~%50%text #feedback`; the weight is written when not the marker's default."""
    text = _escape(answer["text"], ANSWER_SPECIALS)
    weight = answer["weight"]
    prefix = f"%{format_number(weight)}%" if weight != default_weight or text.startswith("%") else ""
    feedback = f" #{_escape(answer['feedback'], ANSWER_SPECIALS)}" if answer["feedback"] else ""
    return f"{marker}{prefix}{text}{feedback}"


def _single_choice(spec: dict, general_feedback: str) -> str:
    lines = [
        _answer("=", 100, choice) if choice["weight"] == 100 else _answer("~", 0, choice) for choice in spec["choices"]
    ]
    return _block(lines, general_feedback)


def _multiple_response(spec: dict, general_feedback: str) -> str:
    return _block([_answer("~", 0, choice) for choice in spec["choices"]], general_feedback)


def _true_false(spec: dict, general_feedback: str) -> str:
    answer = spec["answer"]
    if_right = spec["feedback_true"] if answer else spec["feedback_false"]
    if_wrong = spec["feedback_false"] if answer else spec["feedback_true"]
    head = "T" if answer else "F"
    if if_right or if_wrong:
        head += f"#{_escape(if_wrong, ANSWER_SPECIALS)}#{_escape(if_right, ANSWER_SPECIALS)}"
    return _inline(head, general_feedback)


def _short_answer(spec: dict, general_feedback: str) -> str:
    if any("->" in answer["text"] for answer in spec["answers"]):
        raise GiftWriteError("GIFT would read a short answer containing -> as a matching pair.")
    return _block([_answer("=", 100, answer) for answer in spec["answers"]], general_feedback)


def _numerical(spec: dict, general_feedback: str) -> str:
    answers = spec["answers"]
    if len(answers) == 1 and answers[0]["weight"] == 100:
        return _inline("#" + _numerical_answer(answers[0]), general_feedback)
    lines = [f"={_weight_prefix(answer['weight'])}{_numerical_answer(answer)}" for answer in answers]
    return _block(["#", *lines], general_feedback)


def _weight_prefix(weight: float) -> str:
    return "" if weight == 100 else f"%{format_number(weight)}%"


def _numerical_answer(answer: dict) -> str:
    """`5`, `5:0.5` or `5..7`, then ` #feedback`."""
    if "min" in answer:
        number = f"{format_number(answer['min'])}..{format_number(answer['max'])}"
    elif answer["tolerance"]:
        number = f"{format_number(answer['value'])}:{format_number(answer['tolerance'])}"
    else:
        number = format_number(answer["value"])
    feedback = f" #{_escape(answer['feedback'], ANSWER_SPECIALS)}" if answer["feedback"] else ""
    return number + feedback


def _matching(spec: dict, general_feedback: str) -> str:
    if any("->" in pair["left"] for pair in spec["pairs"]):
        raise GiftWriteError("GIFT cannot write a matching prompt that contains ->.")
    lines = [
        f"={_escape(pair['left'], ANSWER_SPECIALS)} -> {_escape(pair['right'], ANSWER_SPECIALS)}"
        for pair in spec["pairs"]
    ]
    lines += [f"= -> {_escape(distractor, ANSWER_SPECIALS)}" for distractor in spec["distractors"]]
    return _block(lines, general_feedback)


def _essay(spec: dict, general_feedback: str) -> str:
    return _block([], general_feedback)


_BLOCK_WRITERS: dict[str, Callable[[dict, str], str]] = {
    "single_choice": _single_choice,
    "multiple_response": _multiple_response,
    "true_false": _true_false,
    "short_answer": _short_answer,
    "numerical": _numerical,
    "matching": _matching,
    "essay": _essay,
}
