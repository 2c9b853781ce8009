"""The request's user comes in one statement with what every page shows of it: roles and unread notifications."""

from ecri_lms.accounts.loading import load_user
from ecri_lms.accounts.permissions import Role
from ecri_lms.extensions import db
from ecri_lms.notifications.services import mark_read, notify, unread_count
from tests.dbutil import counted_statements


def test_the_user_its_roles_and_its_unread_count_are_one_statement(make):
    user = make.user(Role.TRAINEE, Role.TRAINER)
    notify(user, "One", "Text")
    notify(user, "Two", "Text")
    db.session.commit()
    identity = user.get_id()

    with counted_statements() as statements:
        loaded = load_user(identity)
        roles, unread = loaded.role_set, unread_count(loaded)

    assert (roles, unread, len(statements)) == ({Role.TRAINEE, Role.TRAINER}, 2, 1)


def test_the_unread_count_follows_what_the_same_request_changes(make):
    user = make.trainee()
    notify(user, "One", "Text")
    db.session.commit()
    loaded = load_user(user.get_id())
    assert unread_count(loaded) == 1

    mark_read(loaded)
    assert unread_count(loaded) == 0
    notify(loaded, "Two", "Text")
    assert unread_count(loaded) == 1


def test_an_old_session_version_or_a_deactivated_account_loads_no_user(make):
    user = make.trainee()
    identity = user.get_id()
    user.session_version += 1
    db.session.commit()
    assert load_user(identity) is None

    user.active = False
    db.session.commit()
    assert load_user(user.get_id()) is None
