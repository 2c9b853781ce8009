"""Reading what the outbox holds, as the e-mails that go out (for every suite whose code sends mail)."""

from email.message import EmailMessage

from sqlalchemy import select

from ecri_lms.infra.extensions import db
from ecri_lms.infra.mail.message import build_message
from ecri_lms.infra.mail.models import OutboxMessage


def outbox_rows() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def outbox_emails() -> list[EmailMessage]:
    """Every e-mail in the outbox, oldest first, as it goes out."""
    return [build_message(row) for row in outbox_rows()]


def attachments_of(message: EmailMessage) -> list[tuple[str, bytes]]:
    """(content type, data) of each attachment."""
    return [(part.get_content_type(), part.get_payload(decode=True)) for part in message.iter_attachments()]
