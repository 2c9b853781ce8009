"""Reading and validating the whole content tree before anything is written."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .courses import read_course
from .errors import ContentError, ContentInvalid
from .hooks import course_sync_hooks, hooks_signature
from .sources import CourseSource
from .staleness import translation_warnings
from .taxonomy import Taxonomy, read_taxonomy

COURSES_DIR = "courses"


@dataclass(frozen=True)
class ContentTree:
    taxonomy: Taxonomy
    courses: tuple[CourseSource, ...]
    # Missing and stale translations (staleness.py): reported, never stopping a sync.
    warnings: tuple[ContentError, ...] = ()


def load_tree(content_dir: Path | str, *, app_course_codes: frozenset[str] = frozenset()) -> ContentTree:
    """Every file parsed and checked; raises ContentInvalid listing every problem found."""
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise ContentInvalid([ContentError(str(content_dir), None, "the content directory does not exist")])
    errors: list[ContentError] = []
    taxonomy = read_taxonomy(content_dir, errors)
    topic_codes = taxonomy.topic_codes if taxonomy else None  # unknown: do not report every topic as wrong
    courses = _read_courses(content_dir, topic_codes, errors)
    _check_prerequisites(courses, app_course_codes, errors)
    _check_codes_free(courses, app_course_codes, errors)
    for course in courses:
        errors.extend(_run_checks(course))
    if errors or taxonomy is None:
        raise ContentInvalid(errors)
    for course in courses:
        course.fingerprint = fingerprint(course.directory)
    warnings = tuple(warning for course in courses for warning in translation_warnings(course))
    return ContentTree(taxonomy, tuple(courses), warnings)


def _read_courses(
    content_dir: Path, topic_codes: frozenset[str] | None, errors: list[ContentError]
) -> list[CourseSource]:
    folder = content_dir / COURSES_DIR
    if not folder.is_dir():
        return []
    courses = []
    for course_dir in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        course = read_course(course_dir, f"{COURSES_DIR}/{course_dir.name}", topic_codes, errors)
        if course is not None:
            courses.append(course)
    return courses


def _check_prerequisites(courses: list[CourseSource], app_codes: frozenset[str], errors: list[ContentError]) -> None:
    known = {c.code for c in courses} | set(app_codes)
    for course in courses:
        for index, code in enumerate(course.prerequisites):
            if code == course.code:
                errors.append(course.document.error("a course cannot be its own prerequisite", "prerequisites", index))
            elif code not in known:
                errors.append(
                    course.document.error(f"unknown prerequisite course code {code!r}", "prerequisites", index)
                )
    cycle = _prerequisite_cycle({c.code: c.prerequisites for c in courses})
    if cycle:
        first = next(c for c in courses if c.code == cycle[0])
        errors.append(first.document.error(f"prerequisites form a cycle: {' → '.join(cycle)}", "prerequisites"))


def _prerequisite_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """One cycle in the prerequisite graph (as a path ending where it starts), or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(code: str) -> list[str] | None:
        state[code] = "open"
        stack.append(code)
        for needed in graph[code]:
            if needed not in graph or needed == code:
                continue
            if state.get(needed) == "open":
                return stack[stack.index(needed) :] + [needed]
            if needed not in state and (found := visit(needed)):
                return found
        stack.pop()
        state[code] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def _check_codes_free(courses: list[CourseSource], app_codes: frozenset[str], errors: list[ContentError]) -> None:
    for course in courses:
        if course.code in app_codes:
            errors.append(
                course.document.error(
                    f"the code {course.code!r} is taken by a course created in the app; choose another", "code"
                )
            )


def _run_checks(course: CourseSource) -> list[ContentError]:
    found = []
    for hook in course_sync_hooks():
        found.extend(hook.check(course) or [])
    return found


def fingerprint(course_dir: Path) -> str:
    """A hash of every file of the course (names and bytes) and of the registered sync hooks."""
    digest = hashlib.sha256(hooks_signature().encode())
    for path in sorted(p for p in course_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(course_dir).as_posix()
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        digest.update(b"\0" + relative.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
