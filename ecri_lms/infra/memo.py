"""Reads asked several times while one request builds a page, answered by one query.

A course page asks "may this user study this course?" from the view, the materials and the quiz panel;
a run page asks for the user's registration three times. `memoised(key, compute)` keeps the first
answer in the session, where it lives only while nothing can have changed it:

- it is dropped when the session writes (a flush, or any statement that is not a SELECT), when its
  transaction ends, and at the end of each request;
- it is not used while the session holds changes not yet flushed.

Keys name what is read and whose, e.g. ("enrolment", user_id, course_id).
"""

from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from .extensions import db

T = TypeVar("T")
_MEMO = "ecri_memo"


def memoised(key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), or the answer it gave earlier in this transaction if the session has not written since."""
    session = db.session()
    if session.new or session.deleted or session.dirty:
        forget(session)
        return compute()
    memo = session.info.setdefault(_MEMO, {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def remember(key: Hashable, value) -> None:
    """Store an answer read together with something else (e.g. in the query that loads the user)."""
    db.session().info.setdefault(_MEMO, {})[key] = value


def forget(session: Session) -> None:
    session.info.pop(_MEMO, None)


def _forget_after_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        forget(state.session)


def _forget_at_transaction_end(session: Session, _transaction) -> None:
    forget(session)


def _forget_after_flush(session: Session, _flush_context) -> None:
    forget(session)


def install_memo(app: Flask) -> None:
    if not event.contains(Session, "do_orm_execute", _forget_after_write):
        event.listen(Session, "do_orm_execute", _forget_after_write)
        event.listen(Session, "after_flush", _forget_after_flush)
        event.listen(Session, "after_transaction_end", _forget_at_transaction_end)

    @app.teardown_request
    def _forget_at_request_end(_exc):
        # A real request gets a new session; tests share one across requests.
        forget(db.session())
