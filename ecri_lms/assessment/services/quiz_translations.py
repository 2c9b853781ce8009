"""Translated quizzes of content courses: `translations/<lang>/<quiz file>` beside the course's other translations.

A translated file holds the original's questions, with the same `// [id:…]`, in the same order, of the same
types, with the same answers in the same order and the same marks: only the texts differ. Anything else is
an error naming the translated file and the line of the question. The texts are stored per language
(QuestionTranslation) for reading; scoring stays on the original question.
"""

import re
from pathlib import Path

from sqlalchemy import select

from ...infra.extensions import db
from ..gift import GiftResult, ParsedQuestion, parse_gift
from ..models import Question, QuestionTranslation
from ..translation import structure_problem

TRANSLATIONS = "translations"
LANGUAGE_FOLDER = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")

Problem = tuple[str, int | None, str]  # as in services/content.py: (file relative to the course folder, line, message)


def quiz_translation_files(course_dir: Path, file_name: str) -> list[tuple[str, str, Path]]:
    """(language, path relative to the course folder, path) of each translation of one quiz file, by language."""
    folder = Path(course_dir) / TRANSLATIONS
    if not folder.is_dir():
        return []
    found = []
    for language_dir in sorted(folder.iterdir()):
        path = language_dir / file_name
        if LANGUAGE_FOLDER.fullmatch(language_dir.name) and path.is_file():
            found.append((language_dir.name, f"{TRANSLATIONS}/{language_dir.name}/{file_name}", path))
    return found


def read_translations(
    course_dir: Path, file_name: str, original: GiftResult, problems: list[Problem]
) -> dict[str, list[tuple[ParsedQuestion, ParsedQuestion]]]:
    """Each language's translated file, as (original, translated) question pairs; problems for the rest.

    Nothing is lined up while the original has broken questions (they are reported on their own)."""
    if original.errors:
        return {}
    paired = {}
    for language, rel, path in quiz_translation_files(course_dir, file_name):
        before = len(problems)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            problems.append((rel, None, f"cannot be read as UTF-8 text: {error}"))
            continue
        result = parse_gift(text)
        if result.errors:  # lined up only once every question reads: a skipped one would shift the rest
            problems.extend((rel, error.line, error.message) for error in result.errors)
            continue
        pairs = _line_up(original.questions, result.questions, file_name, rel, problems)
        if len(problems) == before:
            paired[language] = pairs
    return paired


def _line_up(
    originals: list[ParsedQuestion], translated: list[ParsedQuestion], file_name: str, rel: str, problems
) -> list[tuple[ParsedQuestion, ParsedQuestion]]:
    """Pair the translated questions with the original's, place by place, checking ids and structure."""
    known = {item.idnumber: number for number, item in enumerate(originals, 1) if item.idnumber}
    pairs = []
    for number, item in enumerate(translated, 1):
        if number > len(originals):
            message = f"question {number} is not in the original {file_name}, which has {len(originals)} questions"
            problems.append((rel, item.line, message))
            continue
        source = originals[number - 1]
        problem = _id_problem(source, item, number, known, file_name)
        if problem is None:
            problem = structure_problem(source.question, item.question)
            problem = problem and f"question {number}{_id_label(source)} differs from the original: {problem}"
        if problem:
            problems.append((rel, item.line, problem))
        else:
            pairs.append((source, item))
    if len(translated) < len(originals):
        missing = originals[len(translated)]
        last = translated[-1].line if translated else None
        message = (
            f"the translation stops after {len(translated)} questions; the original {file_name} has "
            f"{len(originals)} (next: question {len(translated) + 1}{_id_label(missing)})"
        )
        problems.append((rel, last, message))
    return pairs


def _id_label(item: ParsedQuestion) -> str:
    return f" [id:{item.idnumber}]" if item.idnumber else ""


def _id_problem(source: ParsedQuestion, item: ParsedQuestion, number: int, known: dict, file_name: str) -> str | None:
    if item.idnumber == source.idnumber:
        return None
    if item.idnumber is None:
        return f"question {number} has no [id:…]; the original's question {number} is [id:{source.idnumber}]"
    if item.idnumber not in known:
        return f"unknown question id {item.idnumber!r}: the original {file_name} has no question with it"
    expected = f"[id:{source.idnumber}]" if source.idnumber else "a question without an id"
    return (
        f"[id:{item.idnumber}] is question {known[item.idnumber]} of the original, not question {number} "
        f"({expected}): keep the original's order"
    )


def store_translations(
    questions_by_line: dict[int, Question | None], paired: dict[str, list[tuple[ParsedQuestion, ParsedQuestion]]]
) -> None:
    """Give the file's questions their texts in each language; a language whose file is gone loses them."""
    rows = {question.id: question for question in questions_by_line.values() if question is not None}
    wanted: dict[int, dict[str, ParsedQuestion]] = {question_id: {} for question_id in rows}
    for language, pairs in paired.items():
        for source, item in pairs:
            question = questions_by_line.get(source.line)
            if question is not None:
                wanted[question.id][language] = item
    existing = _translations_of(list(rows))
    for question_id, by_language in wanted.items():
        current = existing.get(question_id, {})
        for language, translation in current.items():
            if language not in by_language:
                db.session.delete(translation)
        for language, item in by_language.items():
            _set_translation(rows[question_id], current.get(language), language, item)
    db.session.flush()


def _translations_of(question_ids: list[int]) -> dict[int, dict[str, QuestionTranslation]]:
    found: dict[int, dict[str, QuestionTranslation]] = {}
    if question_ids:
        query = select(QuestionTranslation).where(QuestionTranslation.question_id.in_(question_ids))
        for row in db.session.scalars(query):
            found.setdefault(row.question_id, {})[row.language] = row
    return found


def _set_translation(question: Question, row: QuestionTranslation | None, language: str, item: ParsedQuestion) -> None:
    data = item.question
    values = {"name": data.name[:255], "text": data.text, "general_feedback": data.general_feedback, "spec": data.spec}
    if row is None:
        db.session.add(QuestionTranslation(question_id=question.id, language=language, **values))
        return
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
