"""Outgoing e-mail: SMTP when configured, otherwise written to the log (development)."""

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from flask import current_app


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


def build_message(to: str, subject: str, body: str, attachments=()) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    for item in attachments:
        maintype, subtype = item.content_type.split("/", 1)
        message.add_attachment(item.data, maintype=maintype, subtype=subtype, filename=item.filename)
    return message


def send_mail(to: str, subject: str, body: str, attachments=()) -> None:
    """Send now; callers that must not wait go through the job queue instead."""
    config = current_app.config
    message = build_message(to, subject, body, attachments)
    if not config["MAIL_SERVER"]:
        current_app.logger.info("E-mail (no SMTP configured) to %s: %s\n%s", to, subject, body)
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)
