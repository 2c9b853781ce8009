"""A person's data under the GDPR: everything they may download about themselves, and erasure.

Erasure anonymises the account (name, e-mail, profile; it can no longer log in) but keeps the
training records the consortium reports to its funders (registrations, attempts, attendance…),
which stay attached to the anonymous account. Areas contribute through two registries:
`register_exporter(name, fn(user) -> dict)` adds a section to the download, and
`register_eraser(name, fn(user) -> None)` removes what an area keeps that identifies the person
and is not a training record (notifications, calendar feed secrets…).
"""

from collections.abc import Callable

from sqlalchemy import func, update

from ..audit.models import AuditEvent
from ..audit.services import record
from ..errors import Conflict, PermissionDenied
from ..extensions import db
from ..timeutil import utcnow
from .models import User
from .permissions import Cap, require

Exporter = Callable[[User], dict]
Eraser = Callable[[User], None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}

ERASED_PASSWORD_HASH = "!erased"  # not an Argon2 hash: no password ever matches it
ERASED_TIMEZONE = "UTC"


def register_exporter(name: str, exporter: Exporter) -> None:
    """Add a section `name` to every personal-data download."""
    _exporters[name] = exporter


def register_eraser(name: str, eraser: Eraser) -> None:
    """Call `eraser(user)` whenever a user's personal data is erased (same transaction)."""
    _erasers[name] = eraser


def erased_email(user_id: int) -> str:
    return f"erased-{user_id}@erased.invalid"


def erased_name(user_id: int) -> str:
    return f"Erased user {user_id}"


def _iso(value):
    return value.isoformat() if value is not None else None


def _account_section(user: User) -> dict:
    return {
        "id": user.id, "email": user.email, "name": user.name, "job_title": user.job_title,
        "timezone": user.timezone, "partner": user.partner.code if user.partner else None,
        "organisation": ({"name": user.organisation.name, "type": user.organisation.type}
                         if user.organisation else None),
        "roles": sorted(role.value for role in user.role_set), "active": user.active,
        "created_at": _iso(user.created_at), "last_login_at": _iso(user.last_login_at),
        "password_changed_at": _iso(user.password_changed_at),
    }


def export_personal_data(actor, user: User) -> dict:
    """All the data the application keeps about `user`; only they may download it."""
    if getattr(actor, "id", None) != user.id:
        raise PermissionDenied("You may only download your own data.")
    data = {"exported_at": utcnow().isoformat(), "account": _account_section(user)}
    for name in sorted(_exporters):
        data[name] = _exporters[name](user)
    return data


def erase_personal_data(actor, user: User) -> None:
    """Anonymise `user` for good, keeping their training records; recorded in the audit log."""
    require(actor, Cap.ERASE_PERSONAL_DATA)
    if getattr(actor, "id", None) == user.id:
        raise PermissionDenied("You cannot erase your own account.")
    if user.anonymised_at is not None:
        raise Conflict("This account's personal data has already been erased.")
    old_email, old_name = user.email, user.name
    for name in sorted(_erasers):
        _erasers[name](user)
    _scrub_audit_summaries(user.id, old_email, old_name)
    user.email, user.name = erased_email(user.id), erased_name(user.id)
    user.job_title, user.timezone, user.last_login_at = None, ERASED_TIMEZONE, None
    user.password_hash = ERASED_PASSWORD_HASH
    user.active = False
    user.session_version += 1
    user.anonymised_at = utcnow()
    record(actor, "user.erase", "user", user.id, partner_id=user.partner_id,
           summary=f"Erased the personal data of user {user.id}")


def _scrub_audit_summaries(user_id: int, email: str, name: str) -> None:
    """Audit summaries about the user name them: keep the events, drop the name and address."""
    summary = func.replace(func.replace(AuditEvent.summary, email, erased_email(user_id)), name, erased_name(user_id))
    db.session.execute(update(AuditEvent).where(AuditEvent.target_type == "user", AuditEvent.target_id == user_id)
                       .values(summary=summary))
