"""`flask mail send-pending`: send what the outbox holds (from cron, or after an outage)."""

import click
from flask import Flask
from flask.cli import AppGroup

from ..labels import counted
from ..timeutil import utcnow
from .queries import backlog
from .sender import send_pending

mail_cli = AppGroup("mail", help="Outgoing e-mail.")


@mail_cli.command("send-pending")
def send_pending_command():
    """Send every e-mail that is due; safe to run while workers or other runs send too."""
    sent = send_pending()
    left = backlog(utcnow())
    click.echo(
        f"{counted(sent, 'e-mail')} sent; {left['unsent']} waiting for a retry, {left['failed']} failed "
        "(see the outbox page)."
    )


def register(app: Flask) -> None:
    app.cli.add_command(mail_cli)
