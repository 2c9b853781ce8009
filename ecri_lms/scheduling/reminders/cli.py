"""`flask reminders send`: run from cron every few minutes; each reminder goes out once."""

import click
from flask import Flask
from flask.cli import AppGroup

from ...infra.i18n import ngettext
from .services import send_due_reminders

reminders_cli = AppGroup("reminders", help="E-mail reminders before sessions.")


@reminders_cli.command("send")
def send():
    """Send the reminders of sessions starting within 24 hours (safe to overlap with another run)."""
    sent = send_due_reminders()
    click.echo(ngettext("%(num)d reminder sent.", "%(num)d reminders sent.", sent))


def register(app: Flask) -> None:
    app.cli.add_command(reminders_cli)
