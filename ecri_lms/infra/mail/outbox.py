"""Writing e-mail: a row in the caller's transaction, and a sender woken once that transaction commits."""

import logging

from sqlalchemy import delete, event
from sqlalchemy.orm import Session

from ..extensions import db
from .message import Attachment, new_message_id, stored_attachments
from .models import OutboxMessage, OutboxStatus
from .sender import wake_sender

WAKE_KEY = "outbox_wake_after_commit"

log = logging.getLogger(__name__)


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
    wake_after_commit()
    return message


def discard_unsent_to_domain(domain: str) -> None:
    """Drop the e-mails not sent yet to addresses of this domain (the demo's invented people)."""
    db.session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.to_address.endswith(f"@{domain}"), OutboxMessage.status == OutboxStatus.PENDING.value
        )
    )


def wake_after_commit() -> None:
    session = db.session()
    if not session.in_transaction():
        session.begin()  # so that a rollback, even of nothing else, forgets the wake-up
    session.info[WAKE_KEY] = True


def _wake_on_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: SQLAlchemy calls this hook for it too, before the real commit
    if session.info.pop(WAKE_KEY, False):
        try:
            wake_sender()
        except Exception:  # the e-mail is committed and waits for the next sender: never a 500 for it
            log.exception("The outbox sender could not be started after commit")


def _forget_on_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(WAKE_KEY, None)


event.listen(db.session, "after_commit", _wake_on_commit)
event.listen(db.session, "after_soft_rollback", _forget_on_rollback)
