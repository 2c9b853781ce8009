"""`sync_content`: validate the whole content tree, then apply every change or none."""

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ...accounts.audit.services import record
from ...accounts.permissions import SYSTEM
from ...infra.errors import DomainError
from ...infra.extensions import db
from ..models import Course
from .errors import ContentError, ContentInvalid
from .hooks import course_sync_hooks
from .loader import load_tree
from .sources import CourseSource
from .writer import apply_course, apply_taxonomy, archive_missing


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    topics_created: list[str] = field(default_factory=list)
    topics_updated: list[str] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)  # missing and stale translations

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.archived or self.topics_created or self.topics_updated)

    def summary(self) -> str:
        return (
            f"courses: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.archived)} archived, {len(self.unchanged)} unchanged; "
            f"taxonomy: {len(self.topics_created)} created, {len(self.topics_updated)} updated"
        )


def sync_content(content_dir: Path | str) -> SyncReport:
    """Load the curriculum files into the database; flushes, the caller commits (or rolls back on error).

    Raises ContentInvalid before writing anything when a file is malformed, and after writing (so the
    caller must roll back) when a sync hook refuses a course.
    """
    app_codes = frozenset(db.session.scalars(select(Course.code).where(Course.source == "app")))
    tree = load_tree(content_dir, app_course_codes=app_codes)
    report = SyncReport(warnings=list(tree.warnings))
    topics, taxonomy_changes = apply_taxonomy(tree.taxonomy)
    report.topics_created, report.topics_updated = taxonomy_changes["created"], taxonomy_changes["updated"]
    existing = {c.code: c for c in db.session.scalars(select(Course).where(Course.source == "content"))}
    changed: list[tuple[CourseSource, Course]] = []
    for source in tree.courses:
        course, status = apply_course(source, existing.get(source.code), topics)
        getattr(report, status).append(source.code)
        if status != "unchanged":
            changed.append((source, course))
    _run_hooks(changed)
    report.archived = archive_missing(existing, {source.code for source in tree.courses})
    if report.changed:
        record(
            SYSTEM,
            "content.sync",
            "course",
            None,
            summary=report.summary(),
            created=report.created,
            updated=report.updated,
            archived=report.archived,
        )
    db.session.flush()
    return report


def _run_hooks(changed: list[tuple[CourseSource, Course]]) -> None:
    errors: list[ContentError] = []
    for source, course in changed:
        for hook in course_sync_hooks():
            try:
                hook.apply(source, course)
            except ContentInvalid as invalid:
                errors.extend(invalid.errors)
            except DomainError as refused:
                errors.append(ContentError(source.index_rel, None, f"{hook.name}: {refused.message}"))
    if errors:
        raise ContentInvalid(errors)
    db.session.flush()
