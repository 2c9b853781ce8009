"""What admins do with the outbox: read it, and send a failed e-mail again."""

from sqlalchemy import func, select

from ...accounts.audit.services import record
from ...accounts.models import User
from ...accounts.permissions import Cap, require
from ...infra.errors import Conflict, NotFound
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.mail.models import OutboxMessage, OutboxStatus
from ...infra.timeutil import utcnow


def outbox_for(actor, status: OutboxStatus | None = None):
    """The outbox, newest first, as a query (for pagination); every recipient's mail, so admins only."""
    require(actor, Cap.MANAGE_OUTBOX)
    query = select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    if status is not None:
        query = query.where(OutboxMessage.status == status.value)
    return query


def status_counts(actor) -> dict[OutboxStatus, int]:
    """How many e-mails are in each status (zeros included), for the outbox's tabs; admins only."""
    require(actor, Cap.MANAGE_OUTBOX)
    counts = dict(db.session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all())
    return {status: counts.get(status.value, 0) for status in OutboxStatus}


def get_message_for(actor, outbox_id: int) -> OutboxMessage:
    """One e-mail of the outbox, for an admin; 404 when there is none."""
    require(actor, Cap.MANAGE_OUTBOX)
    message = db.session.get(OutboxMessage, outbox_id)
    if message is None:
        raise NotFound(_("No such e-mail in the outbox."))
    return message


def resend_refusal(message: OutboxMessage) -> str | None:
    """Why this e-mail cannot be sent again, or None when it can."""
    if not message.is_failed:
        return _(
            "Only a failed e-mail can be sent again; this one is %(status)s.", status=message.status_enum.label.lower()
        )
    recipient = db.session.get(User, message.user_id) if message.user_id is not None else None
    if recipient is not None and recipient.anonymised_at is not None:
        return _("The recipient's personal data was erased: this e-mail can no longer be sent.")
    return None


def may_resend(message: OutboxMessage) -> bool:
    """Whether the outbox offers to send this e-mail again."""
    return resend_refusal(message) is None


def resend(actor, message: OutboxMessage) -> None:
    """Give a failed e-mail a new series of attempts, under the same Message-ID."""
    require(actor, Cap.MANAGE_OUTBOX)
    refusal = resend_refusal(message)
    if refusal:
        raise Conflict(refusal)
    message.retry(utcnow())
    record(actor, "mail.resend", "outbox_message", message.id, summary=f"Queued e-mail {message.id} again")
