from sqlalchemy import select

from ecri_lms.accounts.models import User
from ecri_lms.accounts.permissions import Role
from ecri_lms.infra.extensions import db


def test_users_create_with_several_roles(runner, make):
    make.partners()
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "T@Example.org",
            "--name",
            "Tomasz Trainer",
            "--role",
            "trainer",
            "--role",
            "trainee",
            "--partner",
            "LSK",
            "--password",
            "a-sturdy-passphrase",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "t@example.org"))
    assert user.role_set == {Role.TRAINER, Role.TRAINEE} and user.partner.code == "LSK"


def test_users_create_asks_for_the_password_when_not_given(runner, make):
    make.partners()
    result = runner.invoke(
        args=["users", "create", "--email", "a@example.org", "--name", "Ada", "--role", "admin"],
        input="a-sturdy-passphrase\na-sturdy-passphrase\n",
    )
    assert result.exit_code == 0, result.output


def test_users_create_reports_bad_input_without_a_traceback(runner, make):
    make.partners()
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "x@example.org",
            "--name",
            "X",
            "--role",
            "trainer",
            "--partner",
            "NOWHERE",
            "--password",
            "a-sturdy-passphrase",
        ]
    )
    assert result.exit_code != 0 and "No partner with code 'NOWHERE'" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "x@example.org",
            "--name",
            "X",
            "--role",
            "wizard",
            "--password",
            "a-sturdy-passphrase",
        ]
    )
    assert result.exit_code != 0 and "wizard" in result.output


def test_users_set_role_replaces_the_roles(runner, make):
    user = make.trainee(email="t@example.org")
    result = runner.invoke(args=["users", "set-role", "--email", "t@example.org", "--role", "partner_coordinator"])
    assert result.exit_code == 0, result.output
    db.session.refresh(user)
    assert user.role_set == {Role.PARTNER_COORDINATOR}


def test_users_set_role_names_an_unknown_account(runner, make):
    make.partners()
    result = runner.invoke(args=["users", "set-role", "--email", "ghost@example.org", "--role", "trainee"])
    assert result.exit_code != 0 and "No account with e-mail ghost@example.org" in result.output
