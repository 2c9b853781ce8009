"""The sender is woken once e-mail waits: a message written, or a failed one queued again, and committed."""

import logging

from ..events import Kind, committed
from .models import OutboxMessage, OutboxStatus
from .sender import wake_sender

log = logging.getLogger(__name__)


@committed.connect_via(OutboxMessage)
def outbox_written(_model, changes) -> None:
    """Wake the sender once per commit that left e-mail pending; a failure to wake it is logged, never raised."""
    waiting = [
        change
        for change in changes
        if change.values.get(OutboxMessage.status.key) == OutboxStatus.PENDING.value
        and (change.kind is Kind.CREATED or OutboxMessage.status.key in change.changed)
    ]
    if not waiting:
        return
    try:
        wake_sender()
    except Exception:  # the e-mail is committed and waits for the next sender: never a 500 for it
        log.exception("The outbox sender could not be started after commit")
