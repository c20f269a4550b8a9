"""The main pages, kept per session until anything they could show changes (issue 11).

People come back to the same few pages all day (their work list, an assignment, the dashboard), and most of a
page's time goes into rendering the same HTML again. `kept_page` keeps a page's HTML under a key made of all it
depends on:
- the session and its CSRF cookie, so a page (its user's name, menu, buttons and form tokens) is only ever given
  back to the session it was made for, and never after a new sign-in (which changes both);
- the whole address with its filters and page, the language, and today (timeliness is a matter of the day);
- the pages' data version, which changes after every write to any table but the sessions', from any process, seen
  where SQL is executed (agencies.data_version's execute wrapper, on every connection): ORM saves, bulk
  writes, queryset updates and raw SQL through Django all count, not only the paths that send signals.

A write outside a transaction changes the version at once; inside one, once on its commit, so that no other request
is answered from data that may still be rolled back, and a request whose own transaction has written computes its
pages and keeps none. A page is only kept when it is a plain 200 answer that sets no cookie and carries no message
(a message is shown once), and for at most TIMEOUT seconds, so that a cache that missed a new version (Redis down
during a write) or a new release cannot serve an old page for longer. The version is a random token, not a
counter (agencies.data_version). Every cache fault is logged and the page computed: the cache is a convenience,
never a reason for an error.
"""

import hashlib
import logging
import re
import zlib
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from .data_version import DataVersion, is_write, pending_on_commit

log = logging.getLogger(__name__)
CACHE = "pages"
VERSION_KEY = "dondoc:pages:version"
TIMEOUT = 120
# A session is written at sign-in and sign-out, which give new keys anyway, and when its messages are stored.
SESSION_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?django_session\b', re.IGNORECASE)
# Headers a kept answer does not repeat: the first two are made again, the rest belong to one answer only.
NOT_KEPT = {"content-type", "content-length", "set-cookie", "date"}


VERSION = DataVersion(CACHE, VERSION_KEY)
page_cache = VERSION.store
page_version = VERSION.current
bump_page_version = VERSION.bump


def changes_pages(sql: str) -> bool:
    return is_write(sql) and SESSION_WRITE.match(sql) is None


def uncommitted_writes(connection) -> bool:
    """Whether this connection's open transaction has written (its commit will change the version)."""
    return pending_on_commit(connection, bump_page_version)


def note_write(sql: str, connection) -> None:
    """The watcher (agencies.data_version): after a write, a new version now (autocommit) or on the commit."""
    if SESSION_WRITE.match(sql) is not None:
        return
    if not connection.in_atomic_block:
        bump_page_version()
    elif not uncommitted_writes(connection):
        transaction.on_commit(bump_page_version, using=connection.alias)


def page_key(request: HttpRequest) -> str | None:
    """The key of this request's page, or None when it must be computed and not kept."""
    if request.method != "GET" or not request.user.is_authenticated:
        return None
    session_key = request.session.session_key
    csrf_secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if not session_key or not csrf_secret or len(get_messages(request)):
        return None
    if uncommitted_writes(connections[DEFAULT_DB_ALIAS]):
        return None
    parts = (
        session_key,
        csrf_secret,
        request.build_absolute_uri(),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        page_version(),
    )
    return "dondoc:pages:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def keepable(request: HttpRequest, response: HttpResponse) -> bool:
    storage = get_messages(request)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not len(storage)
        and not storage.added_new
        and "no-store" not in response.get("Cache-Control", "")
        and not uncommitted_writes(connections[DEFAULT_DB_ALIAS])
    )


def kept(response: HttpResponse) -> tuple:
    headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_KEPT]
    return zlib.compress(response.content, 1), response["Content-Type"], headers


def answer(stored: tuple) -> HttpResponse:
    content, content_type, headers = stored
    response = HttpResponse(zlib.decompress(content), content_type=content_type)
    for name, value in headers:
        response[name] = value
    return response


def kept_page(view):
    """Decorator of a page view: answer from the cache when the same page was made for this session since the last
    write, else compute it and keep it."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            key = page_key(request)
            stored = page_cache().get(key) if key else None
        except Exception:
            log.warning("pages cache unavailable; computing the page", exc_info=True)
            return view(request, *args, **kwargs)
        if stored is not None:
            return answer(stored)
        response = view(request, *args, **kwargs)
        if key and keepable(request, response):
            try:
                page_cache().set(key, kept(response), TIMEOUT)
            except Exception:
                log.warning("pages cache unavailable; page not kept", exc_info=True)
        return response

    return wrapper
