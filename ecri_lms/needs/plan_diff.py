"""What changed between two versions of a training plan: needs added, removed and changed, field by field.

Items are matched by topic (a plan holds a topic once). Pure: it reads the versions' items and
writes nothing, so a reviewer sees exactly what an approval would freeze.
"""

from dataclasses import dataclass

from ..infra.i18n import gettext as _
from .models import PlanItem, PlanVersion


@dataclass(frozen=True)
class ItemSnapshot:
    """A need of one version, its fields as shown on the plan page."""

    topic: str
    topic_name: str
    fields: dict[str, str]


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ItemChange:
    topic: str
    topic_name: str
    changes: list[FieldChange]


@dataclass(frozen=True)
class VersionDiff:
    before: int
    after: int
    added: list[ItemSnapshot]
    removed: list[ItemSnapshot]
    changed: list[ItemChange]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def item_fields(item: PlanItem) -> dict[str, str]:
    """The fields of a need that a version fixes, as text."""
    return {
        _("Ranked"): f"#{item.need_rank}" if item.need_rank else _("not ranked"),
        _("Courses"): ", ".join(course.code for course in item.courses) or _("none"),
        _("Target trainees"): str(item.target_trainees),
        _("From"): ", ".join(item.target_org_type_labels),
        _("Target period"): f"{item.target_start.isoformat()} – {item.target_end.isoformat()}",
        _("Note"): item.note or _("none"),
    }


def snapshot(item: PlanItem) -> ItemSnapshot:
    return ItemSnapshot(item.topic.code, item.topic.name, item_fields(item))


def diff_versions(before: PlanVersion, after: PlanVersion) -> VersionDiff:
    """The needs `after` adds, removes and changes with respect to `before`, in plan order."""
    old = {item.topic.code: snapshot(item) for item in before.items}
    new = {item.topic.code: snapshot(item) for item in after.items}
    changed = []
    for code, now in new.items():
        was = old.get(code)
        if was is None:
            continue
        changes = [
            FieldChange(label, was.fields[label], value)
            for label, value in now.fields.items()
            if value != was.fields[label]
        ]
        if changes:
            changed.append(ItemChange(code, now.topic_name, changes))
    return VersionDiff(
        before=before.number,
        after=after.number,
        added=[item for code, item in new.items() if code not in old],
        removed=[item for code, item in old.items() if code not in new],
        changed=changed,
    )
