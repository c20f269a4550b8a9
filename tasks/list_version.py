"""A version of what the work lists show: it changes on every write to the tables they read, whoever writes.

The API's assignment lists keep each page they computed under this version (api.list_cache); a write to an
assignment, a task, an item, a directive or an agency gives a new version, so no page computed before it is served
again. The write is seen where SQL is executed (agencies.data_version's execute wrapper, on every connection), so
the ORM's saves, bulk inserts and queryset updates, raw SQL through Django, migrations and restores all count, not
only the paths that send signals.

The version changes twice: right after the statement, so that this transaction's own reads are not answered from
before it; and again after its commit, so that a page computed by another request between the two, from the data
of before the commit, is never served. A version is a random token, not a counter: a cache that loses the key (a
Redis restart, an eviction) starts from a token nobody has used.
"""

import re

from django.db import transaction

# watch_writes: the execute wrapper that hands this module every write (installed by the agencies app).
from agencies.data_version import DataVersion, is_write, pending_on_commit, watch_writes  # noqa: F401

CACHE = "lists"
KEY = "dondoc:lists:version"
# The tables the lists read: assignments, their tasks, items and directives, and the agencies (names, sort orders,
# the filters' choices).
WATCHED = re.compile(r"\b(tasks_assignment|tasks_task|directives_taskgroup|directives_directive|agencies_agency)\b")
VERSION = DataVersion(CACHE, KEY)
list_cache = VERSION.store
list_version = VERSION.current
bump_list_version = VERSION.bump


def writes_watched_table(sql: str) -> bool:
    return is_write(sql) and WATCHED.search(sql) is not None


def note_write(sql: str, connection) -> None:
    """The watcher (agencies.data_version): after a write to a watched table, a new version now and after the
    commit (once per transaction)."""
    if WATCHED.search(sql) is None:
        return
    bump_list_version()
    if connection.in_atomic_block and not pending_on_commit(connection, bump_list_version):
        transaction.on_commit(bump_list_version, using=connection.alias)
