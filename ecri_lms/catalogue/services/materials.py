"""Trainers' materials: files with versions, attached to an owner (course, lesson, later a run).

Each owner type registers how to load an owner and who may see and manage its materials, so the
access rules of runs can be added by scheduling without touching this module.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, url_for
from sqlalchemy import func, select

from ...accounts.audit.services import record
from ...accounts.permissions import Cap, has_capability
from ...infra.errors import NotFound, PermissionDenied, ValidationError
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.i18n import lazy_gettext as _l
from ...infra.storage import get_storage
from ...infra.timeutil import utcnow
from ..models import Course, Lesson, Material, MaterialVersion
from ..uploads import check_upload
from .access import is_course_staff, may_read_lessons, may_see_course


@dataclass(frozen=True)
class MaterialOwner:
    owner_type: str
    label: str
    load: Callable[[int], object | None]
    can_view: Callable[[object, object], bool]  # (user, owner)
    can_manage: Callable[[object, object], bool]  # (user, owner)
    describe: Callable[[object], str]
    url: Callable[[object], str]  # the owner's page, where its materials are listed


_OWNERS: dict[str, MaterialOwner] = {}


def register_material_owner(owner_type: str, *, label: str, load, can_view, can_manage, describe, url) -> None:
    """Declare a kind of thing materials can be attached to, with its access rules."""
    _OWNERS[owner_type] = MaterialOwner(owner_type, label, load, can_view, can_manage, describe, url)


def owner_kind(owner_type: str) -> MaterialOwner:
    """The declared kind of owner (course, lesson, run…) of this type; 404 for a type no area declared."""
    if owner_type not in _OWNERS:
        raise NotFound(_("Materials cannot be attached to that."))
    return _OWNERS[owner_type]


def load_owner(owner_type: str, owner_id: int):
    """The course, lesson or run a material is attached to; 404 if its type is unknown or it does not exist."""
    owner = owner_kind(owner_type).load(owner_id)
    if owner is None:
        raise NotFound(_("No such course, lesson or run."))
    return owner


def _may_teach(user, course: Course) -> bool:
    return has_capability(user, Cap.TEACH) and course.archived_at is None


def _course_can_view(user, course: Course) -> bool:
    return may_see_course(user, course) and may_read_lessons(user, course)


register_material_owner(
    "course",
    label=_l("Course"),
    load=lambda owner_id: db.session.get(Course, owner_id),
    can_view=_course_can_view,
    can_manage=_may_teach,
    describe=lambda course: f"{course.code} {course.title}",
    url=lambda course: url_for("catalogue.course", code=course.code),
)
register_material_owner(
    "lesson",
    label=_l("Lesson"),
    load=lambda owner_id: db.session.get(Lesson, owner_id),
    can_view=lambda user, lesson: lesson.archived_at is None and _course_can_view(user, lesson.course),
    can_manage=lambda user, lesson: lesson.archived_at is None and _may_teach(user, lesson.course),
    describe=lambda lesson: f"{lesson.course.code} · {lesson.title}",
    url=lambda lesson: url_for("catalogue.lesson", code=lesson.course.code, slug=lesson.slug),
)


def materials_of(user, owner_type: str, owner) -> list[Material]:
    """The live materials attached to an owner the user may see (else an empty list)."""
    if not owner_kind(owner_type).can_view(user, owner):
        return []
    return list(
        db.session.scalars(
            select(Material)
            .where(Material.owner_type == owner_type, Material.owner_id == owner.id, Material.archived_at.is_(None))
            .order_by(Material.title)
        )
    )


def get_material_for(user, material_id: int) -> tuple[Material, object]:
    """A material and its owner; 404 if it does not exist, 403 if the user may not see it."""
    material = db.session.get(Material, material_id)
    if material is None:
        raise NotFound(_("No such material."))
    owner = load_owner(material.owner_type, material.owner_id)
    kind = owner_kind(material.owner_type)
    if material.archived_at is not None and not kind.can_manage(user, owner):
        raise NotFound(_("No such material."))
    if not kind.can_view(user, owner):
        raise PermissionDenied(_("Only the course's trainees and staff can open its materials."))
    return material, owner


def owner_summary(material: Material, owner) -> tuple[str, str]:
    """A readable name of the material's owner and the URL of its page."""
    kind = owner_kind(material.owner_type)
    return kind.describe(owner), kind.url(owner)


def may_manage(user, material: Material, owner) -> bool:
    """Whether the user may upload new versions of the material or withdraw it, by its owner kind's rule."""
    return owner_kind(material.owner_type).can_manage(user, owner)


def may_see_history(user) -> bool:
    """Staff see every version; trainees only the current one."""
    return is_course_staff(user)


def _store(actor, material: Material, name: str, stream, note: str) -> MaterialVersion:
    checked = check_upload(name, stream, current_app.config["MAX_UPLOAD_BYTES"])
    stored = get_storage().save(io.BytesIO(checked.data))
    number = (
        db.session.scalar(select(func.max(MaterialVersion.number)).where(MaterialVersion.material_id == material.id))
        or 0
    ) + 1
    version = MaterialVersion(
        material_id=material.id,
        number=number,
        storage_key=stored.key,
        original_name=checked.display_name,
        file_name=checked.file_name,
        kind=checked.kind.kind,
        content_type=checked.kind.content_type,
        size_bytes=stored.size,
        sha256=stored.sha256,
        note=(note or "").strip()[:500],
        uploaded_by_id=getattr(actor, "id", None),
    )
    db.session.add(version)
    db.session.flush()
    db.session.expire(material, ["versions"])
    return version


def upload_material(
    actor, owner_type: str, owner_id: int, title: str, name: str, stream, description: str = ""
) -> Material:
    """Attach a new material (its first version) to an owner the actor may manage."""
    owner = load_owner(owner_type, owner_id)
    if not owner_kind(owner_type).can_manage(actor, owner):
        raise PermissionDenied(_("You cannot add materials here."))
    title = (title or "").strip() or (name or "").strip()
    if not title or len(title) > 200:
        raise ValidationError(_("Give the material a title of at most 200 characters."))
    material = Material(
        owner_type=owner_type,
        owner_id=owner.id,
        title=title,
        description=(description or "").strip(),
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(material)
    db.session.flush()
    _store(actor, material, name, stream, "")
    record(actor, "material.upload", owner_type, owner.id, summary=f"Uploaded {title!r}")
    return material


def add_version(actor, material: Material, name: str, stream, note: str = "") -> MaterialVersion:
    """Upload a new version; the previous ones stay available to staff."""
    owner = load_owner(material.owner_type, material.owner_id)
    if not may_manage(actor, material, owner) or material.archived_at is not None:
        raise PermissionDenied(_("You cannot change this material."))
    version = _store(actor, material, name, stream, note)
    record(
        actor,
        "material.version",
        material.owner_type,
        material.owner_id,
        summary=f"Version {version.number} of {material.title!r}",
    )
    return version


def archive_material(actor, material: Material) -> None:
    """Withdraw a material; its files stay stored for the record."""
    owner = load_owner(material.owner_type, material.owner_id)
    if not may_manage(actor, material, owner):
        raise PermissionDenied(_("You cannot remove this material."))
    material.archived_at = utcnow()
    db.session.flush()
    record(actor, "material.archive", material.owner_type, material.owner_id, summary=material.title)


def version_for_download(user, material: Material, number: int | None) -> MaterialVersion:
    """The current version, or an older one for staff."""
    current = material.current_version
    if current is None:
        raise NotFound(_("This material has no file."))
    if number is None or number == current.number:
        return current
    if not may_see_history(user):
        raise NotFound(_("Only the current version of a material can be downloaded."))
    version = next((v for v in material.versions if v.number == number), None)
    if version is None:
        raise NotFound(_("No such version."))
    return version


def open_version(version: MaterialVersion):
    """A version's stored file, opened for the download view to stream."""
    return get_storage().open(version.storage_key)
