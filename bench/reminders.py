"""Benchmark of the daily reminder scan: 100,000 assignments, 60 agencies, 1,000 users; prints time and queries.

Run: `.venv/bin/python bench/reminders.py [--assignments N] [--cold]`. It uses a throw-away SQLite file, or,
when DATABASE_URL is set, a throw-away `bench_<name>_<pid>` database on that server (created and dropped here).
The headline figure is a normal day: the ledger holds what the previous days' scans sent, as it would
after a worker ran every morning. --cold also times the first scan ever (empty ledger: everything owed).
"""

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
TMP = tempfile.TemporaryDirectory(prefix="dondoc-bench-")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{TMP.name}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from agencies.models import Agency, Notification, User  # noqa: E402
from directives.models import Directive, ReminderPolicy, TaskGroup  # noqa: E402
from tasks import reminder_sources  # noqa: E402
from tasks.models import Assignment, ReminderLedger, Task  # noqa: E402
from tasks.reminders import reminders_due  # noqa: E402
from tasks.reminders.digest import digest_pending_user_ids  # noqa: E402
from tasks.reminders.scan import reminder_scan_run  # noqa: E402

AGENCIES = 60
USERS = 1000
DIRECTIVES = 20
GROUPS_PER_DIRECTIVE = 10
AGENCIES_PER_TASK = 20
STATUSES = [
    (Assignment.Status.NOT_STARTED, 25),
    (Assignment.Status.IN_PROGRESS, 35),
    (Assignment.Status.AWAITING_CONFIRMATION, 5),
    (Assignment.Status.DONE, 25),
    (Assignment.Status.PAUSED, 5),
    (Assignment.Status.CANCELLED, 5),
]


def generate(assignments: int, today) -> None:
    rng = random.Random(4)
    agencies = Agency.objects.bulk_create(
        Agency(code=f"bench-{index}", name=f"Cơ quan thử {index}", short_name=f"CQ {index}", sort_order=index)
        for index in range(AGENCIES)
    )
    User.objects.bulk_create(
        User(
            username=f"bench{index}",
            password="!",  # noqa: S106  (unusable password)
            full_name=f"Người dùng {index}",
            email=f"bench{index}@dondoc.test",
            agency=agencies[index % AGENCIES],
            role=User.Role.MANAGER if index < 2 * AGENCIES else User.Role.STAFF,
            is_active=rng.random() > 0.05,
        )
        for index in range(USERS)
    )
    directives = Directive.objects.bulk_create(
        Directive(
            kind=Directive.Kind.PLAN,
            number=f"{index}/KH-BENCH",
            issuer="UBND tỉnh",
            coordinating_agency=agencies[index % 3],
        )
        for index in range(DIRECTIVES)
    )
    ReminderPolicy.objects.create(directive=directives[0], days_before="10,5,2", overdue_every_days=3)
    groups = TaskGroup.objects.bulk_create(
        TaskGroup(directive=directive, number=number, title=f"Nhóm {number}")
        for directive in directives
        for number in range(1, GROUPS_PER_DIRECTIVE + 1)
    )
    tasks_per_group = -(-assignments // (len(groups) * AGENCIES_PER_TASK))
    tasks = Task.objects.bulk_create(
        Task(
            group=group, number=number, text=f"Triển khai thực hiện nhiệm vụ số {number} của nhóm {group.number}. " * 3
        )
        for group in groups
        for number in range(1, tasks_per_group + 1)
    )
    statuses, weights = zip(*STATUSES, strict=True)
    rows = []
    for task in tasks:
        for agency in rng.sample(agencies, AGENCIES_PER_TASK):
            if len(rows) == assignments:
                break
            deadline = None if rng.random() < 0.1 else today + timedelta(days=rng.randint(-365, 180))
            rows.append(
                Assignment(
                    task=task,
                    agency=agency,
                    deadline=deadline,
                    status=rng.choices(statuses, weights)[0],
                    role=Assignment.Role.LEAD if rng.random() < 0.3 else Assignment.Role.COOPERATING,
                )
            )
    Assignment.objects.bulk_create(rows, batch_size=2000)
    now = timezone.now()
    Assignment.objects.update(created_at=now - timedelta(days=400))
    recent = rng.sample([row.pk for row in Assignment.objects.only("pk")], k=min(500, assignments))
    Assignment.objects.filter(pk__in=recent[:400]).update(created_at=now - timedelta(days=2))


def fill_ledger_as_of(yesterday) -> int:
    """What a worker running every morning up to yesterday leaves in the ledger (no notifications needed)."""
    run_id = uuid.uuid4()
    policies = reminder_sources.reminder_policies()
    rows = []
    open_assignments = Assignment.objects.filter(status__in=["not_started", "in_progress"]).values_list(
        "pk", "status", "deadline", "created_at", "task__group__directive_id"
    )
    for pk, status, deadline, created_at, directive_id in open_assignments.iterator(chunk_size=5000):
        policy = policies.get(directive_id, reminder_sources.DEFAULT_POLICY)
        for due in reminders_due(
            status=status,
            deadline=deadline,
            created_on=timezone.localtime(created_at).date(),
            today=yesterday,
            policy=policy,
        ):
            rows.append(ReminderLedger(object_id=pk, kind=due.kind, due_on=due.due_on, run_id=run_id))
    ReminderLedger.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def timed_scan(label: str, today) -> None:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = reminder_scan_run(today=today)
        elapsed = time.perf_counter() - started
    kinds = {"SELECT": 0, "INSERT": 0}
    for query in queries.captured_queries:
        verb = query["sql"].split(" ", 1)[0].upper()
        kinds[verb] = kinds.get(verb, 0) + 1
    other = ", ".join(f"{verb} {count}" for verb, count in kinds.items() if verb not in ("SELECT", "INSERT"))
    print(
        f"{label}: {elapsed:.2f} s, {len(queries)} queries (SELECT {kinds['SELECT']}, INSERT {kinds['INSERT']}"
        f"{', ' + other if other else ''}); {result.reminders} reminders, {result.notifications} notifications"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignments", type=int, default=100_000)
    parser.add_argument("--cold", action="store_true", help="also time the first scan ever (empty ledger)")
    options = parser.parse_args()

    original_name = connection.settings_dict["NAME"]
    postgres = connection.vendor == "postgresql"
    if postgres:
        # Its own name, so it never clobbers the test suite's test_<name> database.
        connection.settings_dict["TEST"]["NAME"] = f"bench_{original_name}_{os.getpid()}"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    else:
        call_command("migrate", verbosity=0)
    try:
        today = timezone.localdate()
        started = time.perf_counter()
        generate(options.assignments, today)
        ledger_rows = fill_ledger_as_of(today - timedelta(days=1))
        open_count = Assignment.objects.filter(status__in=["not_started", "in_progress"]).count()
        print(
            f"database: {connection.vendor} ({connection.settings_dict['NAME']}); generated in "
            f"{time.perf_counter() - started:.1f} s: {Assignment.objects.count()} assignments ({open_count} open), "
            f"{Agency.objects.count()} agencies, {User.objects.count()} users; "
            f"ledger as of yesterday: {ledger_rows} rows"
        )
        chunks = -(-open_count // reminder_sources.CHUNK_SIZE)
        print(f"chunk size {reminder_sources.CHUNK_SIZE}: about {chunks} chunks of open assignments")
        timed_scan("daily scan", today)
        timed_scan("same day again (nothing new)", today)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            users = digest_pending_user_ids(day=today)
        print(f"digest recipients: {len(users)} users in {time.perf_counter() - started:.2f} s, {len(queries)} query")
        if options.cold:
            Notification.objects.all().delete()
            ReminderLedger.objects.all().delete()
            timed_scan("cold scan (empty ledger, first run ever)", today)
    finally:
        if postgres:
            connection.creation.destroy_test_db(original_name, verbosity=0)
        else:
            connection.close()
        TMP.cleanup()


if __name__ == "__main__":
    main()
