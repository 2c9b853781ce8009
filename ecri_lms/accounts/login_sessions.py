"""The devices a user is signed in on: a login session starts at login, is checked on every request (with
the user, in accounts.loading) and ends at logout, everywhere its cookies were copied.

The session and remember cookies carry the session's random token (User.get_id); the database keeps only
its SHA-256 hash, so a copy of the database signs no one in.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, and_, delete, select, update

from ..infra.errors import PermissionDenied
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.timeutil import utcnow
from .audit.services import record
from .models import LoginSession, User

# last_seen_at moves on at most this often: a write every few minutes per device, not every request.
LAST_SEEN_STEP = timedelta(minutes=10)

# Product tokens ("Firefox/128.0") and system names, the first that matches naming the device; Edge also
# says Chrome and Chrome also says Safari, iPhones say "like Mac OS X" and Android says Linux: order matters.
_BROWSERS = (
    ("Edg", "Edge"),
    ("OPR", "Opera"),
    ("Firefox", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chrome", "Chrome"),
    ("Safari", "Safari"),
)
_SYSTEMS = (
    ("Windows", "Windows"),
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iOS"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
)


def describe_device(user_agent: str) -> str:
    """'Firefox on Windows': enough for a person to recognise their devices, no more kept about them."""
    browser = next((name for token, name in _BROWSERS if f"{token}/" in user_agent), None)
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), None)
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or UNKNOWN_DEVICE


UNKNOWN_DEVICE = "Unknown device"


def device_in_words(stored: str) -> str:
    """A stored description ("Firefox on Windows", kept in English) as the reader's language says it."""
    if stored == UNKNOWN_DEVICE:
        return _("Unknown device")
    browser, on, system = stored.partition(" on ")
    return _("%(browser)s on %(system)s", browser=browser, system=system) if on else stored


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _max_idle() -> timedelta:
    """A device unused for as long as a remember cookie lives is logged out on the server too."""
    duration = current_app.config["REMEMBER_COOKIE_DURATION"]
    return duration if isinstance(duration, timedelta) else timedelta(seconds=int(duration))


def _live() -> ColumnElement[bool]:
    return and_(LoginSession.ended_at.is_(None), LoginSession.last_seen_at > utcnow() - _max_idle())


def live_session_of(user_id_column, token: str) -> ColumnElement[bool]:
    """The condition on LoginSession that the request's token names a live session of that user."""
    return and_(LoginSession.user_id == user_id_column, LoginSession.token_hash == _digest(token), _live())


def start_login_session(user: User, user_agent: str) -> LoginSession:
    """Sign `user` in on a new device: its token goes into the cookies through user.get_id()."""
    _forget_finished_sessions(user)
    token = secrets.token_urlsafe(32)
    row = LoginSession(user_id=user.id, token_hash=_digest(token), device=describe_device(user_agent))
    db.session.add(row)
    db.session.flush()
    user.login_token = token
    return row


def _forget_finished_sessions(user: User) -> None:
    """Ended and idle sessions are dropped at the user's next login, so the table stays small."""
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id, ~_live()))


def note_seen(row: LoginSession, *, alone: bool) -> None:
    """Move the session's last_seen_at on, at most every LAST_SEEN_STEP.

    Committed at once, so only when the request has nothing of its own in the transaction (`alone`); a
    request that has missed its turn leaves it to the next one.
    """
    now = utcnow()
    if alone and now - row.last_seen_at >= LAST_SEEN_STEP:
        row.last_seen_at = now
        db.session.commit()


def end_login_session(user: User) -> None:
    """Log this device out: its cookies, wherever they were copied, sign no one in any more."""
    if user.login_token:
        db.session.execute(
            update(LoginSession)
            .where(LoginSession.token_hash == _digest(user.login_token), LoginSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )


def end_all_login_sessions(user: User) -> None:
    """Log `user` out on every device: each login session ends, and the session version moves on."""
    db.session.execute(
        update(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    user.session_version += 1


def log_out_everywhere(actor, user: User) -> None:
    """The user ends every session and remember cookie of their account (this device's too)."""
    if getattr(actor, "id", None) != user.id:
        raise PermissionDenied(_("You may only log out your own devices."))
    end_all_login_sessions(user)
    record(
        actor,
        "user.logout_everywhere",
        "user",
        user.id,
        partner_id=user.partner_id,
        summary="Logged out on every device",
    )


@dataclass(frozen=True)
class SignedInDevice:
    device: str
    signed_in_at: datetime
    last_seen_at: datetime
    this_device: bool


def signed_in_devices(user: User) -> list[SignedInDevice]:
    """The user's live sessions, most recently used first, the one of this request marked."""
    current = _digest(user.login_token) if user.login_token else None
    rows = db.session.scalars(
        select(LoginSession)
        .where(LoginSession.user_id == user.id, _live())
        .order_by(LoginSession.last_seen_at.desc(), LoginSession.id.desc())
    )
    return [
        SignedInDevice(device_in_words(row.device), row.created_at, row.last_seen_at, row.token_hash == current)
        for row in rows
    ]


def export(user: User) -> list[dict]:
    """The personal-data download's section: every session still kept, ended or not."""
    rows = db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id).order_by(LoginSession.id))
    return [
        {
            "device": row.device,
            "signed_in_at": row.created_at.isoformat(),
            "last_seen_at": row.last_seen_at.isoformat(),
            "ended_at": row.ended_at.isoformat() if row.ended_at else None,
        }
        for row in rows
    ]
