"""Reads of the reports app; each selector does its own joins so a page costs a fixed number of queries."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, User
from agencies.permissions import user_sees_everything
from directives.models import Directive, TaskGroup
from tasks.models import Assignment, ProgressUpdate
from tasks.selectors import TIMELINESS_ORDER
from tasks.timeliness import Timeliness

from .models import AgencyReport, AgencyReportVersion, ConsolidatedReport, ReportPeriod
from .periods import end_of_day, start_of_day
from .statistics import (
    assignments_as_of,
    assignments_now,
    on_time_rate_as_of,
    overdue_rows,
    summarise,
)

CHART_PERIODS = 6
DASHBOARD_OVERDUE_LIMIT = 20


# ---------------------------------------------------------------- agency report pre-fill


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


# ---------------------------------------------------------------- submission tracker


class TrackerState:
    NOT_SUBMITTED = "not_submitted"
    SUBMITTED_ON_TIME = "submitted_on_time"
    SUBMITTED_LATE = "submitted_late"
    RETURNED = "returned"
    ACCEPTED = "accepted"

    LABELS = {
        NOT_SUBMITTED: _("Not submitted"),
        SUBMITTED_ON_TIME: _("Submitted on time"),
        SUBMITTED_LATE: _("Submitted late"),
        RETURNED: _("Returned"),
        ACCEPTED: _("Accepted"),
    }
    COLOURS = {
        NOT_SUBMITTED: "danger",
        SUBMITTED_ON_TIME: "success",
        SUBMITTED_LATE: "warning",
        RETURNED: "secondary",
        ACCEPTED: "primary",
    }
    ORDER = [NOT_SUBMITTED, RETURNED, SUBMITTED_LATE, SUBMITTED_ON_TIME, ACCEPTED]
    # Agencies urged by the coordinator: nothing submitted, or sent back and not resubmitted.
    MISSING = (NOT_SUBMITTED, RETURNED)


@dataclass
class TrackerRow:
    agency: Agency
    report: AgencyReport | None
    state: str
    on_time: bool | None

    @property
    def label(self):
        return TrackerState.LABELS[self.state]

    @property
    def colour(self):
        return TrackerState.COLOURS[self.state]


@dataclass
class Tracker:
    period: ReportPeriod
    rows: list[TrackerRow]

    @property
    def counts(self) -> Counter:
        return Counter(row.state for row in self.rows)

    @property
    def count_items(self) -> list[tuple[str, str, str, int]]:
        counts = self.counts
        return [
            (state, TrackerState.LABELS[state], TrackerState.COLOURS[state], counts.get(state, 0))
            for state in TrackerState.ORDER
        ]

    @property
    def missing(self) -> list[TrackerRow]:
        return [row for row in self.rows if row.state in TrackerState.MISSING]


def directive_agencies(directive_id: int) -> QuerySet[Agency]:
    """The agencies that report on a directive: those with at least one assignment in it."""
    return Agency.objects.filter(
        pk__in=Assignment.objects.filter(task__group__directive_id=directive_id).values("agency_id")
    ).order_by("sort_order", "name")


def _tracker_state(report: AgencyReport | None, period: ReportPeriod) -> tuple[str, bool | None]:
    if report is None or report.first_submitted_at is None:
        return TrackerState.NOT_SUBMITTED, None
    on_time = timezone.localdate(report.first_submitted_at) <= period.agency_due_on
    if report.status == AgencyReport.Status.ACCEPTED:
        return TrackerState.ACCEPTED, on_time
    if report.status == AgencyReport.Status.RETURNED:
        return TrackerState.RETURNED, on_time
    if report.status == AgencyReport.Status.DRAFT:
        return TrackerState.NOT_SUBMITTED, None
    return (TrackerState.SUBMITTED_ON_TIME if on_time else TrackerState.SUBMITTED_LATE), on_time


def period_tracker(*, period: ReportPeriod) -> Tracker:
    """Every reporting agency with the state of its report: two queries."""
    reports = {report.agency_id: report for report in AgencyReport.objects.filter(period=period)}
    rows = []
    for agency in directive_agencies(period.directive_id):
        report = reports.get(agency.pk)
        state, on_time = _tracker_state(report, period)
        rows.append(TrackerRow(agency=agency, report=report, state=state, on_time=on_time))
    return Tracker(period=period, rows=rows)


# ---------------------------------------------------------------- periods and reports


def period_get(*, period_id: int) -> ReportPeriod:
    return ReportPeriod.objects.select_related("directive__coordinating_agency").get(pk=period_id)


def agency_report_get(*, period: ReportPeriod, agency_id: int) -> AgencyReport | None:
    return (
        AgencyReport.objects.select_related("submitted_by", "reviewed_by")
        .filter(period=period, agency_id=agency_id)
        .first()
    )


def agency_report_versions(*, report: AgencyReport | None) -> list[AgencyReportVersion]:
    if report is None:
        return []
    return list(report.versions.select_related("submitted_by", "reviewed_by").order_by("-number"))


def agency_reports_directive(*, directive_id: int, agency_id: int) -> bool:
    return Assignment.objects.filter(task__group__directive_id=directive_id, agency_id=agency_id).exists()


def consolidated_get(*, period: ReportPeriod) -> ConsolidatedReport | None:
    return (
        ConsolidatedReport.objects.select_related("issuing_agency", "compiled_by", "issued_by")
        .filter(period=period)
        .first()
    )


def accepted_reports(*, period: ReportPeriod) -> list[AgencyReport]:
    return list(
        AgencyReport.objects.select_related("agency")
        .filter(period=period, status=AgencyReport.Status.ACCEPTED)
        .order_by("agency__sort_order", "agency__name")
    )


def visible_directives(user: User) -> QuerySet[Directive]:
    """Directives whose reports the user deals with: all for leaders and admins, else coordinated or assigned ones."""
    directives = Directive.objects.filter(is_tracked=True).select_related("coordinating_agency")
    if user_sees_everything(user):
        return directives
    return directives.filter(
        Q(coordinating_agency_id=user.agency_id)
        | Q(pk__in=Assignment.objects.filter(agency_id=user.agency_id).values("task__group__directive_id"))
    )


@dataclass
class PeriodListItem:
    period: ReportPeriod
    is_coordinator: bool
    own_report: AgencyReport | None
    own_state: str | None
    consolidated: ConsolidatedReport | None

    @property
    def own_label(self):
        return TrackerState.LABELS[self.own_state] if self.own_state else ""

    @property
    def own_colour(self):
        return TrackerState.COLOURS[self.own_state] if self.own_state else ""


def period_list(*, user: User, today: date | None = None) -> list[PeriodListItem]:
    """Periods that have started, newest cutoff first, with the user's own agency report: three queries."""
    today = today or timezone.localdate()
    directives = visible_directives(user)
    coordinated = {d.pk for d in directives if d.coordinating_agency_id and d.coordinating_agency_id == user.agency_id}
    sees_all = user_sees_everything(user)
    assigned = (
        set(Assignment.objects.filter(agency_id=user.agency_id).values_list("task__group__directive_id", flat=True))
        if user.agency_id
        else set()
    )
    periods = list(
        ReportPeriod.objects.filter(directive__in=[d.pk for d in directives], starts_on__lte=today)
        .select_related("directive", "consolidated")
        .order_by("-cutoff_on", "directive__number", "kind")
    )
    own = (
        {
            report.period_id: report
            for report in AgencyReport.objects.filter(period__in=periods, agency_id=user.agency_id)
        }
        if user.agency_id
        else {}
    )
    items = []
    for period in periods:
        is_coordinator = period.directive_id in coordinated
        if not (sees_all or is_coordinator or period.directive_id in assigned):
            continue
        report = own.get(period.pk)
        state = _tracker_state(report, period)[0] if period.directive_id in assigned else None
        consolidated = getattr(period, "consolidated", None)
        items.append(
            PeriodListItem(
                period=period,
                is_coordinator=is_coordinator,
                own_report=report,
                own_state=state,
                consolidated=consolidated,
            )
        )
    return items


def open_period(*, directive_id: int, today: date) -> ReportPeriod | None:
    """The period being reported on now: started, consolidated report not issued, the earliest still due."""
    candidates = (
        ReportPeriod.objects.filter(directive_id=directive_id, starts_on__lte=today)
        .exclude(consolidated__status=ConsolidatedReport.Status.ISSUED)
        .select_related("directive__coordinating_agency")
    )
    upcoming = candidates.filter(consolidated_due_on__gte=today).order_by("consolidated_due_on", "kind").first()
    if upcoming is not None:
        return upcoming
    return candidates.order_by("-cutoff_on", "kind").first()


# ---------------------------------------------------------------- dashboard


@dataclass
class HeatmapRow:
    agency: Agency
    cells: list
    total: int


@dataclass
class Dashboard:
    directive: Directive
    today: date
    total: int
    done: int
    by_timeliness: Counter
    on_time_rate: float | None
    groups: list[TaskGroup]
    heatmap: list[HeatmapRow]
    overdue: list[dict]
    overdue_count: int
    chart: dict
    period: ReportPeriod | None
    tracker: Tracker | None

    @property
    def timeliness_items(self) -> list[tuple[str, int]]:
        return [(code, self.by_timeliness.get(code, 0)) for code in TIMELINESS_ORDER]


def dashboard_directives(user: User) -> QuerySet[Directive]:
    """Directives on the dashboard: every tracked one for leaders and admins, the coordinated ones otherwise."""
    directives = Directive.objects.filter(is_tracked=True).order_by("-issued_on", "number")
    if user_sees_everything(user):
        return directives
    return directives.filter(coordinating_agency_id=user.agency_id) if user.agency_id else directives.none()


def dashboard(*, directive: Directive, today: date | None = None) -> Dashboard:
    """Headline figures, heatmap, overdue list, chart and tracker of one directive in a bounded number of queries."""
    today = today or timezone.localdate()
    rows = assignments_now(directive_id=directive.pk, today=today)
    summary = summarise(rows)
    groups = list(TaskGroup.objects.filter(directive=directive).order_by("number"))
    agencies = list(Agency.objects.filter(pk__in=list(summary.by_agency)).order_by("sort_order", "name"))
    heatmap = [
        HeatmapRow(
            agency=agency,
            cells=[(group, summary.cells.get((agency.pk, group.pk))) for group in groups],
            total=summary.by_agency[agency.pk].total,
        )
        for agency in agencies
    ]
    overdue = overdue_rows(rows.select_related(None), day=today, limit=DASHBOARD_OVERDUE_LIMIT)

    past = list(
        ReportPeriod.objects.filter(directive=directive, cutoff_on__lt=today)
        .select_related("consolidated")
        .order_by("-cutoff_on", "kind")[:CHART_PERIODS]
    )
    past.reverse()
    labels, rates, urls = [], [], []
    for period in past:
        consolidated = getattr(period, "consolidated", None)
        # An issued or compiled report's frozen figure is the official one; otherwise compute it at the cutoff.
        if consolidated is not None and consolidated.statistics:
            rate = consolidated.statistics.get("on_time_rate")
        else:
            rate = on_time_rate_as_of(directive_id=directive.pk, day=period.cutoff_on)
        labels.append(str(period.label))
        rates.append(rate)
        urls.append(period.get_absolute_url())
    period = open_period(directive_id=directive.pk, today=today)
    return Dashboard(
        directive=directive,
        today=today,
        total=summary.total,
        done=summary.done,
        by_timeliness=summary.by_timeliness,
        on_time_rate=summary.on_time_rate,
        groups=groups,
        heatmap=heatmap,
        overdue=overdue,
        overdue_count=summary.by_timeliness.get(Timeliness.OVERDUE, 0),
        chart={"labels": labels, "rates": rates, "urls": urls, "label": str(_("On-time completion (%)"))},
        period=period,
        tracker=period_tracker(period=period) if period else None,
    )
