"""`flask evaluations invite`: meant to run from cron, e.g. hourly."""

import click
from flask import Flask
from flask.cli import AppGroup

from ..infra.extensions import db
from .invitations import invite_due

evaluations_cli = AppGroup("evaluations", help="Post-training evaluations of runs.")


@evaluations_cli.command("invite")
def invite() -> None:
    """Invite the trainees of runs that have ended to evaluate them."""
    runs, trainees = invite_due()
    db.session.commit()
    click.echo(f"Invited {trainees} trainees of {runs} runs.")


def register(app: Flask) -> None:
    app.cli.add_command(evaluations_cli)
