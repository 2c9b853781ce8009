"""Cached results of read-only computations, keyed by their parameters and their tables' versions."""

import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from flask import current_app
from redis.exceptions import RedisError

from ..extensions import db
from .store import result_store
from .versions import has_unsaved_writes, tokens

T = TypeVar("T")
MAX_AGE_SECONDS = 3600  # a backstop: an entry is recomputed at least this often

log = logging.getLogger(__name__)


def table_names(sources: Iterable) -> tuple[str, ...]:
    """The names of these models, tables or table names: what a result depends on."""
    def name(source) -> str:
        return source if isinstance(source, str) else getattr(source, "__tablename__", None) or source.name

    return tuple(sorted({name(source) for source in sources}))


def _key(name: str, params: tuple, versions: dict[str, str]) -> str:
    digest = hashlib.sha256(repr((params, sorted(versions.items()))).encode()).hexdigest()[:32]
    return f"{name}:{digest}"


def cached_result(name: str, tables: tuple[str, ...], params: tuple, compute: Callable[[], T]) -> T:
    """compute(), or the value it returned before with the same params while none of `tables` changed.

    `params` must hold everything the result depends on besides those tables (the viewer's scope,
    filters, the moment used as 'now'); `compute` must return plain, picklable data, never ORM objects.
    Inside a transaction with unsaved writes, the cache is bypassed: others must not see them.
    """
    if not current_app.config.get("RESULT_CACHE", True) or has_unsaved_writes(db.session()):
        return compute()
    key = _key(name, params, tokens(tables))
    store = result_store()
    try:
        found = store.get(key)
    except RedisError:
        log.exception("Result cache unavailable; computing %s", name)
        return compute()
    if found is not None:
        return found[0]
    value = compute()
    try:
        store.set(key, (value,), timeout=MAX_AGE_SECONDS)
    except RedisError:
        log.exception("Result cache unavailable; %s not stored", name)
    return value
