"""Moodle GIFT import and export of quiz questions: the one module other code imports.

`parse_gift(text) -> GiftResult` reads a GIFT file: `result.questions` (ParsedQuestion: `line`,
`question`, `idnumber` from a `// [id:…]` comment, `category`, `fingerprint`) and `result.errors`
(GiftError: `line`, `message`); a broken question is reported and skipped. `to_gift(questions) -> str`
writes questions back.
"""

from .gift_parser import BLANK, GiftError, GiftResult, GiftSyntaxError, ParsedQuestion, parse_gift, read_question
from .gift_writer import GiftWriteError, to_gift, write_question

__all__ = [
    "BLANK",
    "GiftError",
    "GiftResult",
    "GiftSyntaxError",
    "GiftWriteError",
    "ParsedQuestion",
    "parse_gift",
    "read_question",
    "to_gift",
    "write_question",
]
