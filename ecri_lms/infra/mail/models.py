"""The outbox: one row per outgoing e-mail, from its creation to its delivery (or giving up)."""

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from ..db_types import UTCDateTime
from ..errors import Conflict
from ..extensions import db
from ..i18n import gettext as _
from ..i18n import lazy_pgettext as pgettext
from ..labels import Labelled, wording
from ..timeutil import utcnow
from .redaction import redact_links


class OutboxStatus(Labelled, str, enum.Enum):
    PENDING = "pending"  # waiting for a sender: new, or to be tried again at due_at
    SENDING = "sending"  # claimed by a sender until due_at (its lease); after that, anyone may take it
    SENT = "sent"  # the SMTP server accepted it (or, without SMTP, it was printed on the console)
    FAILED = "failed"  # given up after the last attempt; an admin may send it again

    # Read lazily, extracted with the context that tells them from other "Failed" or "Pending" (a grade, a plan).
    WORDING = wording(
        pending=pgettext("e-mail", "Pending"),
        sending=pgettext("e-mail", "Sending"),
        sent=pgettext("e-mail", "Sent"),
        failed=pgettext("e-mail", "Failed"),
    )


def _values(enum_class) -> str:
    return ",".join(f"'{member.value}'" for member in enum_class)


def backup_row(row: dict) -> dict:
    """A row as backups keep it: a secret link is left out, so a message that still had to go is
    marked failed rather than sent without its link from a restored copy."""
    if not row["secret_link"]:
        return row
    row = row | {"body": redact_links(row["body"])}
    if row["status"] != OutboxStatus.SENT.value:
        row |= {"status": OutboxStatus.FAILED.value, "last_error": "Its link was left out of the backup."}
    return row


class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    attachments: Mapped[list] = mapped_column(JSON, default=list)  # [{filename, content_type, data (base64)}]
    message_id: Mapped[str] = mapped_column(String(255), unique=True)  # the same on every attempt
    # The body holds a link that gives access (a password reset): hidden on the outbox page, in
    # personal-data downloads and in backups.
    secret_link: Mapped[bool] = mapped_column(default=False, server_default=false())
    status: Mapped[str] = mapped_column(
        String(16), default=OutboxStatus.PENDING.value, server_default=OutboxStatus.PENDING.value
    )
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint(f"status IN ({_values(OutboxStatus)})", name="known_status"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        Index("ix_outbox_message_status_due", "status", "due_at"),
        {"info": {"backup_row": backup_row}},
    )

    @property
    def shown_body(self) -> str:
        """The body as people other than its recipient may see it."""
        return redact_links(self.body) if self.secret_link else self.body

    @property
    def status_enum(self) -> OutboxStatus:
        return OutboxStatus(self.status)

    @property
    def is_failed(self) -> bool:
        return self.status == OutboxStatus.FAILED.value

    def retry(self, now: datetime) -> None:
        """A new series of attempts for a failed e-mail (senders move the others, under their lease)."""
        if not self.is_failed:
            raise Conflict(
                _(
                    "Only a failed e-mail can be sent again; this one is %(status)s.",
                    status=self.status_enum.label.lower(),
                )
            )
        self.status, self.attempts, self.due_at = OutboxStatus.PENDING.value, 0, now
