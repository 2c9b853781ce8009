"""Whether each translation still matches its original, and which translations are missing.

A translation file records the original it was translated from: the first 12 hex digits of the SHA-256 of
the original file's bytes, as `translated_from: <hash>` in its front matter (a quiz file: a first line
`// translated_from: <hash>`). `flask content sync` (and `--check`) warns, without stopping, about every
translation whose original has changed since (or that records nothing), and about every lesson, index.md or
quiz file missing from a language folder. `flask content stamp-translations` writes the current hashes: what
a translator runs after bringing a translation up to date.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import ContentError
from .sources import CourseSource

HASH_LENGTH = 12
TRANSLATIONS = "translations"
_FRONT_MATTER_LINE = re.compile(r"translated_from:\s*(?P<quote>[\"']?)(?P<hash>[^\"'\s#]*)(?P=quote)\s*(#.*)?")
_GIFT_LINE = re.compile(r"//\s*translated_from:\s*(?P<hash>\S*)\s*")
FENCE = "---"


def source_hash(path: Path) -> str:
    """What a translation of `path` records: the first 12 hex digits of the SHA-256 of its bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_LENGTH]


@dataclass(frozen=True)
class Translated:
    """One file of a course that translators translate, in one language: where the translation is (or belongs)."""

    language: str
    original: Path
    original_rel: str  # relative to the content directory
    path: Path  # the translation file, present or not
    rel: str

    @property
    def is_gift(self) -> bool:
        return self.path.suffix == ".gift"


def translated_files(course: CourseSource, languages: list[str] | None = None) -> list[Translated]:
    """Every original (index.md, lessons, quiz files) of the course paired with its place in each language folder
    (`languages`, by default every folder the course has). A lesson translation is found by its slug."""
    folder = course.directory / TRANSLATIONS
    present = sorted(t.language for t in course.translations)
    pairs = []
    for language in present if languages is None else [lang for lang in languages if lang in present]:
        rel = f"{course.rel_dir}/{TRANSLATIONS}/{language}"
        by_slug = {
            lesson.slug: lesson.rel
            for translation in course.translations
            if translation.language == language
            for lesson in translation.lessons
        }
        originals = [("index.md", course.index_rel)]
        for lesson in course.lessons:
            translated = by_slug.get(lesson.slug)
            name = translated[len(rel) + 1 :] if translated else f"lessons/{PurePosixPath(lesson.rel).name}"
            originals.append((name, lesson.rel))
        originals += [(_in_course(course, quiz.rel), quiz.rel) for quiz in course.quizzes]
        for name, original_rel in originals:
            pairs.append(
                Translated(
                    language,
                    course.directory / _in_course(course, original_rel),
                    original_rel,
                    folder / language / name,
                    f"{rel}/{name}",
                )
            )
    return pairs


def _in_course(course: CourseSource, rel: str) -> str:
    """A path relative to the content directory, made relative to the course's folder."""
    return PurePosixPath(rel).relative_to(course.rel_dir).as_posix()


def recorded_hash(item: Translated) -> str | None:
    """The `translated_from` the translation file records, or None."""
    lines = _lines(item.path)
    if item.is_gift:
        for line in _leading_comments(lines):
            match = _GIFT_LINE.fullmatch(line.strip())
            if match:
                return match.group("hash")
        return None
    for line in _front_matter(lines):
        match = _FRONT_MATTER_LINE.fullmatch(line.rstrip())
        if match:
            return match.group("hash")
    return None


def translation_warnings(course: CourseSource) -> list[ContentError]:
    """Every missing and every stale translation of the course, each naming its file."""
    warnings = []
    for item in translated_files(course):
        if not item.path.is_file():
            message = f"missing translation: {item.original_rel} is not translated into {item.language}"
            warnings.append(ContentError(item.rel, None, message))
            continue
        recorded, current = recorded_hash(item), source_hash(item.original)
        stamp_it = f"`flask content stamp-translations {course.code} --lang {item.language}`"
        if recorded is None:
            message = (
                f"stale translation: it does not record which version of {item.original_rel} it was translated "
                f"from (translated_from); compare the two, then run {stamp_it}"
            )
            warnings.append(ContentError(item.rel, None, message))
        elif recorded != current:
            message = (
                f"stale translation: {item.original_rel} has changed since it was translated (translated_from "
                f"{recorded}, now {current}); bring the translation up to date, then run {stamp_it}"
            )
            warnings.append(ContentError(item.rel, None, message))
    return warnings


def stamp(item: Translated) -> bool:
    """Write the original's current hash into the translation file; True if the file changed."""
    raw = item.path.read_bytes()
    text = raw.decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text.removeprefix(bom).split("\n")
    value = source_hash(item.original)
    if item.is_gift:
        _stamp_gift(lines, value)
    else:
        _stamp_front_matter(lines, value, item.rel)
    stamped = (bom + "\n".join(lines)).encode("utf-8")
    if stamped == raw:
        return False
    item.path.write_bytes(stamped)
    return True


def _stamp_gift(lines: list[str], value: str) -> None:
    for index, line in enumerate(_leading_comments(lines)):
        if _GIFT_LINE.fullmatch(line.strip()):
            lines[index] = f"// translated_from: {value}"
            return
    lines.insert(0, f"// translated_from: {value}")


def _stamp_front_matter(lines: list[str], value: str, rel: str) -> None:
    written = f'translated_from: "{value}"' if value.isdigit() else f"translated_from: {value}"
    front = _front_matter(lines)
    if not front and not (lines and lines[0].strip() == FENCE):
        raise ValueError(f"{rel}: no front matter to record translated_from in")
    for index, line in enumerate(front, start=1):
        if _FRONT_MATTER_LINE.fullmatch(line.rstrip()):
            lines[index] = written
            return
    lines.insert(len(front) + 1, written)


def _lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff").replace("\r\n", "\n").split("\n")


def _leading_comments(lines: list[str]) -> list[str]:
    """The lines before a GIFT file's first line that is neither blank nor a comment."""
    leading = []
    for line in lines:
        if line.strip() and not line.strip().startswith("//"):
            break
        leading.append(line)
    return leading


def _front_matter(lines: list[str]) -> list[str]:
    """The lines between a Markdown file's opening and closing '---' (none without front matter)."""
    if not lines or lines[0].strip() != FENCE:
        return []
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in (FENCE, "..."):
            return lines[1:index]
    return []
