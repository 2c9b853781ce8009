"""Sending a request as one of the matrix's roles, and classifying what came back."""

import pytest

from tests.security.matrix import MATRIX
from tests.security.world import ROLES, World

LOGIN = "L"  # sent to the login page
DENIED = "D"  # 403 or 404: refused, or the object is hidden
REFUSED = "R"  # handled and turned down: a 4xx with a reason, a form shown again, a danger flash
ALLOWED = "A"  # done or shown
NO_CHANGE = (LOGIN, DENIED, REFUSED)  # outcomes after which the database must be as it was

# What a page shows when it turns a form down: field errors (templates/_macros.html) or a danger flash.
REFUSAL_MARKS = (b'aria-invalid="true"', b"invalid-feedback", b"alert-danger", b'text-danger small"')


# Who sends hostile input: the first role the matrix lets reach the view.
PREFERRED_ROLES = ("pc_own", "trainee", "cc", "admin", "trainer", "anonymous")


def acting_role(endpoint: str, method: str) -> str:
    line = MATRIX.get(endpoint, {}).get(method)
    if line is None:
        pytest.fail(f"{endpoint} {method} is not in tests/security/matrix.py")
    return next((role for role in PREFERRED_ROLES if line[ROLES.index(role)] in "AR"), "anonymous")


def act_as(client, world: World, role: str) -> None:
    """Make the client's next requests come from the world's actor of `role` (anonymous: nobody)."""
    identity = world.signed_in(role) if world.actors[role] is not None else None
    with client.session_transaction() as sess:
        sess.clear()
        if identity is not None:
            sess["_user_id"] = identity
            sess["_fresh"] = True


def _sent_to_log_in(location: str) -> bool:
    """Flask-Login's way of asking for a login names the page to come back to; a page that is done and
    shows the login form next (a reset request, a new password) does not."""
    return "/login?next=" in location


def outcome(client, response, method: str) -> str:
    status = response.status_code
    assert status < 500, f"server error {status}"
    if status == 401 or (status in (302, 303) and _sent_to_log_in(response.headers.get("Location", ""))):
        return LOGIN
    if status in (403, 404):
        return DENIED
    if status >= 400:
        return REFUSED
    if method != "GET" and status == 200 and response.mimetype == "text/html":
        body = response.get_data()
        return REFUSED if any(mark in body for mark in REFUSAL_MARKS) else ALLOWED
    with client.session_transaction() as sess:
        if any(category == "danger" for category, _message in sess.get("_flashes", [])):
            return REFUSED
    return ALLOWED
