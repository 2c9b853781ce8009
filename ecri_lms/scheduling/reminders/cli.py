"""`flask reminders send`: run from cron every few minutes; each reminder goes out once."""

import click
from flask import Flask
from flask.cli import AppGroup

from ...infra.labels import counted
from .services import send_due_reminders

reminders_cli = AppGroup("reminders", help="E-mail reminders before sessions.")


@reminders_cli.command("send")
def send():
    """Send the reminders of sessions starting within 24 hours (safe to overlap with another run)."""
    click.echo(f"{counted(send_due_reminders(), 'reminder')} sent.")


def register(app: Flask) -> None:
    app.cli.add_command(reminders_cli)
