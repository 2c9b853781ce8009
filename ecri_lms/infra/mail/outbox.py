"""Writing e-mail: a row in the caller's transaction (the sender is woken once it commits: subscriptions.py)."""

from sqlalchemy import delete

from ..extensions import db
from .message import Attachment, new_message_id, stored_attachments
from .models import OutboxMessage, OutboxStatus


def queue_mail(
    to: str, subject: str, body: str, *, user=None, attachments: tuple[Attachment, ...] = (), secret_link: bool = False
) -> OutboxMessage:
    """Write an e-mail into the outbox; it leaves once the current transaction commits, never if it rolls back.

    `user` is the account it concerns (its personal data), when there is one; `secret_link` says the
    body holds a link that gives access (hidden wherever others read the message).
    """
    message = OutboxMessage(
        user_id=user.id if user is not None else None,
        to_address=to,
        subject=subject[:300],
        body=body,
        attachments=stored_attachments(attachments),
        message_id=new_message_id(),
        secret_link=secret_link,
    )
    db.session.add(message)
    return message


def discard_unsent_to_domain(domain: str) -> None:
    """Drop the e-mails not sent yet to addresses of this domain (the demo's invented people)."""
    db.session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.to_address.endswith(f"@{domain}"), OutboxMessage.status == OutboxStatus.PENDING.value
        )
    )
