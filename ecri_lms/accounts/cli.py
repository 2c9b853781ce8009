"""`flask users …` commands."""

import click
from flask import Flask
from flask.cli import AppGroup

from ..infra.errors import DomainError
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from . import services
from .permissions import SYSTEM, Role

ROLE_NAMES = [r.value for r in Role]

users_cli = AppGroup("users", help="Create accounts and change their roles.")


def _fail(error: DomainError) -> None:
    db.session.rollback()
    raise click.ClickException(error.message)


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role", "roles", multiple=True, required=True, type=click.Choice(ROLE_NAMES), help="Repeat for several roles."
)
@click.option("--partner", "partner_code", default=None, help="Partner code, e.g. HBIO.")
@click.option("--organisation", default=None, help="Organisation name (optional).")
@click.option("--password", default=None, help="If left out, you are asked for it.")
def create(email, name, roles, partner_code, organisation, password):
    """Create an account."""
    if password is None:
        password = click.prompt(_("Password"), hide_input=True, confirmation_prompt=True)
    try:
        user = services.create_user(
            SYSTEM,
            email=email,
            name=name,
            roles=[Role(r) for r in roles],
            partner_code=partner_code,
            password=password,
            organisation_name=organisation,
        )
    except DomainError as error:
        _fail(error)
    db.session.commit()
    click.echo(
        _(
            "Created user %(id)d <%(email)s> with roles %(roles)s.",
            id=user.id,
            email=user.email,
            roles=", ".join(sorted(roles)),
        )
    )


@users_cli.command("set-role")
@click.option("--email", required=True)
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    type=click.Choice(ROLE_NAMES),
    help="The complete set of roles the account will hold; repeat for several.",
)
def set_role(email, roles):
    """Replace the roles of an account."""
    user = services.find_user_by_email(email)
    if user is None:
        raise click.ClickException(_("No account with e-mail %(email)s.", email=email))
    try:
        services.set_roles(SYSTEM, user, {Role(r) for r in roles})
    except DomainError as error:
        _fail(error)
    db.session.commit()
    click.echo(_("%(email)s now holds: %(roles)s.", email=user.email, roles=", ".join(sorted(roles))))


def register(app: Flask) -> None:
    app.cli.add_command(users_cli)
