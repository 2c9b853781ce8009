"""The e-mails sent to a person, in their data download; erasure leaves them addressed to the pseudonym."""

from sqlalchemy import func, or_, select, update

from ...accounts.personal_data import erased_email, erased_name
from ...infra.extensions import db
from ...infra.mail.models import OutboxMessage, OutboxStatus

ERASED_REASON = "Not sent: the recipient's personal data was erased."


def _of(user):
    return or_(OutboxMessage.user_id == user.id, OutboxMessage.to_address == user.email)


def export(user) -> dict:
    messages = db.session.scalars(
        select(OutboxMessage).where(_of(user)).order_by(OutboxMessage.created_at, OutboxMessage.id)
    ).all()
    return {
        "emails": [
            {
                "created_at": m.created_at.isoformat(),
                "to": m.to_address,
                "subject": m.subject,
                "body": m.shown_body,
                "status": m.status,
                "sent_at": m.sent_at.isoformat() if m.sent_at else None,
            }
            for m in messages
        ]
    }


def erase(user) -> None:
    """Rewrite the user's name and address to their pseudonyms; what was not sent yet never will be."""
    pseudonyms = ((user.email, erased_email(user.id)), (user.name, erased_name(user.id)))

    def scrubbed(column):
        for real, pseudonym in pseudonyms:
            column = func.replace(column, real, pseudonym)
        return column

    mine = _of(user)
    db.session.execute(
        update(OutboxMessage)
        .where(mine, OutboxMessage.status != OutboxStatus.SENT.value)
        .values(status=OutboxStatus.FAILED.value, last_error=ERASED_REASON)
    )
    db.session.execute(
        update(OutboxMessage)
        .where(mine)
        .values(
            user_id=user.id,
            to_address=erased_email(user.id),
            subject=scrubbed(OutboxMessage.subject),
            body=scrubbed(OutboxMessage.body),
            attachments=[],
        )
    )
