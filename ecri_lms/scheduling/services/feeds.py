"""Personal calendar feeds: a secret URL per user, revocable, that needs no login."""

import hashlib
import secrets

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from ...accounts.models import User
from ...infra.errors import NotFound
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.timeutil import utcnow
from ..models import CalendarFeedToken

TOKEN_BYTES = 32  # 256 bits of randomness: a feed URL cannot be guessed


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_feed_token(user) -> str:
    """A new secret for the user's feed; the previous one stops working. Only its hash is stored."""
    revoke_feed_tokens(user)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    db.session.add(CalendarFeedToken(user_id=user.id, token_hash=_digest(token)))
    db.session.flush()
    return token


def revoke_feed_tokens(user) -> None:
    """Turn off the user's feed link."""
    db.session.execute(
        update(CalendarFeedToken)
        .where(CalendarFeedToken.user_id == user.id, CalendarFeedToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def active_feed_token(user) -> CalendarFeedToken | None:
    """The user's working feed token, or None; only its hash is kept, so the link itself is shown only once."""
    return db.session.scalar(
        select(CalendarFeedToken).where(CalendarFeedToken.user_id == user.id, CalendarFeedToken.revoked_at.is_(None))
    )


def user_for_feed_token(token: str) -> User:
    """The owner of a live feed token; unknown, revoked or suspended all look the same: not found."""
    user = (
        db.session.scalars(
            select(User)
            .join(CalendarFeedToken, CalendarFeedToken.user_id == User.id)
            .where(CalendarFeedToken.token_hash == _digest(token), CalendarFeedToken.revoked_at.is_(None))
            .options(joinedload(User.roles))  # read by the meeting-link check; joined: one round trip, not two
        )
        .unique()
        .one_or_none()
    )
    if user is None or not user.is_active:
        raise NotFound(_("No such calendar."))
    return user
