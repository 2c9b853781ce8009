"""Telling people about things that concern them."""

from collections.abc import Callable

from sqlalchemy import func, select, update

from ..accounts.languages import language_of
from ..accounts.models import User
from ..infra.errors import NotFound
from ..infra.extensions import db
from ..infra.i18n import Wording, in_language, text_of
from ..infra.mail.message import Attachment
from ..infra.mail.outbox import queue_mail
from ..infra.memo import memoised
from ..infra.timeutil import utcnow
from .models import Notification

PAGE_SIZE = 30


def notify(
    user,
    subject: Wording,
    text: Wording,
    link: str | None = None,
    *,
    mail_body: Wording | None = None,
    attachments: tuple[Attachment, ...] | Callable[[], tuple[Attachment, ...]] = (),
) -> Notification | None:
    """Tell the user, in the caller's transaction: `text` is what the screen shows (a sentence or two beside the
    link), `mail_body` the e-mail's fuller letter (greeting, schedule, what is attached; `text` when not given).
    An erased account is told nothing (it has no address, and a run under way may still name it).

    Everything is written in the user's language (`language_of(user)`), whoever causes it and in whatever
    language their own page is: give the texts as lazy messages (`_l("Your seat on %(run)s is confirmed.",
    run=title)`) or as functions that build them with `_()` (`lambda: _("…", when=format_in_zone(…))`), and
    attachments whose words are translated (a calendar, a PDF) as a function returning them. A plain str is
    used as it is. The notification is stored, and the e-mail queued, in that language."""
    if user.anonymised_at is not None:
        return None
    with in_language(language_of(user)):
        subject_text, screen = text_of(subject), text_of(text)
        letter = text_of(mail_body) if mail_body is not None else screen
        attached = tuple(attachments() if callable(attachments) else attachments)
    note = Notification(user_id=user.id, subject=subject_text[:200], body=screen, link=link)
    db.session.add(note)
    queue_mail(user.email, subject_text, letter + (f"\n\n{link}" if link else ""), user=user, attachments=attached)
    return note


def mail(
    user,
    subject: Wording,
    body: Wording,
    *,
    attachments: tuple[Attachment, ...] | Callable[[], tuple[Attachment, ...]] = (),
    secret_link: bool = False,
):
    """An e-mail only (no notification on the screen) to a user, written in their language as `notify` writes it;
    none to an erased account."""
    if user.anonymised_at is not None:
        return None
    with in_language(language_of(user)):
        subject_text, letter = text_of(subject), text_of(body)
        attached = tuple(attachments() if callable(attachments) else attachments)
    return queue_mail(user.email, subject_text, letter, user=user, attachments=attached, secret_link=secret_link)


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
