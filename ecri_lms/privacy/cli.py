"""`flask users erase EMAIL`: erasure from the command line, in the accounts' command group."""

import click
from flask import Flask

from ..accounts.cli import users_cli
from ..accounts.permissions import SYSTEM
from ..accounts.services import find_user_by_email
from ..infra.errors import DomainError
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from .services import erase_personal_data


@click.command("erase")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def erase(email, yes):
    """Erase an account's personal data (GDPR); its training records stay, anonymous."""
    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(_("No account with e-mail %(email)s.", email=email))
    if not yes:
        click.confirm(_("Erase the personal data of %(email)s for good?", email=user.email), abort=True)
    try:
        erase_personal_data(SYSTEM, user)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    db.session.commit()
    click.echo(_("Erased the personal data of user %(id)d; training records kept.", id=user.id))


def register(app: Flask) -> None:
    users_cli.add_command(erase)
