"""A version of some cached data, shared by every process through a cache: it changes when the data does.

A version is a random token, not a counter: a cache that lost the key (a restart, an eviction) starts from a token
nobody has used. Used by the API lists' cache (tasks.list_version) and the pages' cache (agencies.page_cache).
"""

import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import caches

log = logging.getLogger(__name__)


class DataVersion:
    def __init__(self, cache: str, key: str):
        self.cache, self.key = cache, key

    def store(self):
        return caches[self.cache]

    def current(self) -> str:
        """The current version; a new one if the cache has none (first use, or the key was lost)."""
        store = self.store()
        version = store.get(self.key)
        if version is None:
            store.add(self.key, uuid.uuid4().hex, None)
            version = store.get(self.key) or ""
        return version

    def bump(self) -> None:
        try:
            self.store().set(self.key, uuid.uuid4().hex, None)
        except Exception:  # a cache fault must not fail the write; what was kept expires on its own
            log.warning("%s cache unavailable; version not changed", self.cache, exc_info=True)


# Every write, whoever makes it, is seen where SQL is executed (Django's database instrumentation): one execute
# wrapper on every connection hands each write statement to the watchers of the versions (tasks.list_version,
# agencies.page_cache), each of which decides whether it changes its data and when its version moves.
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLAC", "TRUNCA")  # REPLACE: SQLite's upsert
_watchers: list[Callable[[str, Any], None]] = []


def is_write(sql: str) -> bool:
    return sql.lstrip()[:6].upper() in WRITES


def watch(watcher: Callable[[str, Any], None]) -> None:
    """Have `watcher(sql, connection)` called after every write statement, on every connection."""
    if watcher not in _watchers:
        _watchers.append(watcher)


def pending_on_commit(connection, func) -> bool:
    """Whether `func` waits for the open transaction's commit on this connection."""
    return connection.in_atomic_block and any(queued == func for _, queued, _ in connection.run_on_commit)


def watch_writes(execute, sql, params, many, context):
    """The execute wrapper: run the statement, then hand it to the watchers if it wrote."""
    result = execute(sql, params, many, context)
    if is_write(sql):
        for watcher in _watchers:
            watcher(sql, context["connection"])
    return result


def install(sender, connection, **kwargs):
    """connection_created receiver: every new database connection gets the wrapper, once. First in the list, since
    `connection.execute_wrapper()` blocks pop the last one when they end."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, watch_writes)
