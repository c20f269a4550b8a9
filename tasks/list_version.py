"""A version of what the work lists show: it changes on every write to the tables they read, whoever writes.

The API's assignment lists keep each page they computed under this version (api.list_cache); a write to an
assignment, a task, an item, a directive or an agency gives a new version, so no page computed before it is served
again. The write is seen where SQL is executed (Django's database instrumentation, `connection.execute_wrapper`,
installed on every connection), so the ORM's saves, bulk inserts and queryset updates, raw SQL through Django,
migrations and restores all count, not only the paths that send signals.

The version changes twice: right after the statement, so that this transaction's own reads are not answered from
before it; and again after its commit, so that a page computed by another request between the two, from the data
of before the commit, is never served. A version is a random token, not a counter: a cache that loses the key (a
Redis restart, an eviction) starts from a token nobody has used.
"""

import re

from django.core.cache import caches
from django.db import transaction

from agencies.data_version import DataVersion

CACHE = "lists"
KEY = "dondoc:lists:version"
# The tables the lists read: assignments, their tasks, items and directives, and the agencies (names, sort orders,
# the filters' choices).
WATCHED = re.compile(r"\b(tasks_assignment|tasks_task|directives_taskgroup|directives_directive|agencies_agency)\b")
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLAC")  # REPLACE: SQLite's upsert


def list_cache():
    return caches[CACHE]


VERSION = DataVersion(CACHE, KEY)


def list_version() -> str:
    return VERSION.current()


def bump_list_version() -> None:
    VERSION.bump()


def writes_watched_table(sql: str) -> bool:
    return sql.lstrip()[:6].upper() in WRITES and WATCHED.search(sql) is not None


def watch_writes(execute, sql, params, many, context):
    """The execute wrapper: run the statement, then, if it wrote a watched table, change the version now and after
    the commit (once per transaction)."""
    result = execute(sql, params, many, context)
    if writes_watched_table(sql):
        bump_list_version()
        connection = context["connection"]
        pending = any(func is bump_list_version for _, func, _ in connection.run_on_commit)
        if connection.in_atomic_block and not pending:
            transaction.on_commit(bump_list_version, using=connection.alias)
    return result


def install(sender, connection, **kwargs):
    """connection_created receiver: every new database connection gets the wrapper, once. First in the list, since
    `connection.execute_wrapper()` blocks pop the last one when they end."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, watch_writes)
