"""Benchmark of a reorganisation: merge two agencies with 5,000 open assignments each; prints time and queries.

Run: `.venv/bin/python bench/reorganising.py [--assignments N]`. It uses a throw-away SQLite file, or, when
DATABASE_URL is set, that database (run it against a scratch one). Each agency carries N open assignments on
tasks of its own, each with a history row, a few pending extension requests and ten users; the merge into a
third agency (tasks.reorganising.agencies_reorganise, one transaction) moves them all and writes a history row
for each. Target (issue 17): under 10 s.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date
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
from simple_history.utils import bulk_create_with_history  # noqa: E402

from agencies.models import Agency, AgencyChange, User  # noqa: E402
from directives.models import Directive, TaskGroup  # noqa: E402
from tasks.models import Assignment, ExtensionRequest, Task  # noqa: E402
from tasks.reorganising import Reorganisation, agencies_reorganise  # noqa: E402

TARGET_SECONDS = 10.0


def generate(per_agency: int) -> tuple[list[Agency], Agency, User]:
    coordinator, a, b, c = (
        Agency.objects.create(code=code, name=name, kind=Agency.Kind.DISTRICT)
        for code, name in [
            ("bch", "Bộ Chỉ huy quân sự tỉnh"),
            ("ubnd-a", "UBND huyện A"),
            ("ubnd-b", "UBND huyện B"),
            ("ubnd-xa-c", "UBND xã C"),
        ]
    )
    directive = Directive.objects.create(
        kind=Directive.Kind.CONCLUSION,
        number="249-KL/TU",
        issuer="Ban Chấp hành Đảng bộ tỉnh",
        issued_on=date(2019, 9, 17),
        subject="Bench",
        coordinating_agency=coordinator,
    )
    group = TaskGroup.objects.create(directive=directive, number=1, title="Nhóm 1", text="")
    tasks = Task.objects.bulk_create(
        [Task(group=group, number=n % 30000 + 1, text=f"Nhiệm vụ {n}") for n in range(2 * per_agency)]
    )
    rows = [
        Assignment(task=task, agency=(a if i < per_agency else b), status=Assignment.Status.IN_PROGRESS, percent=40)
        for i, task in enumerate(tasks)
    ]
    assignments = bulk_create_with_history(rows, Assignment, batch_size=1000)
    users = User.objects.bulk_create(
        [User(username=f"u{n}", agency=(a if n % 2 else b), role=User.Role.STAFF) for n in range(20)]
    )
    admin = User.objects.create(username="admin", role=User.Role.ADMIN, is_superuser=True, full_name="Quản trị")
    ExtensionRequest.objects.bulk_create(
        [
            ExtensionRequest(assignment=assignment, requested_by=users[0], new_deadline=date(2026, 12, 31), reason="x")
            for assignment in assignments[:: max(1, per_agency // 50)]
        ]
    )
    return [a, b], c, admin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignments", type=int, default=5000, help="open assignments per merged agency")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    predecessors, successor, admin = generate(args.assignments)
    request = Reorganisation(
        kind=AgencyChange.Kind.MERGE,
        predecessors=predecessors,
        successors=[successor],
        decision_number="1676/NQ-UBTVQH15",
        decision_date=date(2025, 6, 16),
        issuer="Ủy ban Thường vụ Quốc hội",
        effective_on=date(2025, 7, 1),
    )
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        change = agencies_reorganise(request=request, user=admin)
        elapsed = time.perf_counter() - started
    moved = Assignment.objects.filter(agency=successor).count()
    history = Assignment.history.filter(history_change_reason__isnull=False).count()
    print(f"database: {connection.vendor}")
    print(
        f"merge of 2 × {args.assignments:,} open assignments: {elapsed:.2f} s in one transaction, "
        f"{len(queries)} queries"
    )
    print(f"moved: {moved:,} (summary {change.summary['moved']:,}); history rows with the decision: {history:,}")
    print(f"target < {TARGET_SECONDS:.0f} s: {'met' if elapsed < TARGET_SECONDS else 'MISSED'}")


if __name__ == "__main__":
    main()
