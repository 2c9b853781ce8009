"""Cached results of read-only computations, keyed by their parameters and their tables' versions."""

import hashlib
import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar

from cachelib import BaseCache
from flask import current_app
from redis.exceptions import RedisError

from ..extensions import db
from .store import result_store
from .versions import has_unsaved_writes, tokens

T = TypeVar("T")
MAX_AGE_SECONDS = 3600  # a backstop: an entry is recomputed at least this often
REFRESH_LOCK_SECONDS = 60  # a request computing a newer result holds its place this long at most

log = logging.getLogger(__name__)


def table_names(sources: Iterable) -> tuple[str, ...]:
    """The names of these models, tables or table names: what a result depends on."""

    def name(source) -> str:
        return source if isinstance(source, str) else getattr(source, "__tablename__", None) or source.name

    return tuple(sorted({name(source) for source in sources}))


def _key(name: str, params: tuple, versions: dict[str, str]) -> str:
    digest = hashlib.sha256(repr((params, sorted(versions.items()))).encode()).hexdigest()[:32]
    return f"{name}:{digest}"


def cached_result(
    name: str, tables: tuple[str, ...], params: tuple, compute: Callable[[], T], as_of: datetime | None = None
) -> T:
    """compute(), or the value it returned before with the same params while none of `tables` changed.

    `params` must hold everything the result depends on besides those tables and time (the viewer's
    scope, filters); `compute` must return plain, picklable data, never ORM objects. A result that
    depends on time is computed `as_of` a moment (the start of a minute): once a later moment comes,
    one request computes it while the others are served the earlier moment's result, so a new
    minute never makes every request compute at once. Inside a transaction with unsaved writes, the
    cache is bypassed: others must not see them.
    """
    if not current_app.config.get("RESULT_CACHE", True) or has_unsaved_writes(db.session()):
        return compute()
    key = _key(name, params, tokens(tables))
    try:
        return _stored_or_computed(result_store(), key, compute, as_of)
    except RedisError as error:  # Redis down: every request computes, as without a cache
        log.warning("Result cache unavailable (%s); computing %s", error, name)
        return compute()


def _stored_or_computed(store: BaseCache, key: str, compute: Callable[[], T], as_of: datetime | None) -> T:
    found = store.get(key)
    if found is None:
        return _computed_and_stored(store, key, compute, as_of)
    stored_as_of, value = found
    if stored_as_of is None or (as_of is not None and stored_as_of >= as_of):
        return value
    refreshing = f"{key}:refreshing"
    if not store.add(refreshing, True, timeout=REFRESH_LOCK_SECONDS):
        return value  # another request is computing the newer one
    try:
        return _computed_and_stored(store, key, compute, as_of)
    finally:
        store.delete(refreshing)


def _computed_and_stored(store: BaseCache, key: str, compute: Callable[[], T], as_of: datetime | None) -> T:
    value = compute()
    store.set(key, (as_of, value), timeout=MAX_AGE_SECONDS)
    return value
