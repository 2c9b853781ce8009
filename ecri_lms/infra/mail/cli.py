"""`flask mail send-pending`: send what the outbox holds (from cron, or after an outage)."""

import click
from flask import Flask
from flask.cli import AppGroup

from ..i18n import ngettext
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
        ngettext(
            "%(num)d e-mail sent; %(unsent)d waiting for a retry, %(failed)d failed (see the outbox page).",
            "%(num)d e-mails sent; %(unsent)d waiting for a retry, %(failed)d failed (see the outbox page).",
            sent,
            unsent=left["unsent"],
            failed=left["failed"],
        )
    )


def register(app: Flask) -> None:
    app.cli.add_command(mail_cli)
