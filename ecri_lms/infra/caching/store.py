"""Where cached results live: Redis when REDIS_URL is set, shared by every app server; else this
process's memory (cachelib's SimpleCache). Values are pickled by cachelib, as RQ pickles jobs: the
Redis server is trusted like the database."""

from cachelib import BaseCache, RedisCache, SimpleCache
from flask import Flask, current_app

EXTENSION = "result_cache"
KEY_PREFIX = "ecri:results:"
MEMORY_ENTRIES = 500  # SimpleCache drops the oldest entries past this
REDIS_CONNECT_TIMEOUT_SECONDS = 2  # a Redis that does not answer is given up quickly (results.py computes instead)


def _store_for(app: Flask) -> BaseCache:
    if app.config.get("REDIS_URL"):
        from redis import Redis

        return RedisCache(
            Redis.from_url(app.config["REDIS_URL"], socket_connect_timeout=REDIS_CONNECT_TIMEOUT_SECONDS),
            key_prefix=KEY_PREFIX,
        )
    return SimpleCache(threshold=MEMORY_ENTRIES)


def install_store(app: Flask) -> None:
    app.extensions[EXTENSION] = _store_for(app)


def result_store() -> BaseCache:
    return current_app.extensions[EXTENSION]
