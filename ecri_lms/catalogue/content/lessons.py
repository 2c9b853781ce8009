"""Reading a course's lesson files and its translations."""

import re
from pathlib import Path

from .errors import ContentError
from .fields import FieldReader
from .provenance import PROVENANCE_FIELDS, read_provenance
from .sources import CourseTranslationSource, LessonSource, LessonTranslationSource
from .yamltext import read_text, split_front_matter

LESSON_NAME = re.compile(r"(\d{1,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")
# What a translation file records about its original (see staleness.py); checked there, never an error here.
TRANSLATED_FROM = "translated_from"


def _visible_entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def _lesson_files(folder: Path, rel_folder: str, errors: list[ContentError]) -> list[tuple[Path, int, str]]:
    """(path, number, slug) of each well-named lesson file, in file-name order."""
    found: list[tuple[Path, int, str]] = []
    for path in _visible_entries(folder):
        match = LESSON_NAME.fullmatch(path.name)
        if not path.is_file() or not match:
            errors.append(
                ContentError(
                    f"{rel_folder}/{path.name}",
                    None,
                    "not a lesson file: lessons are named NN-slug.md (e.g. 01-why-clusters.md)",
                )
            )
            continue
        found.append((path, int(match.group(1)), match.group(2)))
    return found


def read_lessons(course_dir: Path, rel_dir: str, errors: list[ContentError]) -> list[LessonSource]:
    """The course's lessons ordered by their number; numbers and slugs must be unique."""
    folder = course_dir / "lessons"
    if not folder.is_dir():
        return []
    lessons: list[LessonSource] = []
    for path, number, slug in _lesson_files(folder, f"{rel_dir}/lessons", errors):
        rel = f"{rel_dir}/lessons/{path.name}"
        clash = next((lesson for lesson in lessons if lesson.number == number or lesson.slug == slug), None)
        if clash is not None:
            errors.append(ContentError(rel, None, f"same number or slug as {clash.rel}"))
            continue
        lesson = _read_lesson(path, rel, number, slug, errors)
        if lesson is not None:
            lessons.append(lesson)
    return sorted(lessons, key=lambda lesson: lesson.number)


def _read_lesson(path: Path, rel: str, number: int, slug: str, errors: list[ContentError]) -> LessonSource | None:
    text = read_text(path, rel, errors)
    if text is None:
        return None
    document, body = split_front_matter(text, rel, errors)
    if document is None:
        return None
    reader = FieldReader(document, errors)
    reader.reject_unknown(("title", "minutes", *PROVENANCE_FIELDS))
    title = reader.text("title", max_length=200)
    minutes = reader.number("minutes", required=False, minimum=0, maximum=600, integer=True, default=0)
    provenance = read_provenance(reader)
    if not body.strip():
        errors.append(ContentError(rel, None, "the lesson has no text after its front matter"))
        return None
    if title is None:
        return None
    return LessonSource(slug, number, title, minutes, body, rel, provenance)


def read_translations(
    course_dir: Path,
    rel_dir: str,
    course_language: str,
    lesson_slugs: set[str],
    errors: list[ContentError],
    quiz_files: frozenset[str] = frozenset(),
) -> list[CourseTranslationSource]:
    """Every translations/<lang>/ folder: an optional index.md, lesson files named as the originals, and the
    course's quiz files (`quiz_files`, relative to the course folder: the assessment area reads them)."""
    folder = course_dir / "translations"
    if not folder.is_dir():
        return []
    translations = []
    for language_dir in _visible_entries(folder):
        rel = f"{rel_dir}/translations/{language_dir.name}"
        if not language_dir.is_dir() or not LANGUAGE_PATTERN.fullmatch(language_dir.name):
            errors.append(ContentError(rel, None, "expected a folder named by a language code (e.g. es, el, pl, it)"))
            continue
        if language_dir.name == course_language:
            errors.append(ContentError(rel, None, f"the course is already written in {course_language!r}"))
            continue
        _refuse_strays(language_dir, rel, quiz_files, errors)
        translation = _read_translation(language_dir, rel, lesson_slugs, errors)
        if translation is not None:
            translations.append(translation)
    return translations


def _refuse_strays(folder: Path, rel: str, quiz_files: frozenset[str], errors: list[ContentError]) -> None:
    """A language folder holds index.md, lessons/ and the quiz files: anything else is a misnamed translation."""
    allowed = {"index.md", "lessons"} | {name.split("/", 1)[0] for name in quiz_files}
    for entry in _visible_entries(folder):
        if entry.name not in allowed:
            quizzes = ", ".join(sorted(quiz_files)) or "none"
            errors.append(
                ContentError(
                    f"{rel}/{entry.name}",
                    None,
                    f"not a translation file: a language folder holds index.md, lessons/NN-slug.md and the "
                    f"course's quiz files (here: {quizzes}), named as the originals",
                )
            )


def _read_translation(
    folder: Path, rel: str, lesson_slugs: set[str], errors: list[ContentError]
) -> CourseTranslationSource | None:
    before = len(errors)
    fields: dict = {"title": None, "summary": None, "outcomes": None, "description": None}
    index = folder / "index.md"
    if index.is_file():
        fields = _read_translated_index(index, f"{rel}/index.md", errors)
    lessons = []
    if (folder / "lessons").is_dir():
        for path, _number, slug in _lesson_files(folder / "lessons", f"{rel}/lessons", errors):
            lesson_rel = f"{rel}/lessons/{path.name}"
            if slug not in lesson_slugs:
                errors.append(ContentError(lesson_rel, None, f"the course has no lesson with slug {slug!r}"))
                continue
            lesson = _read_translated_lesson(path, lesson_rel, slug, errors)
            if lesson is not None:
                lessons.append(lesson)
    if len(errors) > before:
        return None
    return CourseTranslationSource(folder.name, lessons=tuple(lessons), **fields)


def _read_translated_index(path: Path, rel: str, errors: list[ContentError]) -> dict:
    text = read_text(path, rel, errors)
    document, body = split_front_matter(text, rel, errors) if text is not None else (None, "")
    if document is None:
        return {"title": None, "summary": None, "outcomes": None, "description": None}
    reader = FieldReader(document, errors)
    reader.reject_unknown(("title", "summary", "outcomes", TRANSLATED_FROM))
    return {
        "title": reader.text("title", required=False, max_length=200),
        "summary": reader.text("summary", required=False),
        "outcomes": reader.text_list("outcomes", required=False) or None,
        "description": body.strip() or None,
    }


def _read_translated_lesson(path: Path, rel: str, slug: str, errors: list[ContentError]):
    text = read_text(path, rel, errors)
    document, body = split_front_matter(text, rel, errors) if text is not None else (None, "")
    if document is None:
        return None
    reader = FieldReader(document, errors)
    reader.reject_unknown(("title", TRANSLATED_FROM))
    return LessonTranslationSource(
        slug, reader.text("title", required=False, max_length=200), body.strip() or None, rel
    )
