"""Figures of official reports: the state of every assignment as of a day, counted in aggregate SQL.

The state "as of" a cutoff comes from the assignment's history (the latest historical row recorded before
the end of that day in Asia/Ho_Chi_Minh), so updates that arrive after the cutoff never change the figures.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from agencies.models import Agency
from agencies.selectors import agency_names_on, agency_successors_on
from directives.models import TaskGroup
from tasks.models import Assignment, ProgressUpdate
from tasks.selectors import TIMELINESS_ORDER, with_timeliness
from tasks.timeliness import Status, Timeliness

from .periods import end_of_day

HistoricalAssignment = Assignment.history.model

# Timeliness codes in which the deadline has been met or missed: the base of the on-time completion rate.
ASSESSED = [Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE, Timeliness.OVERDUE]
OVERDUE_LIST_LIMIT = 200


def assignments_as_of(*, directive_id: int, day: date, agency_id: int | None = None) -> QuerySet:
    """One historical row per assignment of the directive: its state at the end of `day`, with timeliness then."""
    moment = end_of_day(day)
    latest = (
        HistoricalAssignment.objects.filter(id=OuterRef("id"), history_date__lt=moment)
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    # The directive's own shares: a delegated share is counted once, in the percent of the work it came from.
    rows = HistoricalAssignment.objects.filter(
        task__group__directive_id=directive_id, history_date__lt=moment, parent__isnull=True
    )
    if agency_id is not None:
        rows = rows.filter(agency_id=agency_id)
    rows = rows.filter(history_id=Subquery(latest)).exclude(history_type="-")
    return with_timeliness(rows, today=day)


def assignments_now(*, directive_id: int, today: date) -> QuerySet[Assignment]:
    own = Assignment.objects.filter(task__group__directive_id=directive_id, parent__isnull=True)
    return with_timeliness(own, today=today)


def on_time_rate(counts: Counter) -> float | None:
    """Done on time / (done on time + done late + overdue), in percent; None when nothing was due yet."""
    base = sum(counts.get(code, 0) for code in ASSESSED)
    if not base:
        return None
    return round(100 * counts.get(Timeliness.DONE_ON_TIME, 0) / base, 1)


@dataclass
class Cell:
    """Assignments of one agency in one task group."""

    total: int = 0
    by_timeliness: Counter = field(default_factory=Counter)

    @property
    def worst(self) -> str | None:
        for code in TIMELINESS_ORDER:
            if self.by_timeliness.get(code):
                return code
        return None


@dataclass
class Summary:
    total: int = 0
    by_status: Counter = field(default_factory=Counter)
    by_timeliness: Counter = field(default_factory=Counter)
    by_group: dict[int, Cell] = field(default_factory=lambda: defaultdict(Cell))
    by_agency: dict[int, Cell] = field(default_factory=lambda: defaultdict(Cell))
    cells: dict[tuple[int, int], Cell] = field(default_factory=lambda: defaultdict(Cell))
    by_agency_status: dict[int, Counter] = field(default_factory=lambda: defaultdict(Counter))

    @property
    def on_time_rate(self) -> float | None:
        return on_time_rate(self.by_timeliness)

    @property
    def done(self) -> int:
        return self.by_status.get(Status.DONE, 0)


def summarise(rows: QuerySet, *, successors: dict[int, int] | None = None) -> Summary:
    """Counts by agency, group, status and timeliness: one GROUP BY query, whatever the number of assignments.

    `successors` (agencies.selectors.agency_successors_on) rolls a merged or dissolved agency's figures into the
    agency that carries them on from the change's date.
    """
    grouped = (
        rows.values("agency_id", "task__group_id", "status", "timeliness_code").annotate(count=Count("pk")).order_by()
    )
    successors = successors or {}
    summary = Summary()
    for row in grouped:
        count, code = row["count"], row["timeliness_code"]
        row["agency_id"] = successors.get(row["agency_id"], row["agency_id"])
        summary.total += count
        summary.by_status[row["status"]] += count
        summary.by_timeliness[code] += count
        summary.by_agency_status[row["agency_id"]][row["status"]] += count
        for cell in (
            summary.by_group[row["task__group_id"]],
            summary.by_agency[row["agency_id"]],
            summary.cells[(row["agency_id"], row["task__group_id"])],
        ):
            cell.total += count
            cell.by_timeliness[code] += count
    return summary


def on_time_rate_as_of(*, directive_id: int, day: date) -> float | None:
    """Only the rate, for charts over many periods: one aggregate query."""
    rows = assignments_as_of(directive_id=directive_id, day=day)
    counts = rows.aggregate(**{code: Count("pk", filter=Q(timeliness_code=code)) for code in ASSESSED})
    return on_time_rate(Counter(counts))


def overdue_rows(rows: QuerySet, *, day: date, limit: int | None = OVERDUE_LIST_LIMIT) -> list[dict]:
    """Overdue assignments, longest overdue first, as plain values (one query)."""
    overdue = (
        rows.filter(timeliness_code=Timeliness.OVERDUE)
        .values(
            "id",
            "deadline",
            "percent",
            "status",
            "agency_id",
            agency_name=F("agency__name"),
            group_number=F("task__group__number"),
            task_number=F("task__number"),
            task_text=F("task__text"),
        )
        .order_by("deadline", "task__group__number", "task__number", "agency__sort_order", "agency__name")
    )
    if limit is not None:
        overdue = overdue[:limit]
    result = []
    for row in overdue:
        row["days_overdue"] = (day - row["deadline"]).days if row["deadline"] else 0
        row["task_code"] = f"{row.pop('group_number')}.{row.pop('task_number')}"
        result.append(row)
    return result


def _counter_json(counter: Counter) -> dict[str, int]:
    return {str(key): value for key, value in counter.items() if value}


def statistics_snapshot(*, period, today: date | None = None) -> dict:
    """Every figure of the consolidated report as JSON, computed as of the cutoff (or today, if earlier)."""
    today = today or timezone.localdate()
    day = min(period.cutoff_on, today)
    rows = assignments_as_of(directive_id=period.directive_id, day=day)
    summary = summarise(rows, successors=agency_successors_on(day))
    overdue = overdue_rows(rows, day=day)
    # Agencies as they were named on the day: a later rename does not rewrite a past report.
    names = agency_names_on(day, agency_ids={*summary.by_agency, *(row["agency_id"] for row in overdue)})
    for row in overdue:
        row["agency_name"] = names.get(row["agency_id"], row["agency_name"])
    agency_rows = _agency_rows(summary, names=names)
    return {
        "as_of": day.isoformat(),
        "cutoff_on": period.cutoff_on.isoformat(),
        "computed_at": timezone.now().isoformat(),
        "total": summary.total,
        "by_status": _counter_json(summary.by_status),
        "by_timeliness": _counter_json(summary.by_timeliness),
        "on_time_rate": summary.on_time_rate,
        "groups": _group_rows(summary, directive_id=period.directive_id),
        "agencies": agency_rows,
        "cells": _cell_rows(summary),
        "ranking": _ranking(agency_rows),
        "overdue_count": summary.by_timeliness.get(Timeliness.OVERDUE, 0),
        "overdue": [_overdue_json(row) for row in overdue],
    }


def _group_rows(summary: Summary, *, directive_id: int) -> list[dict]:
    """Each task group of the directive, in order, with its counts (groups without assignments included)."""
    groups = TaskGroup.objects.filter(directive_id=directive_id).order_by("number").values("id", "number", "title")
    rows = []
    for group in groups:
        cell = summary.by_group[group["id"]]
        rows.append(
            {
                "id": group["id"],
                "number": group["number"],
                "title": group["title"],
                "total": cell.total,
                "done": cell.by_timeliness.get(Timeliness.DONE_ON_TIME, 0)
                + cell.by_timeliness.get(Timeliness.DONE_LATE, 0),
                "overdue": cell.by_timeliness.get(Timeliness.OVERDUE, 0),
                "by_timeliness": _counter_json(cell.by_timeliness),
            }
        )
    return rows


def _agency_rows(summary: Summary, *, names: dict[int, str]) -> list[dict]:
    """Each agency with assignments, in the agencies' order, with its counts and on-time rate."""
    agencies = Agency.objects.filter(pk__in=list(summary.by_agency)).order_by("sort_order", "name").values("id", "name")
    rows = []
    for agency in agencies:
        cell = summary.by_agency[agency["id"]]
        rows.append(
            {
                "id": agency["id"],
                "name": names.get(agency["id"], agency["name"]),
                "total": cell.total,
                "by_status": _counter_json(summary.by_agency_status[agency["id"]]),
                "by_timeliness": _counter_json(cell.by_timeliness),
                "on_time_rate": on_time_rate(cell.by_timeliness),
            }
        )
    return rows


def _cell_rows(summary: Summary) -> list[dict]:
    """Each (agency, task group) with assignments: what the narrative per task group names."""
    return [
        {"agency_id": agency_id, "group_id": group_id, "by_timeliness": _counter_json(cell.by_timeliness)}
        for (agency_id, group_id), cell in sorted(summary.cells.items())
    ]


def _ranking(agency_rows: list[dict]) -> list[dict]:
    """Agencies with something due, best on-time rate first; ties go to more done on time, then the name."""
    ranked = sorted(
        (row for row in agency_rows if row["on_time_rate"] is not None),
        key=lambda row: (-row["on_time_rate"], -row["by_timeliness"].get(Timeliness.DONE_ON_TIME, 0), row["name"]),
    )
    return [{"id": row["id"], "name": row["name"], "on_time_rate": row["on_time_rate"]} for row in ranked]


def _overdue_json(row: dict) -> dict:
    return {
        "task_code": row["task_code"],
        "task_text": row["task_text"],
        "agency": row["agency_name"],
        "deadline": row["deadline"].isoformat() if row["deadline"] else None,
        "days_overdue": row["days_overdue"],
        "percent": row["percent"],
    }


def annex_rows(*, period, day: date) -> QuerySet:
    """Every assignment as of the day, by agency then task, with the date of its last report before then."""
    last_update = (
        ProgressUpdate.objects.filter(assignment_id=OuterRef("id"), created_at__lt=end_of_day(day))
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return (
        assignments_as_of(directive_id=period.directive_id, day=day)
        .annotate(last_update_at=Subquery(last_update))
        .values(
            "role",
            "deadline",
            "status",
            "percent",
            "completed_on",
            "timeliness_code",
            "last_update_at",
            agency_name=F("agency__name"),
            group_number=F("task__group__number"),
            task_number=F("task__number"),
            task_text=F("task__text"),
        )
        .order_by("agency__sort_order", "agency__name", "task__group__number", "task__number")
    )
