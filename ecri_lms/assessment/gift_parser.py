"""Read Moodle GIFT text into questions; a question that cannot be read is reported and skipped.

Grammar handled (https://docs.moodle.org/en/GIFT_format): `//` comment lines, of which a `// [id:…]` line
before a question gives it its stable id (Moodle's idnumber); `$CATEGORY: path`;
questions separated by blank lines; `::title::`; a `[moodle|markdown|html|plain]` text format;
one answer block `{…}`, with text after it turning the block into a blank (`_____`) in the text;
`=` right and `~` wrong answers, `%50%` / `%-100%` weights, `#` answer feedback, `####` general
feedback; `{T}` `{TRUE}` `{F}` `{FALSE}` with `{T#if wrong#if right}`; short answer `{=a =b}`;
numerical `{#5:0.5}` `{#5..7}` `{# =5:0 =%50%6:1}`; matching `{=a -> b}` (`= -> x` is a
distractor); essay `{}`; the escapes `\\~ \\= \\# \\{ \\} \\: \\\\` and `\\n` for a new line.
Multiple choice is single choice when any answer starts with `=`, otherwise multiple response.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .question_types import Question, QuestionSpecError, validate_question
from .question_types.numerical import parse_number

BLANK = "_____"
CATEGORY_PREFIX = "$CATEGORY:"
ANSWER_MARKERS = "=~"

# While the structure is read, an escaped character becomes a private-use sentinel and a digit
# (its index in _LITERALS); a sentinel already in the text is itself kept as sentinel + "0".
_SENTINEL = "\ue000"
_LITERALS = (_SENTINEL, "\\", "~", "=", "#", "{", "}", ":", "\n")
_ESCAPE = re.compile(r"\\([\\~=#{}:n])")
_ESCAPED_AS = {"\\": "1", "~": "2", "=": "3", "#": "4", "{": "5", "}": "6", ":": "7", "n": "8"}
_PROTECTED = re.compile(_SENTINEL + "([0-8])")
FORMAT_MARKER = re.compile(r"\[(moodle|markdown|html|plain)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"%\s*([^%\s]*)\s*%")
_TRUE_FALSE = re.compile(r"(TRUE|FALSE|T|F)\s*(?=#|$)", re.IGNORECASE)
_LINE_END = re.compile(r"\r\n|\r|\n")
_ID_COMMENT = re.compile(r"\[id:([^\]]*)\]")
NAME_LENGTH = 80
IDNUMBER_LENGTH = 100


class GiftSyntaxError(ValueError):
    """One question's text does not follow the GIFT grammar."""


@dataclass(frozen=True)
class GiftError:
    """A question that could not be read: where it starts (1-based line) and why."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class ParsedQuestion:
    """A question read from GIFT, with the 1-based line where it starts and its `// [id:…]`, if any."""

    line: int
    question: Question
    idnumber: str | None = None

    @property
    def category(self) -> str:
        return self.question.category

    @property
    def fingerprint(self) -> str:
        return self.question.fingerprint


@dataclass
class GiftResult:
    """Everything read from one GIFT text: the questions and the errors, both in file order."""

    questions: list[ParsedQuestion] = field(default_factory=list)
    errors: list[GiftError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_gift(text: str) -> GiftResult:
    """Read every question of a GIFT text; a broken question becomes an error and the rest still count."""
    result = GiftResult()
    category = ""
    for block, comments in _blocks(text):
        first = block[0][1].strip()
        if first.startswith(CATEGORY_PREFIX):
            category = first[len(CATEGORY_PREFIX) :].strip()
            block = block[1:]
            if not block:
                continue
        line = block[0][0]
        try:
            idnumber = _idnumber([comment for number, comment in comments if number < line])
            question = read_question("\n".join(content for _, content in block), category)
        except (GiftSyntaxError, QuestionSpecError) as error:
            result.errors.append(GiftError(line, str(error)))
        else:
            result.questions.append(ParsedQuestion(line, question, idnumber))
    return result


def _idnumber(comments: list[str]) -> str | None:
    """The id a `// [id:…]` comment line above the question gives it (Moodle's idnumber), or None."""
    found = [match.group(1).strip() for comment in comments for match in _ID_COMMENT.finditer(comment)]
    if len(found) > 1:
        raise GiftSyntaxError(f"The question has {len(found)} [id:…] comments; give it one.")
    if not found:
        return None
    idnumber = found[0]
    if not idnumber or len(idnumber) > IDNUMBER_LENGTH or any(char.isspace() for char in idnumber):
        raise GiftSyntaxError(
            f"Bad question id {idnumber!r}: write it as // [id:CODE-final-01], "
            f"without spaces and at most {IDNUMBER_LENGTH} characters long."
        )
    return idnumber


def read_question(source: str, category: str = "") -> Question:
    """Read one question (comments removed): GiftSyntaxError if it is not GIFT, QuestionSpecError if unusable."""
    protected = _protect(source)
    before, inner, after = _split_block(protected)
    name, text_format, before = _read_head(before)
    text = _restore(before + BLANK + after if after.strip() else before)
    if not text:
        raise GiftSyntaxError("The question has no text.")
    answers, general_feedback = _split_general_feedback(inner)
    qtype, spec = _read_answers(answers)
    question = Question(
        qtype=qtype,
        name=name or derive_name(text, text_format),
        text=text,
        spec=spec,
        text_format=text_format,
        general_feedback=_restore(general_feedback),
        category=category,
    )
    validate_question(question)
    return question


def derive_name(text: str, text_format: str) -> str:
    """A name for an untitled question: the start of its text, as Moodle does."""
    plain = re.sub(r"<[^>]*>", " ", text) if text_format == "html" else text
    plain = " ".join(plain.split())
    return plain if len(plain) <= NAME_LENGTH else plain[: NAME_LENGTH - 1].rstrip() + "…"


def _blocks(text: str) -> list[tuple[list[tuple[int, str]], list[tuple[int, str]]]]:
    """The blank-line separated blocks: each one's (line number, line) pairs, without and then only its comments."""
    blocks: list[tuple[list[tuple[int, str]], list[tuple[int, str]]]] = [([], [])]
    for number, line in enumerate(_LINE_END.split(text.removeprefix("\ufeff")), 1):
        if not line.strip():
            if any(blocks[-1]):
                blocks.append(([], []))
        elif line.strip().startswith("//"):
            blocks[-1][1].append((number, line))
        else:
            blocks[-1][0].append((number, line))
    return [block for block in blocks if block[0]]


def _protect(source: str) -> str:
    """Hide escaped characters from the grammar (see _LITERALS)."""
    kept = source.replace(_SENTINEL, _SENTINEL + "0")
    return _ESCAPE.sub(lambda match: _SENTINEL + _ESCAPED_AS[match.group(1)], kept)


def _restore(text: str) -> str:
    """Turn protected characters back into the characters they stand for, and trim."""
    return _PROTECTED.sub(lambda match: _LITERALS[int(match.group(1))], text).strip()


def _split_block(protected: str) -> tuple[str, str, str]:
    """Cut the question into the text before the answer block, the block's inside, and the rest."""
    start = protected.find("{")
    if start < 0:
        raise GiftSyntaxError("No answer block {…}; an essay question ends with {}.")
    end = protected.find("}", start)
    if end < 0:
        raise GiftSyntaxError("The answer block is not closed: a } is missing.")
    before, inner, after = protected[:start], protected[start + 1 : end], protected[end + 1 :]
    if "{" in inner:
        raise GiftSyntaxError("A { inside the answer block; write a literal brace as \\{.")
    if any(brace in before + after for brace in "{}"):
        raise GiftSyntaxError("More than one answer block, or a stray brace; write literal braces as \\{ and \\}.")
    return before, inner, after


def _read_head(before: str) -> tuple[str, str, str]:
    """Take the optional ::title:: and [format] off the text before the answer block."""
    name = ""
    rest = before.lstrip()
    if rest.startswith("::"):
        end = rest.find("::", 2)
        if end < 0:
            raise GiftSyntaxError("The title is not closed: write it as ::title:: (a literal colon is \\:).")
        name, rest = _restore(rest[2:end]), rest[end + 2 :].lstrip()
    text_format = "moodle"
    match = FORMAT_MARKER.match(rest)
    if match:
        text_format, rest = match.group(1).lower(), rest[match.end() :]
    return name, text_format, rest


def _split_general_feedback(inner: str) -> tuple[str, str]:
    """Split `answers####general feedback`; in a longer run of #, the last four are the marker."""
    match = re.search("#{4,}", inner)
    if not match:
        return inner, ""
    return inner[: match.end() - 4], inner[match.end() :]


def _read_answers(answers: str) -> tuple[str, dict]:
    """Tell the question type from the answer block and read its spec."""
    body = answers.strip()
    if not body:
        return "essay", {"response_template": "", "grader_info": ""}
    if body.startswith("#"):
        return "numerical", {"answers": _numerical_answers(body[1:].strip())}
    true_false = _TRUE_FALSE.match(body)
    if true_false:
        return "true_false", _true_false(true_false.group(1), body[true_false.end() :])
    if "~" in body:
        return _choices(_items(body))
    if not body.startswith("="):
        raise GiftSyntaxError(
            "Cannot tell the question type: start each answer with = or ~, a number with #, or write T or F."
        )
    items = _items(body)
    if any("->" in raw.partition("#")[0] for _, raw in items):
        return "matching", _matching(items)
    return "short_answer", {"answers": [_answer(marker, raw) for marker, raw in items], "case_sensitive": False}


def _items(body: str) -> list[tuple[str, str]]:
    """Split an answer list into (marker, raw answer) at every unescaped = and ~."""
    pieces = re.split(f"([{ANSWER_MARKERS}])", body)
    if pieces[0].strip():
        raise GiftSyntaxError(f"Text before the first answer: {_restore(pieces[0])!r}; start each answer with = or ~.")
    return list(zip(pieces[1::2], pieces[2::2], strict=True))


def _answer(marker: str, raw: str) -> dict:
    """Read `%weight%text#feedback`; = defaults to 100%, ~ to 0%."""
    weight, rest = _weight(raw.strip(), 100 if marker == "=" else 0)
    text, _, feedback = rest.partition("#")
    return {"text": _restore(text), "weight": weight, "feedback": _restore(feedback)}


def _weight(raw: str, default: float) -> tuple[float, str]:
    """Take an optional `%50%` off the start of an answer."""
    if not raw.startswith("%"):
        return default, raw
    match = _WEIGHT.match(raw)
    try:
        weight = parse_number(match.group(1)) if match else None
    except ValueError:
        weight = None
    if weight is None:
        raise GiftSyntaxError(f"Bad weight at {_restore(raw)[:20]!r}: write it as %50% or %-25%.")
    return (int(weight) if weight.is_integer() else weight), raw[match.end() :]


def _choices(items: list[tuple[str, str]]) -> tuple[str, dict]:
    """Multiple choice: single choice if any answer is marked =, otherwise multiple response."""
    choices = [_answer(marker, raw) for marker, raw in items]
    if any(marker == "=" for marker, _ in items):
        return "single_choice", {"choices": choices}
    if not any(choice["weight"] > 0 for choice in choices):
        raise GiftSyntaxError("No right answer: mark it with =, or give right ~ answers a weight such as ~%50%.")
    return "multiple_response", {"choices": choices}


def _matching(items: list[tuple[str, str]]) -> dict:
    """Matching pairs `=left -> right`; an empty left side makes a distractor."""
    pairs, distractors = [], []
    for _, raw in items:
        left, arrow, right = raw.partition("->")
        if not arrow:
            raise GiftSyntaxError(f"Matching pair without ->: {_restore(raw)!r}.")
        if "#" in raw:
            raise GiftSyntaxError(f"Matching pairs take no feedback: {_restore(raw)!r}.")
        if left.strip():
            pairs.append({"left": _restore(left), "right": _restore(right)})
        else:
            distractors.append(_restore(right))
    return {"pairs": pairs, "distractors": distractors}


def _true_false(word: str, rest: str) -> dict:
    """`T#feedback if wrong#feedback if right`, stored as feedback per answer given."""
    parts = rest.split("#")[1:]
    if len(parts) > 2:
        raise GiftSyntaxError("True/false takes at most two feedbacks: {T#if wrong#if right}.")
    if_wrong, if_right = (_restore(part) for part in [*parts, "", ""][:2])
    answer = word.upper() in ("T", "TRUE")
    return {
        "answer": answer,
        "feedback_true": if_right if answer else if_wrong,
        "feedback_false": if_wrong if answer else if_right,
    }


def _numerical_answers(body: str) -> list[dict]:
    """`5:0.5#feedback`, or a list `=5:0 =%50%6:1#feedback ~%0%7#common slip`."""
    if body and body[0] in ANSWER_MARKERS:
        answers = []
        for marker, raw in _items(body):
            answer = _answer(marker, raw)
            answers.append(_numerical_answer(answer["text"], answer["weight"], answer["feedback"]))
        return answers
    number, _, feedback = body.partition("#")
    return [_numerical_answer(_restore(number), 100, _restore(feedback))]


def _numerical_answer(number: str, weight: float, feedback: str) -> dict:
    """Read `5`, `5:0.5` (value and tolerance) or `5..7` (range)."""
    try:
        if ".." in number:
            low, high = number.split("..", 1)
            return {"min": parse_number(low), "max": parse_number(high), "weight": weight, "feedback": feedback}
        value, _, tolerance = number.partition(":")
        return {
            "value": parse_number(value),
            "tolerance": parse_number(tolerance) if tolerance else 0.0,
            "weight": weight,
            "feedback": feedback,
        }
    except ValueError:
        raise GiftSyntaxError(f"Bad numerical answer {number!r}: write 5, 5:0.5 or 5..7.") from None
