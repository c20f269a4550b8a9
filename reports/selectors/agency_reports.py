"""Reads of one agency's report: the report and its versions, and the pre-filled table of the agency's assignments
at the cutoff with the progress updates of the period's window."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import F, QuerySet
from django.utils import timezone

from agencies.models import Agency
from tasks.models import ProgressUpdate
from tasks.selectors import directive_agencies

from ..models import AgencyReport, AgencyReportVersion, ReportPeriod
from ..periods import end_of_day, start_of_day
from ..statistics import assignments_as_of


def agency_get(*, agency_id: int) -> Agency | None:
    return Agency.objects.filter(pk=agency_id).first()


def agency_report_get(*, period: ReportPeriod, agency_id: int) -> AgencyReport | None:
    """The report with its agency, people and the period already loaded (what its page and its file read)."""
    report = (
        AgencyReport.objects.select_related("agency", "submitted_by", "reviewed_by")
        .filter(period=period, agency_id=agency_id)
        .first()
    )
    if report is not None:
        report.period = period
    return report


def agency_report_versions(*, report: AgencyReport | None) -> list[AgencyReportVersion]:
    if report is None:
        return []
    return list(report.versions.select_related("submitted_by", "reviewed_by").order_by("-number"))


def agency_reports_directive(*, directive_id: int, agency_id: int) -> bool:
    """Whether the agency is one of those that report on the directive (the tracker's definition)."""
    return directive_agencies(directive_id=directive_id).filter(pk=agency_id).exists()


@dataclass
class PrefillRow:
    assignment_id: int
    task_code: str
    task_text: str
    role: str
    deadline: date | None
    status: str
    timeliness_code: str
    percent: int
    updates: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "assignment_id": self.assignment_id,
            "task_code": self.task_code,
            "task_text": self.task_text,
            "role": self.role,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "status": self.status,
            "timeliness_code": self.timeliness_code,
            "percent": self.percent,
            "updates": [{**update, "created_at": update["created_at"].isoformat()} for update in self.updates],
        }


def rows_from_content(content: dict) -> list[PrefillRow]:
    """The assignment table frozen in a submitted version, back as rows for the page."""
    rows = []
    for row in content.get("assignments", []):
        updates = [
            {**update, "created_at": datetime.fromisoformat(update["created_at"])} for update in row.get("updates", [])
        ]
        rows.append(
            PrefillRow(
                assignment_id=row["assignment_id"],
                task_code=row["task_code"],
                task_text=row["task_text"],
                role=row["role"],
                deadline=date.fromisoformat(row["deadline"]) if row.get("deadline") else None,
                status=row["status"],
                timeliness_code=row["timeliness_code"],
                percent=row["percent"],
                updates=updates,
            )
        )
    return rows


def window_updates(*, period: ReportPeriod, agency_id: int) -> QuerySet:
    """The agency's progress updates on the directive created inside [starts_on, cutoff_on], local days inclusive."""
    return (
        ProgressUpdate.objects.filter(
            assignment__agency_id=agency_id,
            assignment__task__group__directive_id=period.directive_id,
            created_at__gte=start_of_day(period.starts_on),
            created_at__lt=end_of_day(period.cutoff_on),
        )
        .order_by("created_at", "pk")
        .values(
            "assignment_id",
            "created_at",
            "percent",
            "results",
            "difficulties",
            "proposals",
            "declares_done",
            author_name=F("author__full_name"),
        )
    )


def agency_report_prefill(*, period: ReportPeriod, agency_id: int, today: date | None = None) -> list[PrefillRow]:
    """Each of the agency's assignments as of the cutoff (or today, if earlier) with the updates of the window."""
    today = today or timezone.localdate()
    day = min(period.cutoff_on, today)
    rows = (
        assignments_as_of(directive_id=period.directive_id, day=day, agency_id=agency_id)
        .values(
            "id",
            "role",
            "deadline",
            "status",
            "percent",
            "timeliness_code",
            group_number=F("task__group__number"),
            task_number=F("task__number"),
            task_text=F("task__text"),
        )
        .order_by("task__group__number", "task__number")
    )
    updates = defaultdict(list)
    for update in window_updates(period=period, agency_id=agency_id):
        updates[update.pop("assignment_id")].append(update)
    return [
        PrefillRow(
            assignment_id=row["id"],
            task_code=f"{row['group_number']}.{row['task_number']}",
            task_text=row["task_text"],
            role=row["role"],
            deadline=row["deadline"],
            status=row["status"],
            timeliness_code=row["timeliness_code"],
            percent=row["percent"],
            updates=updates.get(row["id"], []),
        )
        for row in rows
    ]


def prefill_narrative(rows: list[PrefillRow]) -> dict[str, str]:
    """A first draft of the narrative, one line per task that has something reported in the window."""
    sections = {"results": [], "limitations": [], "proposals": []}
    sources = {"results": "results", "limitations": "difficulties", "proposals": "proposals"}
    for row in rows:
        for section, source in sources.items():
            texts = [update[source].strip() for update in row.updates if update[source].strip()]
            if texts:
                sections[section].append(f"- Nhiệm vụ {row.task_code}: " + " ".join(texts))
    return {section: "\n".join(lines) for section, lines in sections.items()} | {"tasks_ahead": ""}
