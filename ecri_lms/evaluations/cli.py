"""`flask evaluations invite`: meant to run from cron, e.g. hourly."""

import click
from flask import Flask
from flask.cli import AppGroup

from ..infra.extensions import db
from ..infra.i18n import _
from .invitations import invite_due

evaluations_cli = AppGroup("evaluations", help="Post-training evaluations of runs.")


@evaluations_cli.command("invite")
def invite() -> None:
    """Invite the trainees of runs that have ended to evaluate them."""
    runs, trainees = invite_due()
    db.session.commit()
    click.echo(
        _("Runs whose trainees were invited: %(runs)d. Trainees invited: %(trainees)d.", runs=runs, trainees=trainees)
    )


def register(app: Flask) -> None:
    app.cli.add_command(evaluations_cli)
