"""An outbox row as an e-mail: the same headers, Message-ID included, on every attempt."""

import base64
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from flask import current_app


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


def stored_attachments(attachments) -> list[dict]:
    """Attachments as the outbox keeps them (JSON)."""
    return [
        {
            "filename": item.filename,
            "content_type": item.content_type,
            "data": base64.b64encode(item.data).decode("ascii"),
        }
        for item in attachments
    ]


def new_message_id() -> str:
    """A Message-ID in the sender's domain: given once, when the e-mail enters the outbox, so the
    copies a retry may send are recognisably the same message."""
    domain = parseaddr(current_app.config["MAIL_SENDER"])[1].rpartition("@")[2] or "ecri-lms.local"
    return make_msgid(domain=domain)


def build_message(row) -> EmailMessage:
    """The e-mail of an outbox row (an OutboxMessage or a row read from its table)."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = row.to_address
    message["Subject"] = row.subject
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = row.message_id
    message.set_content(row.body)
    for item in row.attachments or ():
        maintype, subtype = item["content_type"].split("/", 1)
        message.add_attachment(
            base64.b64decode(item["data"]), maintype=maintype, subtype=subtype, filename=item["filename"]
        )
    return message
