"""A person's data under the GDPR: everything they may download about themselves, and erasure.

Erasure anonymises the account (name, e-mail, profile; it can no longer log in) but keeps the
training records the consortium reports to its funders (registrations of runs under way or past,
attempts, attendance, certificates…), which stay attached to the anonymous account. In order:
each area's eraser named in `sections.ERASERS` (future seats go to the next in line, stored
certificate PDFs are deleted…); then each table of `personal_tables` does what its line says with
the person's rows (delete them, or put the pseudonym for their name); then every text of every
table that names the person is rewritten to the pseudonym (`_rewrite_mentions`). The download has
one section per entry of `sections.EXPORTERS`.

An e-mail address names one person: it is rewritten wherever it appears. A name may be shared, or be
an ordinary word: it is rewritten everywhere only when it has several words and no other account
bears it; otherwise only in rows that refer to the person (their notifications, the audit events
they did or that are about them…). Other people's longer names that contain it are never touched.
"""

from sqlalchemy import JSON, String, Text, and_, cast, delete, false, func, or_, select, update

from ..accounts.audit.models import AuditEvent
from ..accounts.audit.services import record
from ..accounts.models import User
from ..accounts.permissions import Cap, require
from ..accounts.personal_data import anonymise, erased_email, erased_name
from ..accounts.records import RENAME
from ..infra.errors import Conflict, PermissionDenied
from ..infra.extensions import db
from ..infra.i18n import gettext as _
from ..infra.timeutil import utcnow
from .personal_tables import PERSONAL_TABLES, USER_TABLE, person_columns
from .pseudonyms import LIKE_ESCAPE, Pseudonym, like_pattern, name_regex
from .sections import ERASERS, EXPORTERS


def section_names() -> set[str]:
    """The sections of the download."""
    return set(EXPORTERS)


def export_personal_data(actor, user: User) -> dict:
    """All the data the application keeps about `user`; only they may download it."""
    if getattr(actor, "id", None) != user.id:
        raise PermissionDenied(_("You may only download your own data."))
    data = {"exported_at": utcnow().isoformat()}
    for name in sorted(EXPORTERS):
        data[name] = EXPORTERS[name](user)
    return data


def erase_personal_data(actor, user: User) -> None:
    """Anonymise `user` for good, keeping their training records; recorded in the audit log."""
    require(actor, Cap.ERASE_PERSONAL_DATA)
    if getattr(actor, "id", None) == user.id:
        raise PermissionDenied(_("You cannot erase your own account."))
    if user.anonymised_at is not None:
        raise Conflict(_("This account's personal data has already been erased."))
    everywhere, in_their_rows = _pseudonyms_of(user)
    for name in sorted(ERASERS):
        ERASERS[name](user)
    _erase_declared_rows(user.id)
    _rewrite_mentions(user.id, everywhere, in_their_rows)
    anonymise(user)
    record(
        actor,
        "user.erase",
        "user",
        user.id,
        partner_id=user.partner_id,
        subject_user_id=user.id,
        summary=f"Erased the personal data of user {user.id}",
    )


def _names_of(user: User) -> set[str]:
    """The names the person is known by: theirs now, those their rows copied (a certificate keeps the
    name it was issued to) and those they changed from."""
    names = {user.name}
    for declared in PERSONAL_TABLES:
        table = db.metadata.tables[declared.name]
        for column in declared.name_columns:
            names.update(
                db.session.scalars(select(table.c[column]).distinct().where(table.c[declared.person] == user.id))
            )
    renames = db.session.scalars(
        select(AuditEvent.details).where(AuditEvent.action == RENAME, AuditEvent.subject_user_id == user.id)
    )
    names.update(details["previous_name"] for details in renames if details.get("previous_name"))
    return {name for name in names if name.strip()}


def _others_named_like(user: User, names: set[str]) -> tuple[set[str], set[str]]:
    """Of the person's names, those another account bears too; and the other accounts' longer names
    that contain one of them."""
    lowered = func.lower(User.name)
    others = db.session.scalars(
        select(User.name).where(
            User.id != user.id, or_(*(lowered.like(like_pattern(name), escape=LIKE_ESCAPE) for name in names))
        )
    )
    shared, longer = set(), set()
    for other in others:
        for name in names:
            if " ".join(other.split()).casefold() == " ".join(name.split()).casefold():
                shared.add(name)
            elif name_regex(name).search(other):
                longer.add(other)
    return shared, longer


def _pseudonyms_of(user: User) -> tuple[Pseudonym, Pseudonym]:
    """How texts anywhere, and texts in rows that refer to the person, are rewritten."""
    names = _names_of(user)
    shared, longer = _others_named_like(user, names)
    distinctive = {name for name in names if len(name.split()) > 1 and name not in shared}

    def pseudonym(known: set[str]) -> Pseudonym:
        return Pseudonym(
            names=known, emails=[user.email], protected=longer, name=erased_name(user.id), email=erased_email(user.id)
        )

    return pseudonym(distinctive), pseudonym(names)


def _erase_declared_rows(user_id: int) -> None:
    """What privacy.personal_tables says: the person's rows deleted, or their copied name replaced."""
    for declared in PERSONAL_TABLES:
        if not (declared.delete or declared.name_columns):
            continue
        table = db.metadata.tables[declared.name]
        theirs = table.c[declared.person] == user_id
        if declared.delete:
            db.session.execute(delete(table).where(theirs))
        elif declared.name_columns:
            db.session.execute(
                update(table).where(theirs).values({column: erased_name(user_id) for column in declared.name_columns})
            )


def _holds_text(column) -> bool:
    return isinstance(column.type, String | Text | JSON)


def _mentioning(columns, pseudonym: Pseudonym):
    """The SQL condition: one of the columns may mention the person (checked exactly in Python)."""
    lowered = [func.lower(cast(column, Text) if isinstance(column.type, JSON) else column) for column in columns]
    return or_(
        false(), *(text.like(pattern, escape=LIKE_ESCAPE) for text in lowered for pattern in pseudonym.like_patterns())
    )


def _fitted(column, value):
    """A rewritten text cut to its column's length (a pseudonym may be longer than the name it replaces)."""
    length = getattr(column.type, "length", None)
    return value[:length] if isinstance(value, str) and length else value


def _rewrite_mentions(user_id: int, everywhere: Pseudonym, in_their_rows: Pseudonym) -> None:
    """Rewrite every text of every table (the account itself aside) that names the person."""
    kept_apart = {(declared.name, column) for declared in PERSONAL_TABLES for column in declared.name_columns}
    for table in db.metadata.sorted_tables:
        texts = [
            column for column in table.columns if _holds_text(column) and (table.name, column.name) not in kept_apart
        ]
        if table.name == USER_TABLE or not texts:
            continue
        people, keys = person_columns(table), list(table.primary_key.columns)
        theirs = or_(false(), *(column == user_id for column in people))
        found = db.session.execute(
            select(*dict.fromkeys([*keys, *people, *texts])).where(
                or_(_mentioning(texts, everywhere), and_(theirs, _mentioning(texts, in_their_rows)))
            )
        )
        for row in found.mappings():
            pseudonym = in_their_rows if any(row[column] == user_id for column in people) else everywhere
            changes = {column.name: _fitted(column, pseudonym.rewrite(row[column])) for column in texts}
            changes = {name: value for name, value in changes.items() if value != row[table.c[name]]}
            if changes:
                db.session.execute(update(table).where(*(key == row[key] for key in keys)).values(changes))
