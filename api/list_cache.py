"""The assignment lists' pages, kept until what they show changes: API clients poll the same lists all day.

A page is kept under a key made of everything it depends on: the list and the scope the user may see (an agency, a
directive, every agency), the whole address with its filters and page (the page's own links name the host), today
(timeliness is a matter of the day) and the due-soon window, and the version of the lists' data
(tasks.list_version), which every write to the tables they read changes. The access checks run before the key is
made, on every request; the page holds no user's own data. A page is kept at most TIMEOUT seconds, so that a cache
that failed to take a new version (Redis down during a write) cannot serve an old page for longer.
"""

import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

from tasks.list_version import list_cache, list_version

log = logging.getLogger(__name__)
TIMEOUT = 120


def page_key(request, scope: str) -> str:
    parts = (
        scope,
        request.build_absolute_uri(),
        timezone.localdate().isoformat(),
        str(settings.DONDOC_DUE_SOON_DAYS),
        list_version(),
    )
    return "dondoc:lists:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached_page(request, scope: str, compute: Callable[[], dict]) -> dict:
    """The page's data from the cache, or computed and kept; without a working cache, computed every time."""
    try:
        key = page_key(request, scope)
        data = list_cache().get(key)
    except Exception:  # the cache is a convenience: a fault there must not fail the request
        log.warning("lists cache unavailable; computing the page", exc_info=True)
        return compute()
    if data is None:
        data = compute()
        try:
            list_cache().set(key, data, TIMEOUT)
        except Exception:
            log.warning("lists cache unavailable; page not kept", exc_info=True)
    return data
