"""Which tables a transaction wrote, and their new version tokens, written before it commits.

Writes are seen at the ORM session: objects flushed (with the association tables of relationships
that changed) and INSERT/UPDATE/DELETE statements run through `session.execute`, bulk ones included.
The tokens are written in the transaction that wrote the data, so both become visible together; a
token is random, so a restored or rebuilt database never repeats the token of other data.
"""

import secrets
from collections.abc import Iterable

from sqlalchemy import event, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from ..extensions import db
from .models import DataVersion

WRITTEN_KEY = "tables_written"
TOKENS_KEY = "table_tokens"
OWN_TABLE = DataVersion.__tablename__


def written_tables(session: Session) -> set[str]:
    """Tables this session's transaction has written so far."""
    return session.info.setdefault(WRITTEN_KEY, set())


def has_unsaved_writes(session: Session) -> bool:
    """True when the transaction wrote, or is about to write, something not yet committed."""
    return bool(session.info.get(WRITTEN_KEY) or session.new or session.dirty or session.deleted)


def _only_exempt_changes(state) -> bool:
    """An update touching only the columns a model declares in `__version_exempt__`."""
    exempt = getattr(state.class_, "__version_exempt__", frozenset())
    changed = [attribute.key for attribute in state.attrs if attribute.history.has_changes()]
    return bool(exempt) and all(key in exempt for key in changed)


def _tables_of(instance) -> set[str]:
    """The object's tables, and the association tables of its relationships that changed."""
    state = inspect(instance)
    names = {table.name for table in state.mapper.tables}
    for relationship in state.mapper.relationships:
        if relationship.secondary is not None and state.attrs[relationship.key].history.has_changes():
            names.add(relationship.secondary.name)
    return names


def _note_flushed(session: Session, _context: UOWTransaction) -> None:
    written = written_tables(session)
    for instance in (*session.new, *session.deleted):
        written |= _tables_of(instance)
    for instance in session.dirty:
        if not _only_exempt_changes(inspect(instance)):
            written |= _tables_of(instance)


def _note_statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is not None and table.name != OWN_TABLE:
            written_tables(state.session).add(table.name)


def _write_tokens(session: Session) -> None:
    session.flush()  # the last writes of the transaction are known only once flushed
    names = session.info.pop(WRITTEN_KEY, set()) - {OWN_TABLE}
    if names:
        bump(session, names)


def _forget_writes(session: Session) -> None:
    session.info.pop(WRITTEN_KEY, None)
    _forget_tokens(session)


def _forget_tokens(session: Session) -> None:
    session.info.pop(TOKENS_KEY, None)


def bump(executor, names: Iterable[str]) -> None:
    """New tokens for these tables; `executor` is a session or a connection in the writing transaction.

    One statement, rows in name order: concurrent writers lock the version rows in the same order.
    """
    rows = [{"table_name": name, "token": secrets.token_hex(8)} for name in sorted(set(names))]
    if not rows:
        return
    dialect = (executor.get_bind() if isinstance(executor, Session) else executor).dialect.name
    insert = (postgresql if dialect == "postgresql" else sqlite).insert(DataVersion.__table__)
    executor.execute(
        insert.values(rows).on_conflict_do_update(index_elements=["table_name"], set_={"token": insert.excluded.token})
    )


def bump_all(connection) -> None:
    """New tokens for every table, after writes the session did not see (a restore)."""
    bump(connection, [table.name for table in db.metadata.sorted_tables if table.name != OWN_TABLE])


def tokens(names: Iterable[str]) -> dict[str, str]:
    """The token of each table ('' for a table never written since versions began).

    All tokens are read once per transaction (a few dozen rows): a result cached under tokens read
    at the transaction's start was computed from data at least that recent."""
    session = db.session()
    known = session.info.get(TOKENS_KEY)
    if known is None:
        known = session.info[TOKENS_KEY] = dict(
            session.execute(select(DataVersion.table_name, DataVersion.token)).all()
        )
    return {name: known.get(name, "") for name in sorted(set(names))}


def install_write_tracking() -> None:
    if event.contains(Session, "after_flush", _note_flushed):
        return
    event.listen(Session, "after_flush", _note_flushed)
    event.listen(Session, "do_orm_execute", _note_statement)
    event.listen(Session, "before_commit", _write_tokens)
    event.listen(Session, "after_commit", _forget_tokens)
    event.listen(Session, "after_rollback", _forget_writes)
