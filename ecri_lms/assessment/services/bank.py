"""A course's question bank: categories, GIFT import (reporting broken questions) and export."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select

from ...accounts.audit.services import record
from ...accounts.permissions import Cap, require
from ...infra.errors import NotFound, ValidationError
from ...infra.extensions import db
from ...infra.i18n import DEFAULT_LANGUAGE, format_number, in_language, ngettext
from ...infra.i18n import gettext as _
from ...infra.input_guards import nul_line
from ...infra.timeutil import utcnow
from .. import question_types
from ..gift import GiftError, GiftResult, GiftWriteError, ParsedQuestion, parse_gift, to_gift, write_question
from ..models import Question, QuestionCategory, Quiz, QuizSlot
from . import question_ids

MAX_CATEGORY = 255


@dataclass
class ImportReport:
    """What an import did: questions created, questions already in the bank, and unreadable ones."""

    created: list[Question] = field(default_factory=list)
    existing: list[Question] = field(default_factory=list)
    categories_created: list[str] = field(default_factory=list)
    errors: list[GiftError] = field(default_factory=list)
    # Every question the text holds, created or found, in file order (content quizzes use it).
    questions: list[Question] = field(default_factory=list)
    # Matched by id and given the text's corrections in place (content sync).
    corrected: list[Question] = field(default_factory=list)
    # The question each parsed question (by the line it starts on) became or matched: translations follow it.
    by_line: dict[int, Question | None] = field(default_factory=dict)

    def summary(self) -> str:
        """The counts in the reader's language: "3 questions created, 0 already in the bank, …"."""
        return ", ".join(
            (
                ngettext("%(num)d question created", "%(num)d questions created", len(self.created)),
                ngettext("%(num)d already in the bank", "%(num)d already in the bank", len(self.existing)),
                ngettext("%(num)d new category", "%(num)d new categories", len(self.categories_created)),
                ngettext("%(num)d could not be read", "%(num)d could not be read", len(self.errors)),
            )
        )


def _size(limit: int) -> str:
    if limit % 2**20 == 0:
        return f"{format_number(limit // 2**20, 0)} MB"
    return ngettext("%(size)s byte", "%(size)s bytes", limit, size=format_number(limit, 0))


def decode_gift(data: bytes) -> str:
    """The text of an uploaded GIFT file (UTF-8, with or without BOM, at most GIFT_IMPORT_MAX_BYTES), or
    ValidationError."""
    limit = current_app.config["GIFT_IMPORT_MAX_BYTES"]
    if len(data) > limit:
        raise ValidationError(_("The GIFT file is too large: at most %(limit)s.", limit=_size(limit)))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("The GIFT file is not UTF-8 text; save it as UTF-8 and upload it again.")) from None


def _refuse_nul(text: str) -> None:
    """A NUL character is refused in a file as in a form field (PostgreSQL cannot store it in text)."""
    line = nul_line(text)
    if line is not None:
        raise ValidationError(
            _(
                "The GIFT file has a NUL character on line %(line)d: it is not a text file, or is "
                "damaged. Nothing was imported.",
                line=line,
            )
        )


def _refuse_too_many(result: GiftResult) -> None:
    """One import creates at most GIFT_IMPORT_MAX_QUESTIONS questions, so that one request stays short."""
    count, limit = len(result.questions) + len(result.errors), current_app.config["GIFT_IMPORT_MAX_QUESTIONS"]
    if count > limit:
        raise ValidationError(
            _(
                "The GIFT file has %(count)s questions: at most %(limit)s can be imported at once; "
                "split it into smaller files. Nothing was imported.",
                count=format_number(count, 0),
                limit=format_number(limit, 0),
            )
        )


def import_gift(
    actor, course, text: str, *, source_file: str | None = None, now: datetime | None = None
) -> ImportReport:
    """Add the questions of a GIFT text to the course's bank; broken ones are reported, the rest kept. A text
    with a NUL character or more than GIFT_IMPORT_MAX_QUESTIONS questions is refused whole."""
    require(actor, Cap.EDIT_CATALOGUE)
    _refuse_nul(text)
    result = parse_gift(text)
    _refuse_too_many(result)
    report = import_parsed(course, result.questions, source_file=source_file, now=now)
    report.errors = sorted([*result.errors, *report.errors], key=lambda error: error.line)
    with in_language(DEFAULT_LANGUAGE):  # the audit log is kept in one language
        summary = report.summary()
    record(
        actor,
        "question_bank.import",
        "course",
        course.id,
        summary=f"{course.code}: {summary}",
        source_file=source_file,
        created=len(report.created),
        errors=len(report.errors),
    )
    return report


def import_parsed(
    course,
    parsed: Iterable[ParsedQuestion],
    *,
    source_file: str | None = None,
    now: datetime | None = None,
    match_ids: bool = False,
) -> ImportReport:
    """Store parsed questions that the bank lacks (by fingerprint); an archived twin comes back. A question's
    `[id:…]` is recorded when the bank does not use it yet; with `match_ids` (content sync) a question is
    matched by its id first, and corrected in place or versioned (see question_ids)."""
    importer = _Import(course, list(parsed), source_file, now, match_ids)
    for item in importer.parsed:
        importer.add(item)
    db.session.flush()
    return importer.report


class _Import:
    """One import's state: the bank's questions by fingerprint and id, its categories, what the text held."""

    def __init__(self, course, parsed: list[ParsedQuestion], source_file: str | None, now, match_ids: bool):
        self.course, self.parsed, self.source_file, self.now = course, parsed, source_file, now
        self.match_ids = match_ids
        self.report = ImportReport()
        self.known = _questions_by_fingerprint(course, [item.fingerprint for item in parsed])
        self.by_id = question_ids.questions_by_id(course, (item.idnumber for item in parsed))
        self.answered = question_ids.answered(self.by_id.values()) if match_ids else set()
        self.categories = _categories_by_path(course)
        self.lines_by_fingerprint: dict[str, int] = {}
        self.lines_by_id: dict[str, int] = {}

    def fail(self, item: ParsedQuestion, message: str) -> None:
        self.report.errors.append(GiftError(item.line, message))

    def add(self, item: ParsedQuestion) -> None:
        first = self.lines_by_fingerprint.get(item.fingerprint)
        if item.idnumber and item.idnumber in self.lines_by_id:
            line = self.lines_by_id[item.idnumber]
            return self.fail(item, f"The id {item.idnumber!r} is also given to the question on line {line}.")
        if first is not None:
            if item.idnumber:
                return self.fail(item, f"The same question as on line {first}; a bank holds a question once.")
            self.report.by_line[item.line] = self.report.by_line.get(first)  # the same question twice in one text
            return None
        if len(item.category) > MAX_CATEGORY:
            return self.fail(item, _("The category path is longer than %(limit)d characters.", limit=MAX_CATEGORY))
        self.lines_by_fingerprint[item.fingerprint] = item.line
        if item.idnumber:
            self.lines_by_id[item.idnumber] = item.line
        matched = self.by_id.get(item.idnumber) if self.match_ids and item.idnumber else None
        question = self._follow(matched, item) if matched is not None else self._by_fingerprint(item)
        if question is not None:
            self.report.questions.append(question)
            self.report.by_line[item.line] = question
        return None

    def category(self, path: str) -> QuestionCategory:
        category = self.categories.get(path)
        if category is None:
            category = self.categories[path] = QuestionCategory(course_id=self.course.id, path=path)
            db.session.add(category)
            self.report.categories_created.append(path)
        return category

    def _create(self, item: ParsedQuestion) -> Question:
        question = _new_question(self.course, self.category(item.category), item, self.source_file, self.now)
        self.known[item.fingerprint] = question
        if item.idnumber:
            self.by_id[item.idnumber] = question
        self.report.created.append(question)
        return question

    def _by_fingerprint(self, item: ParsedQuestion) -> Question | None:
        question = self.known.get(item.fingerprint)
        if question is None:
            if item.idnumber in self.by_id:
                return self.fail(item, f"The id {item.idnumber!r} is already used by another question of this bank.")
            return self._create(item)
        if item.idnumber and question.idnumber != item.idnumber:
            if question.idnumber is not None or item.idnumber in self.by_id:
                other = question.idnumber or item.idnumber
                return self.fail(item, f"The same question is already in the bank with the id {other!r}.")
            question.idnumber = item.idnumber  # a question the bank had before it was given its id
            self.by_id[item.idnumber] = question
        question.archived_at = None
        self.report.existing.append(question)
        return question

    def _follow(self, question: Question, item: ParsedQuestion) -> Question | None:
        """The file's text for the bank's question with the same id (see question_ids)."""
        if question.fingerprint == item.fingerprint:
            question.archived_at = None
            self.report.existing.append(question)
            return question
        twin = self.known.get(item.fingerprint)
        if twin is not None:
            if twin.idnumber is not None:
                return self.fail(item, f"The same question is already in the bank with the id {twin.idnumber!r}.")
            question_ids.release_id(question)
            twin.idnumber, twin.archived_at = item.idnumber, None
            self.by_id[item.idnumber] = twin
            self.report.existing.append(twin)
            return twin
        if question_ids.may_correct_in_place(question, item, self.answered):
            self.known.pop(question.fingerprint, None)
            question_ids.correct_in_place(question, item, self.category(item.category), item.line)
            self.known[item.fingerprint] = question
            self.report.corrected.append(question)
            return question
        question_ids.release_id(question)  # archived with its attempts when the file's questions are settled
        return self._create(item)


def _new_question(
    course, category: QuestionCategory, item: ParsedQuestion, source_file: str | None, now: datetime | None
) -> Question:
    data = item.question
    question = Question(
        course_id=course.id,
        category=category,
        qtype=data.qtype,
        name=data.name[:255],
        text=data.text,
        text_format=data.text_format,
        general_feedback=data.general_feedback,
        spec=data.spec,
        fingerprint=item.fingerprint,
        idnumber=item.idnumber,
        source_file=source_file,
        source_line=item.line,
        created_at=now or utcnow(),
    )
    db.session.add(question)
    return question


def _questions_by_fingerprint(course, fingerprints: list[str]) -> dict[str, Question]:
    """The bank's questions among these fingerprints (archived too), in one query."""
    if not fingerprints:
        return {}
    rows = db.session.scalars(
        select(Question).where(Question.course_id == course.id, Question.fingerprint.in_(set(fingerprints)))
    )
    return {question.fingerprint: question for question in rows}


def _categories_by_path(course) -> dict[str, QuestionCategory]:
    """The bank's categories by path, to reuse them on import."""
    rows = db.session.scalars(select(QuestionCategory).where(QuestionCategory.course_id == course.id))
    return {category.path: category for category in rows}


def as_question_data(question: Question) -> question_types.Question:
    """The stored question as the pure dataclass that GIFT and the question types work with."""
    return question_types.Question(
        qtype=question.qtype,
        name=question.name,
        text=question.text,
        spec=question.spec,
        text_format=question.text_format,
        general_feedback=question.general_feedback,
        category=question.category.path,
    )


@dataclass
class ExportResult:
    text: str
    skipped: list[tuple[Question, str]]  # questions GIFT cannot express, and why


def export_gift(actor, course) -> ExportResult:
    """The course's active questions as GIFT; a question GIFT cannot express is named in a comment."""
    require(actor, Cap.EDIT_CATALOGUE)
    writable, skipped = [], []
    for question in active_questions(course):
        data = as_question_data(question)
        try:
            write_question(data)
        except (GiftWriteError, question_types.QuestionError) as error:
            skipped.append((question, str(error)))
        else:
            writable.append(data)
    header = [
        "// " + _("Question bank of %(code)s: %(title)s", code=course.code, title=course.title).replace("\n", " ")
    ]
    header += [
        "// "
        + _(
            "Not exported: '%(name)s' (id %(id)d): %(reason)s", name=question.name, id=question.id, reason=reason
        ).replace("\n", " ")
        for question, reason in skipped
    ]
    return ExportResult("\n".join(header) + "\n\n" + to_gift(writable), skipped)


def active_questions(course) -> list[Question]:
    """Every question of the bank not archived, by category then age."""
    return list(
        db.session.scalars(
            select(Question)
            .join(Question.category)
            .where(Question.course_id == course.id, Question.archived_at.is_(None))
            .order_by(QuestionCategory.path, Question.id)
        )
    )


def bank_questions_query(course, category_id: int | None = None, include_archived: bool = False):
    """A query of the bank's questions for the bank page (paginated by the caller)."""
    query = (
        select(Question)
        .join(Question.category)
        .where(Question.course_id == course.id)
        .order_by(QuestionCategory.path, Question.id)
    )
    if category_id is not None:
        query = query.where(Question.category_id == category_id)
    if not include_archived:
        query = query.where(Question.archived_at.is_(None))
    return query


@dataclass(frozen=True)
class CategoryCount:
    category: QuestionCategory
    active: int


def categories_of(course) -> list[CategoryCount]:
    """The bank's categories with the number of active questions in each."""
    counts = (
        select(Question.category_id, func.count(Question.id).label("n"))
        .where(Question.archived_at.is_(None))
        .group_by(Question.category_id)
        .subquery()
    )
    rows = db.session.execute(
        select(QuestionCategory, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.category_id == QuestionCategory.id)
        .where(QuestionCategory.course_id == course.id)
        .order_by(QuestionCategory.path)
    )
    return [CategoryCount(category, count) for category, count in rows]


def get_question(course, question_id: int) -> Question:
    """A question of this course's bank, or NotFound."""
    question = db.session.get(Question, question_id)
    if question is None or question.course_id != course.id:
        raise NotFound(_("No such question in this course's bank."))
    return question


def get_category(course, category_id: int) -> QuestionCategory:
    """A category of this course's bank, or NotFound."""
    category = db.session.get(QuestionCategory, category_id)
    if category is None or category.course_id != course.id:
        raise NotFound(_("No such category in this course's bank."))
    return category


def archive_refusals(questions: Iterable[Question]) -> dict[int, str]:
    """Why each of these questions cannot be archived, by id (absent: it can): a question in a quiz that is not
    archived must leave it first. The bank asks it before offering "Archive"."""
    ids = [q.id for q in questions if not q.is_archived]
    rows = (
        db.session.execute(
            select(QuizSlot.question_id, Quiz.title)
            .join(Quiz, QuizSlot.quiz_id == Quiz.id)
            .where(QuizSlot.question_id.in_(ids), Quiz.archived_at.is_(None))
            .order_by(Quiz.title)
        ).all()
        if ids
        else []
    )
    titles: dict[int, list[str]] = {}
    for question_id, title in rows:
        titles.setdefault(question_id, []).append(title)
    return {
        qid: _("The question is in %(quizzes)s: remove it from the quiz first.", quizzes=", ".join(names))
        for qid, names in titles.items()
    }


def set_archived(actor, question: Question, archived: bool, now: datetime | None = None) -> None:
    """Take a question out of the bank (kept for past attempts) or bring it back."""
    require(actor, Cap.EDIT_CATALOGUE)
    refusal = archive_refusals([question]).get(question.id) if archived else None
    if refusal:
        raise ValidationError(refusal)
    question.archived_at = (now or utcnow()) if archived else None
    db.session.flush()
