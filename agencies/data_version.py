"""A version of some cached data, shared by every process through a cache: it changes when the data does.

A version is a random token, not a counter: a cache that lost the key (a restart, an eviction) starts from a token
nobody has used. Used by the API lists' cache (tasks.list_version) and the pages' cache (agencies.page_cache).
"""

import logging
import uuid

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
