"""Telling people about things that concern them."""

from sqlalchemy import func, select, update

from ..accounts.models import User
from ..infra.errors import NotFound
from ..infra.extensions import db
from ..infra.mail.message import Attachment
from ..infra.mail.outbox import queue_mail
from ..infra.memo import memoised
from ..infra.timeutil import utcnow
from .models import Notification

PAGE_SIZE = 30


def notify(
    user,
    subject: str,
    text: str,
    link: str | None = None,
    *,
    mail_body: str | None = None,
    attachments: tuple[Attachment, ...] = (),
) -> Notification | None:
    """Tell the user, in the caller's transaction: `text` is what the screen shows (a sentence or two beside the
    link), `mail_body` the e-mail's fuller letter (greeting, schedule, what is attached; `text` when not given).
    An erased account is told nothing (it has no address, and a run under way may still name it)."""
    if user.anonymised_at is not None:
        return None
    note = Notification(user_id=user.id, subject=subject[:200], body=text, link=link)
    db.session.add(note)
    letter = mail_body if mail_body is not None else text
    queue_mail(user.email, subject, letter + (f"\n\n{link}" if link else ""), user=user, attachments=tuple(attachments))
    return note


UNREAD = "unread_notifications"


def unread_subquery():
    """The number of unread notifications of the User of the enclosing query (read when loading the user)."""
    return (
        select(func.count())
        .where(Notification.user_id == User.id, Notification.read_at.is_(None))
        .correlate(User)
        .scalar_subquery()
    )


def unread_count(user) -> int:
    """Shown in the menu of every page: usually read along with the user (accounts.loading)."""
    return memoised(
        (UNREAD, user.id),
        lambda: (
            db.session.scalar(
                select(func.count()).where(Notification.user_id == user.id, Notification.read_at.is_(None))
            )
            or 0
        ),
    )


def notifications_of(user):
    """The user's notifications, newest first (a query, for pagination)."""
    return (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def mark_read(user, notification_id: int | None = None) -> None:
    """Mark one notification (or all, when no id is given) of this user as read."""
    query = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if notification_id is not None:
        note = db.session.get(Notification, notification_id)
        if note is None or note.user_id != user.id:
            raise NotFound()
        query = query.where(Notification.id == notification_id)
    db.session.execute(query.values(read_at=utcnow()))
