"""Something happened: rows created, changed or deleted, told to subscribers once the data is committed.

The facts are gathered from the ORM session itself (`after_flush`), so every writer is seen: services,
imports, the CLI, a test that adds a row by hand; no code has to remember to announce what it did.
They are kept per transaction: a savepoint rolled back drops its facts, a released one hands them to
the transaction around it, and only the commit of the outermost transaction sends them, as blinker
signals carrying plain values (ids, column values), never the ORM objects. A rollback sends nothing.

Subscribers connect to `committed` for one model class, in their area's `subscriptions` module:

    @committed.connect_via(AttendanceMark)
    def _re_evaluate(model, changes): ...

They run after the commit, with the session free: work they do runs in a transaction of its own,
which they commit; its own changes are then sent in turn (a subscriber must not react to its own
writes forever). Only the models someone subscribes to are recorded. Statements run outside the ORM's
unit of work (`session.execute(insert(...))`, Core bulk inserts) are not seen: a writer whose rows
must be heard adds them as objects.

`call_after_commit(func, ...)` queues a call on the same terms (jobs use it to enqueue).
"""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from blinker import Namespace
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, SessionTransaction

log = logging.getLogger(__name__)

_signals = Namespace()
committed = _signals.signal("rows-committed", doc="Sent with sender=model class and changes=tuple[RowChange].")

PENDING_KEY = "events_pending"  # [(transaction, RowChange | queued call)], in the order they happened
READY_KEY = "events_ready"  # what the outermost transaction committed, sent once it has ended


class Kind(StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    DELETED = "deleted"


@dataclass(frozen=True)
class RowChange:
    """What became of one row in a committed transaction (several flushes of it merged into one)."""

    model: type
    id: tuple
    kind: Kind
    changed: frozenset[str]  # the column attributes written (every one set, for a new row)
    values: Mapping[str, object] = field(default_factory=dict)  # columns after the change, before a deletion

    def then(self, later: "RowChange") -> "RowChange | None":
        """This change followed by a later one of the same row; None when the row came and went."""
        if self.kind is Kind.CREATED and later.kind is Kind.DELETED:
            return None
        kind = Kind.CREATED if self.kind is Kind.CREATED else later.kind
        return replace(later, kind=kind, changed=self.changed | later.changed, values={**self.values, **later.values})


@dataclass(frozen=True)
class QueuedCall:
    func: Callable
    args: tuple
    kwargs: dict


def call_after_commit(session: Session, func: Callable, *args, **kwargs) -> None:
    """Call `func(*args, **kwargs)` once the outermost transaction commits, never if it rolls back."""
    if not session.in_transaction():
        session.begin()  # so that a rollback, even of nothing else, drops the call
    _pending(session).append((_current(session), QueuedCall(func, args, kwargs)))


def _pending(session: Session) -> list:
    return session.info.setdefault(PENDING_KEY, [])


def _current(session: Session) -> SessionTransaction:
    return session.get_nested_transaction() or session.get_transaction()


def _columns(state, keys) -> dict:
    return {key: state.dict[key] for key in keys if key in state.dict}


def _change(instance, kind: Kind) -> RowChange | None:
    state = inspect(instance)
    mapper = state.mapper
    keys = [attribute.key for attribute in mapper.column_attrs]
    if kind is Kind.DELETED:
        changed = frozenset()
    elif kind is Kind.CREATED:
        changed = frozenset(key for key in keys if key in state.dict)
    else:
        changed = frozenset(key for key in keys if state.attrs[key].history.has_changes())
        if not changed:
            return None
    identity = tuple(mapper.primary_key_from_instance(instance))
    return RowChange(mapper.class_, identity, kind, changed, _columns(state, keys))


def _note_flushed(session: Session, _context) -> None:
    """Note the rows of watched models (those someone subscribes to) that this flush wrote."""
    if not committed.receivers:
        return
    transaction = _current(session)
    for instances, kind in (
        (session.new, Kind.CREATED),
        (session.dirty, Kind.CHANGED),
        (session.deleted, Kind.DELETED),
    ):
        for instance in instances:
            if committed.has_receivers_for(type(instance)) and (change := _change(instance, kind)) is not None:
                _pending(session).append((transaction, change))


def _note_committed(session: Session) -> None:
    nested = session.get_nested_transaction()
    pending = session.info.get(PENDING_KEY)
    if nested is not None:  # a savepoint released: its facts now belong to the transaction around it
        if pending:
            session.info[PENDING_KEY] = [(nested.parent if t is nested else t, fact) for t, fact in pending]
        return
    ready = [fact for _, fact in session.info.pop(PENDING_KEY, [])]
    if ready:
        session.info[READY_KEY] = ready


def _drop_rolled_back(session: Session, previous: SessionTransaction) -> None:
    if previous.parent is None:
        session.info.pop(PENDING_KEY, None)
        session.info.pop(READY_KEY, None)
        return
    live, transaction = set(), _current(session)
    while transaction is not None:
        live.add(transaction)
        transaction = transaction.parent
    if PENDING_KEY in session.info:
        session.info[PENDING_KEY] = [(t, fact) for t, fact in session.info[PENDING_KEY] if t in live]


def _send_when_ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:
        return
    session.info.pop(PENDING_KEY, None)  # ended without a commit (a session closed): it never happened
    if READY_KEY in session.info:
        send(session, session.info.pop(READY_KEY))


def merged(changes: list[RowChange]) -> dict[type, tuple[RowChange, ...]]:
    """The changes by model, one per row, in the order rows were first written."""
    by_row: dict[tuple, RowChange | None] = {}
    for change in changes:
        key = (change.model, change.id)
        if key in by_row:
            earlier = by_row[key]
            by_row[key] = change if earlier is None else earlier.then(change)
        else:
            by_row[key] = change
    by_model: dict[type, list[RowChange]] = {}
    for change in by_row.values():
        if change is not None:
            by_model.setdefault(change.model, []).append(change)
    return {model: tuple(rows) for model, rows in by_model.items()}


def send(session: Session, facts: list) -> None:
    """Tell subscribers about committed rows, then make the queued calls; a failure is logged, never raised:
    the change is committed, and the caller's response must not say otherwise."""
    for model, changes in merged([fact for fact in facts if isinstance(fact, RowChange)]).items():
        for receiver in committed.receivers_for(model):
            _safely(session, receiver, model, changes=changes)
    for call in (fact for fact in facts if isinstance(fact, QueuedCall)):
        _safely(session, call.func, *call.args, **call.kwargs)


def _safely(session: Session, func: Callable, *args, **kwargs) -> None:
    try:
        func(*args, **kwargs)
    except Exception:
        log.exception("After-commit work %s failed", getattr(func, "__qualname__", func))
        session.rollback()


def install() -> None:
    """Listen on every ORM session (idempotent)."""
    if event.contains(Session, "after_flush", _note_flushed):
        return
    event.listen(Session, "after_flush", _note_flushed)
    event.listen(Session, "after_commit", _note_committed)
    event.listen(Session, "after_soft_rollback", _drop_rolled_back)
    event.listen(Session, "after_transaction_end", _send_when_ended)
