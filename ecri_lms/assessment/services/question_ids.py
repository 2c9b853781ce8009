"""Questions matched by their stable id (a GIFT `// [id:…]` comment): a corrected text stays the same question.

Content sync matches a question of a course's GIFT file by its id before its fingerprint. When the file's
text differs from the bank's question with that id:
- a question no attempt has shown yet is corrected in place, whatever changed;
- an answered question whose answer key is unchanged (the type, the texts and weights of its choices and
  accepted answers, its numbers and pairs: only the stem, the name, the category or the feedback differ) is
  corrected in place too: attempts and statistics stay attached, and every score stays what it was;
- an answered question whose answer key changed follows the rule of content quizzes (services/content.py):
  the new text becomes a new question that carries the id from then on, and the old one is archived and
  kept for the attempts that used it, which still show and score it as they were taken.
"""

from collections.abc import Iterable

from sqlalchemy import select

from ...infra.extensions import db
from ..gift import ParsedQuestion
from ..models import AttemptAnswer, Question

FEEDBACK_KEYS = ("feedback", "feedback_true", "feedback_false", "response_template", "grader_info")


def answer_key(qtype: str, spec) -> object:
    """What a response is scored against: the spec without its feedback, for telling a correction from a change."""
    if isinstance(spec, dict):
        return {key: answer_key(qtype, value) for key, value in spec.items() if key not in FEEDBACK_KEYS}
    if isinstance(spec, list):
        return [answer_key(qtype, item) for item in spec]
    return spec


def questions_by_id(course, idnumbers: Iterable[str]) -> dict[str, Question]:
    """The bank's questions carrying these ids (archived too), in one query."""
    wanted = {idnumber for idnumber in idnumbers if idnumber}
    if not wanted:
        return {}
    rows = db.session.scalars(select(Question).where(Question.course_id == course.id, Question.idnumber.in_(wanted)))
    return {question.idnumber: question for question in rows}


def answered(questions: Iterable[Question]) -> set[int]:
    """The ids of those questions that some attempt has shown (and so holds an answer row for)."""
    ids = {question.id for question in questions if question.id is not None}
    if not ids:
        return set()
    return set(db.session.scalars(select(AttemptAnswer.question_id).where(AttemptAnswer.question_id.in_(ids))))


def may_correct_in_place(question: Question, item: ParsedQuestion, answered_ids: set[int]) -> bool:
    """Whether the file's text may overwrite this question without changing any attempt's score."""
    if question.id not in answered_ids:
        return True
    data = item.question
    return question.qtype == data.qtype and answer_key(question.qtype, question.spec) == answer_key(
        data.qtype, data.spec
    )


def correct_in_place(question: Question, item: ParsedQuestion, category, line: int) -> None:
    """Give the question the file's texts (same row, same id: attempts and statistics stay attached)."""
    data = item.question
    question.category = category
    question.qtype = data.qtype
    question.name = data.name[:255]
    question.text = data.text
    question.text_format = data.text_format
    question.general_feedback = data.general_feedback
    question.spec = data.spec
    question.fingerprint = item.fingerprint
    question.source_line = line
    question.archived_at = None


def release_id(question: Question) -> None:
    """The question gives its id up to its new version (flushed now: ids are unique in a bank)."""
    question.idnumber = None
    db.session.flush()
