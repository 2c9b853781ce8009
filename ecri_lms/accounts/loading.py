"""How Flask-Login finds the user of a request."""

from ..extensions import db
from .models import User


def load_user(identity: str) -> User | None:
    """Identity is 'id:session_version': an old version means a logged-out session."""
    user_id, _, version = identity.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user
