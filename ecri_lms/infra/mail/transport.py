"""Handing one e-mail over: to the SMTP server, or to the console when none is configured."""

import smtplib
import ssl
import sys
from email.message import EmailMessage

from flask import Flask, current_app

SMTP_TIMEOUT_SECONDS = 20  # per network operation: a sender's lease is much longer


class MailSetupError(Exception):
    """The SMTP server cannot be used as configured; the message says what to change."""


def deliver(message: EmailMessage) -> None:
    """Hand the message over; raises on any failure (the outbox retries later)."""
    if not current_app.config["MAIL_SERVER"]:
        print_on_console(message)
        return
    _send_by_smtp(message, current_app.config)


def _send_by_smtp(message: EmailMessage, config) -> None:
    host, port = config["MAIL_SERVER"], config["MAIL_PORT"]
    with smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        smtp.ehlo()
        if config["MAIL_USE_TLS"]:
            if not smtp.has_extn("starttls"):
                raise MailSetupError(
                    f"{host}:{port} does not offer STARTTLS, and MAIL_USE_TLS=1 asks for it: "
                    "set MAIL_USE_TLS=0 for a plain relay on a trusted network."
                )
            smtp.starttls(context=ssl.create_default_context())  # the server's certificate is checked
            smtp.ehlo()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


def print_on_console(message: EmailMessage) -> None:
    """Development without SMTP: the whole message on standard output, where `make run` shows it."""
    lines = ["", "=" * 25 + " E-mail (no MAIL_SERVER: printed here, not sent) " + "=" * 25]
    lines += [f"{name}: {message[name]}" for name in ("Message-ID", "Date", "From", "To", "Subject")]
    lines += ["", message.get_body(("plain",)).get_content().rstrip()]
    lines += [
        f"[attachment: {part.get_filename()} ({part.get_content_type()}, {len(part.get_payload(decode=True))} bytes)]"
        for part in message.iter_attachments()
    ]
    lines += ["=" * 99, ""]
    print("\n".join(lines), file=sys.stdout, flush=True)


def describe(app: Flask) -> str:
    """Where e-mail goes with this configuration, said once at start-up."""
    config = app.config
    if not config["MAIL_SERVER"]:
        return (
            "E-mail: no MAIL_SERVER is set, so e-mails are printed on this console (and kept in the "
            "outbox) instead of being sent."
        )
    security = (
        "STARTTLS required (MAIL_USE_TLS=1; a server without it is reported on the outbox page)"
        if config["MAIL_USE_TLS"]
        else "no TLS (MAIL_USE_TLS=0: a relay on a trusted network only)"
    )
    return f"E-mail: SMTP {config['MAIL_SERVER']}:{config['MAIL_PORT']}, {security}."
