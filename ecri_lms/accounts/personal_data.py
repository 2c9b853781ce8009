"""The account's own part of a person's data: what the download shows of it, and what erasure leaves."""

from ..infra.timeutil import utcnow
from . import login_sessions
from .models import User

ERASED_PASSWORD_HASH = "!erased"  # not an Argon2 hash: no password ever matches it
ERASED_TIMEZONE = "UTC"


def erased_email(user_id: int) -> str:
    """The address an erased account, and every text that named it, carries instead of theirs."""
    return f"erased-{user_id}@erased.invalid"


def erased_name(user_id: int) -> str:
    """The name an erased account, and every text that named it, carries instead of theirs."""
    return f"Erased user {user_id}"


def _iso(value):
    return value.isoformat() if value is not None else None


def export(user: User) -> dict:
    """The account as the person may download it."""
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "job_title": user.job_title,
        "timezone": user.timezone,
        "partner": user.partner.code if user.partner else None,
        "organisation": (
            {"name": user.organisation.name, "type": user.organisation.type} if user.organisation else None
        ),
        "roles": sorted(role.value for role in user.role_set),
        "active": user.active,
        "created_at": _iso(user.created_at),
        "last_login_at": _iso(user.last_login_at),
        "password_changed_at": _iso(user.password_changed_at),
    }


def export_devices(user: User) -> list[dict]:
    """The devices the person is signed in on."""
    return login_sessions.export(user)


def anonymise(user: User) -> None:
    """The account keeps its id (training records hang on it) and loses everything that named the person."""
    user.email, user.name = erased_email(user.id), erased_name(user.id)
    user.job_title, user.timezone, user.last_login_at = None, ERASED_TIMEZONE, None
    user.password_hash = ERASED_PASSWORD_HASH
    user.active = False
    user.session_version += 1
    user.anonymised_at = utcnow()
