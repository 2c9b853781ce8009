"""How Flask-Login finds the user of a request."""

from collections.abc import Callable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload

from ..infra.extensions import db
from ..infra.memo import remember
from .login_sessions import live_session_of, note_seen
from .models import LoginSession, User


def load_user(identity: str, figures: Mapping[str, Callable[[], object]] | None = None) -> User | None:
    """Identity is 'id:session_version:login token' (User.get_id): an old version or an ended login session
    means a logged-out cookie, wherever it was copied.

    One query: the account with its roles (every page asks them, for the navigation and permissions), its
    login session and `figures`: figures about the user every page shows (the unread notifications in the
    menu), a correlated scalar subquery on User each, remembered for the request (core.memo) under
    (name, user id), where the area's own function finds it. Its partner and organisation, which few pages
    show, load when asked.
    """
    parts = identity.split(":")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit() or not parts[2]:
        return None
    user_id, version, token = parts
    session = db.session()
    alone = not session.in_transaction() and not (session.new or session.dirty or session.deleted)
    figures = figures or {}
    names = list(figures)
    row = (
        db.session.execute(
            select(User, LoginSession, *(figures[name]() for name in names))
            .join(LoginSession, live_session_of(User.id, token))
            .options(joinedload(User.roles), lazyload(User.partner), lazyload(User.organisation))
            .where(User.id == int(user_id))
        )
        .unique()
        .one_or_none()
    )
    if row is None:
        return None
    user, login_session = row[0], row[1]
    if not user.is_active or user.session_version != int(version):
        return None
    for name, value in zip(names, row[2:], strict=True):
        remember((name, user.id), value)
    user.login_token = token
    note_seen(login_session, alone=alone)
    return user
