"""`flask content stamp-translations`: record in translation files which version of the original they match."""

from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, ContentInvalid
from .loader import load_tree
from .staleness import stamp, translated_files


@dataclass
class StampReport:
    stamped: list[str] = field(default_factory=list)  # translation files written, relative to the content directory
    current: list[str] = field(default_factory=list)  # already recording the original they match


def stamp_translations(content_dir: Path | str, code: str | None = None, language: str | None = None) -> StampReport:
    """Write the current hash of each original into its translations (of one course and one language, if given).

    The whole content must load first (ContentInvalid lists what is wrong); a translation that is missing is
    left for the translator, who adds it and stamps again."""
    tree = load_tree(content_dir)
    courses = [course for course in tree.courses if code is None or course.code == code]
    if code is not None and not courses:
        raise ContentInvalid([ContentError(f"courses/{code}", None, f"no course with the code {code!r}")])
    report = StampReport()
    for course in courses:
        for item in translated_files(course, [language] if language else None):
            if item.path.is_file():
                (report.stamped if stamp(item) else report.current).append(item.rel)
    return report
