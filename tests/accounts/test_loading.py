"""The request's user comes in one statement with what every page shows of it: roles, unread notifications
and its login session, which must not have ended."""

from sqlalchemy import select

from ecri_lms.accounts.loading import load_user
from ecri_lms.accounts.login_sessions import LAST_SEEN_STEP, end_login_session
from ecri_lms.accounts.models import LoginSession
from ecri_lms.accounts.permissions import Role
from ecri_lms.app.factory import load_request_user
from ecri_lms.infra.extensions import db
from ecri_lms.notifications.services import mark_read, notify, unread_count
from tests.dbutil import counted_statements
from tests.factories import login_identity


def test_the_user_its_roles_and_its_unread_count_are_one_statement(make):
    user = make.user(Role.TRAINEE, Role.TRAINER)
    notify(user, "One", "Text")
    notify(user, "Two", "Text")
    identity = login_identity(user)

    with counted_statements() as statements:
        loaded = load_request_user(identity)
        roles, unread = loaded.role_set, unread_count(loaded)

    assert (roles, unread, len(statements)) == ({Role.TRAINEE, Role.TRAINER}, 2, 1)


def test_the_unread_count_follows_what_the_same_request_changes(make):
    user = make.trainee()
    notify(user, "One", "Text")
    loaded = load_user(login_identity(user))
    assert unread_count(loaded) == 1

    mark_read(loaded)
    assert unread_count(loaded) == 0
    notify(loaded, "Two", "Text")
    assert unread_count(loaded) == 1


def test_an_old_session_version_or_a_deactivated_account_loads_no_user(make):
    user = make.trainee()
    identity = login_identity(user)
    user.session_version += 1
    db.session.commit()
    assert load_user(identity) is None

    user.active = False
    db.session.commit()
    assert load_user(user.get_id()) is None


def test_an_ended_unknown_or_missing_login_session_loads_no_user(make):
    user = make.trainee()
    identity = login_identity(user)
    user_id, version, _token = identity.split(":")
    assert load_user(identity) == user

    end_login_session(user)
    db.session.commit()

    assert load_user(identity) is None
    assert load_user(login_identity(user)) == user
    assert load_user(f"{user_id}:{version}:made-up-token") is None
    assert load_user(f"{user_id}:{version}") is None
    assert load_user(f"{user_id}:{version}:") is None


def test_last_seen_moves_on_once_a_step_has_passed_and_only_for_a_request_with_nothing_of_its_own(make):
    identity = login_identity(make.trainee())
    row = db.session.scalars(select(LoginSession)).one()
    long_ago = row.last_seen_at - LAST_SEEN_STEP
    row.last_seen_at = long_ago
    db.session.commit()

    make.partner("LSK").name = "Pending change of this request"
    load_user(identity)
    db.session.rollback()
    assert db.session.scalars(select(LoginSession)).one().last_seen_at == long_ago

    db.session.commit()
    load_user(identity)
    db.session.rollback()
    assert db.session.scalars(select(LoginSession)).one().last_seen_at > long_ago
