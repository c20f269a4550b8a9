"""Benchmark: compile a quarter's consolidated report with its .docx at province scale, and print the time.

60 agencies, 50,000 assignments (with their history) and 500,000 progress updates are generated with
bulk_create into a throw-away SQLite file, or into DATABASE_URL when it is set (use a database of your own:
the script migrates it and adds rows). Target: compile + .docx under 3 s.

    .venv/bin/python bench/reports.py [--assignments 50000] [--updates-per-assignment 10] [--agencies 60]
"""

import argparse
import atexit
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
BATCH = 5000


def setup_django() -> str:
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="dondoc-bench-")
        # A throw-away database: removed when the script ends.
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return os.environ["DATABASE_URL"]


def moment(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, clock(hour), tzinfo=TZ)


def generate(*, agencies: int, assignments: int, updates_per_assignment: int, seed: int = 249):
    from agencies.models import Agency, User
    from directives.models import Directive, TaskGroup
    from reports.models import AgencyReport, ReportSchedule
    from reports.services.periods import report_period_get_or_create
    from tasks.models import Assignment, ProgressUpdate, Task

    rng = random.Random(seed)
    tag = f"bench-{int(time.time())}"
    command = Agency.objects.create(
        code=f"{tag}-bch",
        name=f"Bộ Chỉ huy quân sự tỉnh ({tag})",
        kind=Agency.Kind.MILITARY,
        parent_body="UBND TỈNH HÒA BÌNH",
        document_code="BCH",
    )
    others = Agency.objects.bulk_create(
        Agency(code=f"{tag}-{n}", name=f"Sở thử nghiệm {n} ({tag})", sort_order=n) for n in range(agencies - 1)
    )
    every_agency = [command, *others]
    users = User.objects.bulk_create(
        User(username=f"{tag}-u{n}", agency=agency, role=User.Role.MANAGER, full_name=f"Lãnh đạo {n}")
        for n, agency in enumerate(every_agency)
    )
    coordinator = users[0]
    author_of = {user.agency_id: user for user in users}
    directive = Directive.objects.create(
        kind=Directive.Kind.CONCLUSION,
        number=f"{tag}-KL/TU",
        issuer="Ban Chấp hành Đảng bộ tỉnh",
        issued_on=date(2019, 9, 17),
        subject="Về nhiệm vụ quốc phòng, an ninh",
        coordinating_agency=command,
    )
    groups = TaskGroup.objects.bulk_create(
        TaskGroup(directive=directive, number=n, title=f"Nhóm nhiệm vụ {n}", text="") for n in range(1, 8)
    )
    task_count = -(-assignments // agencies)
    tasks = Task.objects.bulk_create(
        Task(group=groups[n % 7], number=n + 1, text=f"Thực hiện nhiệm vụ số {n + 1} của Kết luận.")
        for n in range(task_count)
    )

    start = date(2025, 1, 1)
    statuses = ["not_started", "in_progress", "in_progress", "awaiting_confirmation", "done", "done", "paused"]
    rows = []
    for index in range(assignments):
        task = tasks[index // agencies]
        agency = every_agency[index % agencies]
        deadline = None if rng.random() < 0.2 else start + timedelta(days=rng.randint(60, 700))
        status = rng.choice(statuses)
        completed = None
        if status in ("done", "awaiting_confirmation"):
            completed = (deadline or date(2026, 3, 1)) + timedelta(days=rng.randint(-40, 20))
        rows.append(
            Assignment(
                task=task,
                agency=agency,
                role="lead" if index % agencies == 0 else "cooperating",
                deadline=deadline,
                status=status,
                percent=100 if status in ("done", "awaiting_confirmation") else rng.randint(0, 90),
                completed_on=completed,
            )
        )
    created = []
    for offset in range(0, len(rows), BATCH):
        created += Assignment.objects.bulk_create(rows[offset : offset + BATCH])

    # History: created at the start, changed once at a random day (before or after the quarter's cutoff).
    History = Assignment.history.model
    history = []
    for assignment in created:
        fields = {
            "id": assignment.pk,
            "task_id": assignment.task_id,
            "agency_id": assignment.agency_id,
            "role": assignment.role,
            "deadline": assignment.deadline,
            "percent": 0,
            "status": "not_started",
            "completed_on": None,
            "status_note": "",
            "version": 1,
            "created_at": moment(start),
            "updated_at": moment(start),
        }
        history.append(History(**fields, history_date=moment(start), history_type="+"))
        changed = start + timedelta(days=rng.randint(30, 600))
        history.append(
            History(
                **{
                    **fields,
                    "status": assignment.status,
                    "percent": assignment.percent,
                    "completed_on": assignment.completed_on,
                    "version": 2,
                },
                history_date=moment(changed),
                history_type="~",
            )
        )
    for offset in range(0, len(history), BATCH):
        History.objects.bulk_create(history[offset : offset + BATCH])

    updates = []
    total_updates = 0
    for assignment in created:
        author = author_of[assignment.agency_id]
        for n in range(updates_per_assignment):
            updates.append(
                ProgressUpdate(
                    assignment_id=assignment.pk,
                    author=author,
                    created_at=moment(start + timedelta(days=rng.randint(0, 600)), 8 + n % 9),
                    percent=min(100, 10 * (n + 1)),
                    results="Đã triển khai thực hiện theo kế hoạch.",
                    difficulties="Kinh phí còn hạn chế." if n % 3 == 0 else "",
                    proposals="",
                )
            )
            if len(updates) >= BATCH:
                ProgressUpdate.objects.bulk_create(updates)
                total_updates += len(updates)
                updates = []
    if updates:
        ProgressUpdate.objects.bulk_create(updates)
        total_updates += len(updates)

    schedule = ReportSchedule.objects.create(directive=directive, cadences=["quarter"])
    period, _ = report_period_get_or_create(schedule=schedule, kind="quarter", year=2026, index=2)
    AgencyReport.objects.bulk_create(
        AgencyReport(
            period=period,
            agency=agency,
            status=AgencyReport.Status.ACCEPTED,
            results=f"Kết quả của {agency.name}: hoàn thành các nhiệm vụ được giao.",
            limitations="Kinh phí còn hạn chế.",
            tasks_ahead="Tiếp tục thực hiện.",
            proposals="Đề nghị bổ sung kinh phí.",
            first_submitted_at=moment(period.cutoff_on + timedelta(days=1)),
            submitted_at=moment(period.cutoff_on + timedelta(days=1)),
            submitted_by=author_of[agency.pk],
        )
        for agency in every_agency
    )
    return period, coordinator, len(created), total_updates


def _time_pdf_and_summary(document: bytes, report) -> None:
    """The PDF LibreOffice makes of the .docx (target < 10 s) and the annex's summary sheet (target < 1 s)."""
    from reports.documents.pdf import PdfError, docx_to_pdf, pdf_available
    from reports.documents.xlsx import Sheet, build_workbook
    from reports.exports import SUMMARY_COLUMNS
    from reports.report_text import SUMMARY_KEYS, agency_summary

    started = time.perf_counter()
    rows = [
        (number, row["name"], *(row[key] for key in SUMMARY_KEYS), row["rate"], row["rank"])
        for number, row in enumerate(agency_summary(report.statistics), start=1)
    ]
    build_workbook([Sheet(title="Tổng hợp", columns=SUMMARY_COLUMNS, rows=rows)])
    summary = time.perf_counter() - started
    print(
        f"annex summary sheet ({len(rows)} agencies): {summary:.3f} s; "
        f"target < 1 s: {'OK' if summary < 1 else 'MISSED'}"
    )
    if not pdf_available():
        print("PDF: LibreOffice is not installed, not timed")
        return
    started = time.perf_counter()
    try:
        pdf = docx_to_pdf(document, timeout=60)
    except PdfError as error:
        print(f"PDF: failed ({error})")
        return
    elapsed = time.perf_counter() - started
    print(
        f"PDF of the .docx: {elapsed:.2f} s, {len(pdf) // 1024} KB; target < 10 s: {'OK' if elapsed < 10 else 'MISSED'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--assignments", type=int, default=50_000)
    parser.add_argument("--updates-per-assignment", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--annex", action="store_true", help="Also time the .xlsx annex of every assignment.")
    options = parser.parse_args()
    url = setup_django()

    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from reports.exports import consolidated_docx, consolidated_xlsx
    from reports.services.consolidated import consolidated_compile

    started = time.perf_counter()
    period, coordinator, assignments, updates = generate(
        agencies=options.agencies,
        assignments=options.assignments,
        updates_per_assignment=options.updates_per_assignment,
    )
    print(f"database: {url.split('@')[-1]}")
    print(
        f"generated {options.agencies} agencies, {assignments} assignments, {updates} updates "
        f"in {time.perf_counter() - started:.1f} s"
    )
    after_cutoff = period.cutoff_on + timedelta(days=5)

    timings = []
    for _run in range(options.runs):
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                report = consolidated_compile(period=period, user=coordinator, today=after_cutoff)
                document = consolidated_docx(report)
                elapsed = time.perf_counter() - started
            timings.append(elapsed)
            # Undo, so that each run compiles afresh.
            transaction.set_rollback(True)
    best = min(timings)
    print(
        f"compile {period.label} + .docx: best {best:.2f} s, runs {', '.join(f'{t:.2f}' for t in timings)} s; "
        f"{len(queries)} queries; .docx {len(document) // 1024} KB; "
        f"{report.statistics['total']} assignments at the cutoff; target < 3 s: {'OK' if best < 3 else 'MISSED'}"
    )
    _time_pdf_and_summary(document, report)
    if options.annex:
        started = time.perf_counter()
        annex = consolidated_xlsx(report)
        print(f".xlsx annex (not in the target): {time.perf_counter() - started:.2f} s, {len(annex) // 1024} KB")
    return 0 if best < 3 else 1


if __name__ == "__main__":
    sys.exit(main())
