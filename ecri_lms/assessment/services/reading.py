"""What a trainee reads: each question in their language where the course's files translate it.

A translated question is shown with the original's ids and order, so the answers saved while reading one
language stay when the trainee switches to another, and scoring never depends on the language: it is the
original question's, except that a short answer typed while reading a translation is also matched against
that translation's accepted answers (with the original's marks).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from flask import has_request_context
from sqlalchemy import func, select

from ...accounts.languages import language_of
from ...catalogue.services import Reading, course_reading, course_texts, reading
from ...infra.extensions import db
from ...infra.i18n import current_language
from ..models import Question, QuestionTranslation, Quiz
from ..translation import accepting

Translations = dict[tuple[int, str], QuestionTranslation]


@dataclass(frozen=True)
class ShownQuestion:
    """A question's texts as one reader sees them (the `question_html` filter renders its text)."""

    name: str
    text: str
    text_format: str
    general_feedback: str
    language: str
    spec: dict  # the spec whose texts are shown: the translation's, or the original's


def reader_language(user) -> str:
    """The language `user` reads in: this request's, or outside a request, the one stored for them."""
    return current_language() if has_request_context() else language_of(user)


def translations_of(question_ids: Iterable[int], languages: Iterable[str | None]) -> Translations:
    """The translations of these questions into these languages, by (question id, language), in one query."""
    ids, wanted = set(question_ids), {language for language in languages if language}
    if not ids or not wanted:
        return {}
    rows = db.session.scalars(
        select(QuestionTranslation).where(
            QuestionTranslation.question_id.in_(ids), QuestionTranslation.language.in_(wanted)
        )
    )
    return {(row.question_id, row.language): row for row in rows}


def shown_question(question: Question, translation: QuestionTranslation | None, original_language: str):
    """The question's texts in the translation's language, or the original's when there is none."""
    if translation is None:
        return ShownQuestion(
            question.name,
            question.text,
            question.text_format,
            question.general_feedback,
            original_language,
            question.spec,
        )
    return ShownQuestion(
        translation.name,
        translation.text,
        question.text_format,
        translation.general_feedback,
        translation.language,
        translation.spec,
    )


def scoring_spec(question: Question, translation: QuestionTranslation | None) -> dict:
    """What an answer is scored against: the original's spec; a short answer given while reading a translation
    also accepts that translation's answers."""
    if translation is None or question.qtype != "short_answer":
        return question.spec
    return accepting(question.spec, translation.spec)


def quiz_languages(quiz: Quiz) -> set[str]:
    """The languages every fixed question of the quiz is translated into (one query)."""
    fixed = [slot.question_id for slot in quiz.slots if slot.question_id is not None]
    if not fixed or any(slot.is_random for slot in quiz.slots):
        return set()
    rows = db.session.execute(
        select(QuestionTranslation.language, func.count(QuestionTranslation.id))
        .where(QuestionTranslation.question_id.in_(set(fixed)))
        .group_by(QuestionTranslation.language)
    )
    return {language for language, count in rows if count == len(set(fixed))}


def quiz_reading(quiz: Quiz, language: str | None = None) -> Reading:
    """Which language the quiz's questions are shown in for a reader of `language` (theirs by default)."""
    return reading("quiz", quiz.course.language, quiz_languages(quiz), language)


def course_title(course, language: str | None = None) -> str:
    """The quiz's course named in the reader's language where its files translate it."""
    return course_texts(course, course_reading(course, language).shown)["title"]
