"""Quizzes of content courses: each GIFT file named in a course's front matter, through the same importer.

`load_course_quizzes(course, course_dir, quiz_entries)` is what the catalogue's content sync calls for
a course (`check_course_quizzes` is its write-free half); `sync_content_quizzes(content_dir)` does it
for every content course already in the database (`flask quiz sync-content`). Loading is idempotent:
questions are matched by fingerprint, a quiz by its slug, and its slots are only rewritten when the
file's questions changed. A question dropped from a file is archived (past attempts keep it). A question
with a `// [id:…]` is matched by its id first, so a corrected text stays the same question (question_ids.py
says when it is corrected in place and when it becomes a new version). Each quiz file's translations,
`translations/<lang>/<file>`, load with it (quiz_translations.py).
"""

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml
from sqlalchemy import select

from ...catalogue.models import Course
from ...infra.extensions import db
from ...infra.timeutil import utcnow
from ..gift import GiftResult, parse_gift
from ..models import DEFAULT_ANSWERS_SHOWN, DEFAULT_FEEDBACK_SHOWN, REVIEW_TIMES, Question, Quiz, QuizSlot
from .bank import import_parsed
from .quiz_translations import read_translations, store_translations
from .quizzes import SLUG_PATTERN, quiz_by_slug, review_problem

Problem = tuple[str, int | None, str]  # (file relative to the course folder, line or None, message)

INDEX_FILE = "index.md"
ENTRY_KEYS = (
    "slug",
    "title",
    "file",
    "pass_mark",
    "attempts",
    "time_limit_minutes",
    "shuffle",
    "feedback_shown",
    "answers_shown",
)
REQUIRED_KEYS = ("slug", "title", "file", "pass_mark")


def content_source(course, file_name: str) -> str:
    """The source_file of questions loaded from a content course's GIFT file."""
    return f"content:{course.code}/{file_name}"


def check_course_quizzes(course_dir: Path, quiz_entries: list[dict]) -> list[Problem]:
    """Every problem loading would report, without writing anything."""
    problems: list[Problem] = []
    for entry in quiz_entries:
        if _entry_problems(entry, problems):
            continue
        result = _read_gift(course_dir, entry["file"], problems)
        if result is not None:
            read_translations(course_dir, entry["file"], result, problems)
    return problems


def load_course_quizzes(course, course_dir: Path, quiz_entries: list[dict]) -> list[Problem]:
    """Import each quiz file of the course and create or update its quiz; returns the problems met.

    A broken question is reported (file, line, why) and the rest of its file still loads; a quiz of the
    course that the front matter no longer names is archived.
    """
    problems: list[Problem] = []
    declared = []
    for entry in quiz_entries:
        if _entry_problems(entry, problems):
            continue
        declared.append(entry["slug"])
        result = _read_gift(course_dir, entry["file"], problems)
        if result is not None:
            _load_quiz(course, course_dir, entry, result, problems)
    _archive_undeclared(course, declared)
    db.session.flush()
    return problems


def _entry_problems(entry, problems: list[Problem]) -> bool:
    """Add the problems of one front-matter quiz entry; True if it cannot be used."""
    before = len(problems)
    if not isinstance(entry, dict):
        problems.append((INDEX_FILE, None, "every quiz entry must be a mapping (slug, title, file, pass_mark…)"))
        return True
    label = f"quiz {entry.get('slug')!r}"
    unknown = sorted(str(key) for key in entry if key not in ENTRY_KEYS)
    missing = [key for key in REQUIRED_KEYS if key not in entry]
    if unknown:
        problems.append(
            (INDEX_FILE, None, f"{label}: unknown {'field' if len(unknown) == 1 else 'fields'} {', '.join(unknown)}")
        )
    if missing:
        problems.append((INDEX_FILE, None, f"{label}: missing {', '.join(missing)}"))
        return True
    if not isinstance(entry["slug"], str) or not SLUG_PATTERN.fullmatch(entry["slug"]):
        problems.append((INDEX_FILE, None, f"{label}: the slug must be lower-case letters, digits and dashes"))
    if not isinstance(entry["title"], str) or not entry["title"].strip():
        problems.append((INDEX_FILE, None, f"{label}: the title is empty"))
    if not _safe_gift_name(entry["file"]):
        problems.append((INDEX_FILE, None, f"{label}: the file must be a .gift file inside the course folder"))
    for key, low, high in (("pass_mark", 0, 100), ("attempts", 0, None), ("time_limit_minutes", 0, None)):
        value = entry.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
            problems.append(
                (
                    INDEX_FILE,
                    None,
                    f"{label}: {key} must be a whole number"
                    f"{f' from {low} to {high}' if high else f' of at least {low}'}",
                )
            )
    if not isinstance(entry.get("shuffle", False), bool):
        problems.append((INDEX_FILE, None, f"{label}: shuffle must be true or false"))
    _review_problems(entry, label, problems)
    return len(problems) > before


def _review_problems(entry: dict, label: str, problems: list[Problem]) -> None:
    """What a finished attempt shows: a known option, and never "after the quiz closes" (files set no closing)."""
    options = _review_options(entry)
    unknown = [f"{key}: {value!r}" for key, value in options.items() if value not in REVIEW_TIMES]
    if unknown:
        problems.append((INDEX_FILE, None, f"{label}: {', '.join(unknown)} must be one of {', '.join(REVIEW_TIMES)}"))
        return
    problem = review_problem(options["feedback_shown"], options["answers_shown"], closes_at=None)
    if problem:
        problems.append(
            (INDEX_FILE, None, f"{label}: {problem}; course files set no closing time, so choose immediately or never")
        )


def _review_options(entry: dict) -> dict:
    return {
        "feedback_shown": entry.get("feedback_shown", DEFAULT_FEEDBACK_SHOWN),
        "answers_shown": entry.get("answers_shown", DEFAULT_ANSWERS_SHOWN),
    }


def _safe_gift_name(name) -> bool:
    """A relative .gift path that cannot leave the course folder."""
    if not isinstance(name, str) or not name.endswith(".gift") or "\\" in name:
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts


def _read_gift(course_dir: Path, file_name: str, problems: list[Problem]) -> GiftResult | None:
    """The parsed file (its broken questions added to the problems), or None if it cannot be read."""
    path = Path(course_dir) / file_name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append((file_name, None, "missing: the front matter names this quiz file"))
        return None
    except (OSError, UnicodeDecodeError) as error:
        problems.append((file_name, None, f"cannot be read as UTF-8 text: {error}"))
        return None
    result = parse_gift(text)
    problems.extend((file_name, error.line, error.message) for error in result.errors)
    return result


def _load_quiz(course, course_dir: Path, entry: dict, result: GiftResult, problems: list[Problem]) -> None:
    """Import one quiz file (and its translations) and create or update its quiz; an app quiz with the same
    slug is left alone."""
    quiz = quiz_by_slug(course, entry["slug"])
    if quiz is not None and quiz.source != "content":
        problems.append(
            (
                INDEX_FILE,
                None,
                f"quiz {entry['slug']!r}: the course already has a quiz with this slug "
                f"made in the app; rename one of them",
            )
        )
        return
    source_file = content_source(course, entry["file"])
    report = import_parsed(course, result.questions, source_file=source_file, match_ids=True)
    problems.extend((entry["file"], error.line, error.message) for error in report.errors)
    store_translations(report.by_line, read_translations(course_dir, entry["file"], result, problems))
    _archive_dropped_questions(course, source_file, {question.id for question in report.questions})
    if quiz is None:
        quiz = Quiz(course_id=course.id, slug=entry["slug"], source="content")
        db.session.add(quiz)
    _set_if_changed(
        quiz,
        title=entry["title"].strip(),
        pass_mark=entry["pass_mark"],
        attempts_allowed=entry.get("attempts", 0),
        time_limit_minutes=entry.get("time_limit_minutes", 0),
        shuffle_questions=entry.get("shuffle", False),
        shuffle_answers=entry.get("shuffle", False),
        **_review_options(entry),
        archived_at=None,
    )
    _set_fixed_slots(quiz, [question.id for question in report.questions])


def _set_if_changed(quiz: Quiz, **values) -> None:
    """Assign only what differs, so an unchanged quiz is not rewritten (nor its updated_at bumped)."""
    for name, value in values.items():
        if getattr(quiz, name) != value:
            setattr(quiz, name, value)


def _set_fixed_slots(quiz: Quiz, question_ids: list[int]) -> None:
    """One fixed slot per question of the file, in file order; untouched when already so."""
    current = [(slot.question_id, slot.max_mark) for slot in quiz.slots]
    if current == [(question_id, 1.0) for question_id in question_ids]:
        return
    quiz.slots = [
        QuizSlot(question_id=question_id, position=position, max_mark=1.0)
        for position, question_id in enumerate(question_ids, 1)
    ]
    db.session.flush()


def _archive_dropped_questions(course, source_file: str, keep: set[int]) -> None:
    """Archive questions a file no longer holds; attempts that used them keep them."""
    now = utcnow()
    for question in db.session.scalars(
        select(Question).where(
            Question.course_id == course.id, Question.source_file == source_file, Question.archived_at.is_(None)
        )
    ):
        if question.id not in keep:
            question.archived_at = now


def _archive_undeclared(course, declared: list[str]) -> None:
    """Archive content quizzes the front matter no longer names; their grades stay."""
    now = utcnow()
    for quiz in db.session.scalars(
        select(Quiz).where(Quiz.course_id == course.id, Quiz.source == "content", Quiz.archived_at.is_(None))
    ):
        if quiz.slug not in declared:
            quiz.archived_at = now


# Every content course at once (flask quiz sync-content) -----------------------------------------


@dataclass
class ContentQuizReport:
    courses: list[str] = field(default_factory=list)
    quizzes: int = 0
    problems: list[Problem] = field(default_factory=list)  # file paths relative to the content directory


def sync_content_quizzes(content_dir: Path | str) -> ContentQuizReport:
    """Load the quizzes of every content course in the database from CONTENT_DIR/courses/<CODE>/."""
    report = ContentQuizReport()
    courses = db.session.scalars(
        select(Course).where(Course.source == "content", Course.archived_at.is_(None)).order_by(Course.code)
    )
    for course in courses:
        rel_dir = f"courses/{course.code}"
        course_dir = Path(content_dir) / rel_dir
        entries, problems = read_quiz_entries(course_dir / INDEX_FILE)
        if entries is not None:
            problems += load_course_quizzes(course, course_dir, entries)
            report.quizzes += len(entries)
        report.courses.append(course.code)
        report.problems += [(f"{rel_dir}/{file}", line, message) for file, line, message in problems]
    return report


def read_quiz_entries(index_path: Path) -> tuple[list | None, list[Problem]]:
    """The `quizzes:` list of a course's index.md front matter, or None with the problem."""
    try:
        text = index_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return None, [(INDEX_FILE, None, f"cannot be read: {error}")]
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None, [(INDEX_FILE, 1, "no front matter: the file must start with a --- line")]
    end = next((number for number, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
    if end is None:
        return None, [(INDEX_FILE, 1, "the front matter is not closed by a --- line")]
    try:
        front = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        return None, [(INDEX_FILE, None if line is None else line + 2, f"invalid YAML: {error}")]
    quizzes = front.get("quizzes", []) if isinstance(front, dict) else None
    if not isinstance(quizzes, list):
        return None, [(INDEX_FILE, None, "quizzes must be a list")]
    return quizzes, []
