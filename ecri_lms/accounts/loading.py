"""How Flask-Login finds the user of a request."""

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload

from ..core.memo import remember
from ..extensions import db
from .models import User

# Figures about the user that every page shows (the unread notifications in the menu), registered by the
# areas they belong to: a correlated scalar subquery on User each, read in the query that loads the user
# and remembered for the request (core.memo) under (name, user id), where the area's own function finds it.
_FIGURES: dict[str, Callable[[], object]] = {}


def register_user_figure(name: str, subquery: Callable[[], object]) -> None:
    _FIGURES[name] = subquery


def load_user(identity: str) -> User | None:
    """Identity is 'id:session_version': an old version means a logged-out session.

    One query: the account with its roles (every page asks them, for the navigation and permissions) and
    the registered figures. Its partner and organisation, which few pages show, load when asked.
    """
    user_id, _, version = identity.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    names = list(_FIGURES)
    row = db.session.execute(
        select(User, *(_FIGURES[name]() for name in names))
        .options(joinedload(User.roles), lazyload(User.partner), lazyload(User.organisation))
        .where(User.id == int(user_id))).unique().one_or_none()
    if row is None:
        return None
    user = row[0]
    if not user.is_active or user.session_version != int(version):
        return None
    for name, value in zip(names, row[1:], strict=True):
        remember((name, user.id), value)
    return user
