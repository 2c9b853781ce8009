"""Reading one course folder: index.md's front matter and description, lessons, quizzes, translations."""

import posixpath
from pathlib import Path, PurePosixPath

from ..models import AUDIENCES, FORMATS, LEVELS
from .errors import ContentError
from .fields import FieldReader
from .lessons import LANGUAGE_PATTERN, read_lessons, read_translations
from .sources import CourseSource, QuizSpec
from .yamltext import read_text, split_front_matter

COURSE_CODE_PATTERN = r"[A-Z][A-Z0-9_-]{1,31}"
QUIZ_SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
COURSE_FIELDS = (
    "code",
    "title",
    "summary",
    "level",
    "audience",
    "topics",
    "outcomes",
    "duration_hours",
    "formats",
    "prerequisites",
    "quizzes",
    "completion",
    "language",
)
QUIZ_FIELDS = (
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
COMPLETION_FIELDS = ("lessons", "attendance_rate", "quizzes", "essays_graded")

TRAINER_NOTES = "trainer-notes.md"


def read_course(
    course_dir: Path, rel_dir: str, topic_codes: frozenset[str] | None, errors: list[ContentError]
) -> CourseSource | None:
    """The course in `course_dir`, or None when anything in it is malformed (errors say what)."""
    before = len(errors)
    index_rel = f"{rel_dir}/index.md"
    if not (course_dir / "index.md").is_file():
        errors.append(ContentError(index_rel, None, "missing: every course folder needs an index.md"))
        return None
    text = read_text(course_dir / "index.md", index_rel, errors)
    document, description = split_front_matter(text, index_rel, errors) if text is not None else (None, "")
    if document is None:
        return None
    reader = FieldReader(document, errors)
    reader.reject_unknown(COURSE_FIELDS)
    code = reader.text("code", pattern=COURSE_CODE_PATTERN)
    if code and code != course_dir.name:
        reader.fail(f"the code {code!r} differs from the folder name {course_dir.name!r}", "code")
    fields = dict(
        title=reader.text("title", max_length=200),
        summary=reader.text("summary"),
        level=reader.choice("level", LEVELS),
        audience=reader.text_list("audience", allowed=AUDIENCES, what="audience"),
        topics=reader.text_list("topics", allowed=topic_codes, what="topic code"),
        outcomes=reader.text_list("outcomes", what="outcome"),
        duration_hours=reader.number("duration_hours", minimum=0.5, maximum=1000),
        formats=reader.text_list("formats", allowed=FORMATS, what="format"),
        prerequisites=reader.text_list("prerequisites", required=False, non_empty=False, what="course code"),
        language=reader.text("language", required=False, default="en", pattern=LANGUAGE_PATTERN.pattern),
    )
    lessons = read_lessons(course_dir, rel_dir, errors)
    quizzes = _read_quizzes(reader, course_dir, rel_dir)
    completion = _read_completion(reader, _declared_quiz_slugs(reader), len(lessons))
    quiz_files = frozenset(PurePosixPath(quiz.rel).relative_to(rel_dir).as_posix() for quiz in quizzes)
    translations = read_translations(
        course_dir, rel_dir, fields["language"], {le.slug for le in lessons}, errors, quiz_files
    )
    trainer_notes = _read_trainer_notes(course_dir, rel_dir, errors)
    if len(errors) > before:
        return None
    return CourseSource(
        code=code,
        directory=course_dir,
        rel_dir=rel_dir,
        document=document,
        description=description.strip(),
        completion=completion,
        quizzes=quizzes,
        lessons=lessons,
        translations=translations,
        trainer_notes=trainer_notes,
        **fields,
    )


def _inside_course(relative: str) -> bool:
    normal = posixpath.normpath(relative)
    return not (relative.startswith("/") or "\\" in relative or normal == ".." or normal.startswith("../"))


def _read_quizzes(reader: FieldReader, course_dir: Path, rel_dir: str) -> list[QuizSpec]:
    quizzes: list[QuizSpec] = []
    for index in reader.mapping_list("quizzes"):
        quiz = reader.sub("quizzes", index)
        quiz.reject_unknown(QUIZ_FIELDS)
        slug = quiz.text("slug", pattern=QUIZ_SLUG_PATTERN, max_length=60)
        title = quiz.text("title", max_length=200)
        file_name = quiz.text("file")
        pass_mark = quiz.number("pass_mark", minimum=0, maximum=100, integer=True)
        attempts = quiz.number("attempts", required=False, minimum=0, integer=True, default=0)
        time_limit = quiz.number("time_limit_minutes", required=False, minimum=0, integer=True, default=0)
        shuffle = quiz.boolean("shuffle")
        # What a finished attempt shows: the assessment area checks the options (sync hook).
        review = {key: quiz.text(key, required=False) for key in ("feedback_shown", "answers_shown")}
        if slug and any(q.slug == slug for q in quizzes):
            quiz.fail(f"duplicate quiz slug {slug!r}", "slug")
            continue
        if file_name and not (_inside_course(file_name) and file_name.endswith(".gift")):
            quiz.fail(f"'file' must be a .gift file inside the course folder, not {file_name!r}", "file")
            continue
        if file_name and not (course_dir / file_name).is_file():
            quiz.fail(f"the quiz file {file_name!r} does not exist in {rel_dir}", "file")
            continue
        if None in (slug, title, file_name, pass_mark):
            continue
        quizzes.append(
            QuizSpec(
                slug,
                title,
                course_dir / file_name,
                posixpath.normpath(f"{rel_dir}/{file_name}"),
                pass_mark,
                attempts,
                time_limit,
                shuffle,
                reader.document.line("quizzes", index),
                {key: value for key, value in review.items() if value is not None},
            )
        )
    return quizzes


def _declared_quiz_slugs(reader: FieldReader) -> list[str]:
    """Every slug the front matter declares, even on a quiz refused for another reason."""
    declared = reader.data.get("quizzes")
    if not isinstance(declared, list):
        return []
    return [str(quiz["slug"]) for quiz in declared if isinstance(quiz, dict) and quiz.get("slug")]


def _read_completion(reader: FieldReader, quiz_slugs: list[str], lesson_count: int) -> dict:
    rules: dict = {"lessons": "all", "quizzes": [], "essays_graded": False}
    if "completion" not in reader.data:
        return rules
    if not isinstance(reader.data["completion"], dict):
        reader.fail("'completion' must be a mapping of rules", "completion")
        return rules
    completion = reader.sub("completion")
    completion.reject_unknown(COMPLETION_FIELDS)
    lessons = completion.data.get("lessons", "all")
    if lessons != "all" and (
        isinstance(lessons, bool) or not isinstance(lessons, int) or not 0 <= lessons <= lesson_count
    ):
        completion.fail(f"'lessons' must be 'all' or a number of lessons from 0 to {lesson_count}", "lessons")
    else:
        rules["lessons"] = lessons
    attendance = completion.number("attendance_rate", required=False, minimum=0, maximum=100, integer=True)
    if attendance is not None:
        rules["attendance_rate"] = attendance
    rules["quizzes"] = completion.text_list(
        "quizzes", required=False, non_empty=False, allowed=quiz_slugs, what="quiz slug"
    )
    rules["essays_graded"] = completion.boolean("essays_graded")
    return rules


def _read_trainer_notes(course_dir: Path, rel_dir: str, errors: list[ContentError]) -> str | None:
    """`trainer-notes.md`, Markdown for the people who teach the course (optional, never empty)."""
    path = course_dir / TRAINER_NOTES
    if not path.is_file():
        return None
    rel = f"{rel_dir}/{TRAINER_NOTES}"
    text = read_text(path, rel, errors)
    if text is not None and not text.strip():
        errors.append(ContentError(rel, None, "the trainer notes are empty: write them or remove the file"))
    return text.strip() if text else None
