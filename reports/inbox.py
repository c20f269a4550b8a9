"""The home page's inbox ("Việc cần xử lý"): what waits for the signed-in user now, whatever their role.

It composes the assignments' queues (tasks.inbox) with the reports' (agency reports to draft, submit or review,
and those missing after their due date). Counting costs two queries at most, so the menu shows the total on
every page (`inbox_total`); the page itself lists the first items of each queue, each one click from its page.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agencies.models import User
from agencies.permissions import user_sees_everything
from tasks import inbox as work
from tasks.models import Assignment
from tasks.selectors import directives_coordinated_by
from tasks.timeliness import TIMELINESS_COLOURS, Timeliness

from .models import AgencyReport, ConsolidatedReport, ReportPeriod

# A period shows up for drafting a week before its data cutoff.
DRAFT_AHEAD_DAYS = 7
OPEN_REPORT = (None, AgencyReport.Status.DRAFT, AgencyReport.Status.RETURNED)
DELIVERED = (AgencyReport.Status.SUBMITTED, AgencyReport.Status.ACCEPTED)


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    detail: str = ""
    badge: str = ""
    badge_colour: str = "secondary"


@dataclass
class Section:
    key: str
    title: str
    hint: str
    count: int
    entries: list[Entry] = field(default_factory=list)
    more_url: str = ""


@dataclass
class Inbox:
    sections: list[Section]
    no_agency: bool = False

    @property
    def total(self) -> int:
        return sum(section.count for section in self.sections)

    @property
    def waiting(self) -> list[Section]:
        return [section for section in self.sections if section.count]


def _periods(user: User, *, today: date) -> list[ReportPeriod]:
    """Open periods of the directives the user's agency reports on or coordinates, with what the inbox counts."""
    if user.agency_id is None:
        return []
    assigned = Assignment.objects.filter(agency_id=user.agency_id)
    wanted = Q(directive__coordinating_agency_id=user.agency_id)
    if user.role in User.AGENCY_ROLES:
        wanted |= Q(directive_id__in=assigned.values("task__group__directive_id"))
    expected = (
        Assignment.objects.filter(task__group__directive_id=OuterRef("directive_id"))
        .order_by()
        .values("task__group__directive_id")
        .annotate(n=Count("agency_id", distinct=True))
        .values("n")
    )
    own = AgencyReport.objects.filter(period=OuterRef("pk"), agency_id=user.agency_id)
    periods = (
        ReportPeriod.objects.filter(wanted, directive__is_tracked=True, starts_on__lte=today)
        .filter(cutoff_on__lte=today + timedelta(days=DRAFT_AHEAD_DAYS))
        .exclude(consolidated__status=ConsolidatedReport.Status.ISSUED)
        .select_related("directive")
        .annotate(
            own_status=Subquery(own.values("status")[:1]),
            reports_on=Exists(assigned.filter(task__group__directive_id=OuterRef("directive_id"))),
            to_review=Count("agency_reports", filter=Q(agency_reports__status=AgencyReport.Status.SUBMITTED)),
            delivered=Count(
                "agency_reports",
                filter=Q(agency_reports__status__in=DELIVERED, agency_reports__first_submitted_at__isnull=False),
            ),
            expected=Subquery(expected),
        )
        .order_by("agency_due_on", "pk")
    )
    return list(periods)


@dataclass(frozen=True)
class _ReportItem:
    key: str
    period: ReportPeriod
    count: int


def _report_items(user: User, periods: list[ReportPeriod], *, today: date) -> list[_ReportItem]:
    """Each period's share of the report queues: to draft or submit, to review, missing after the due date."""
    member = user.role in User.AGENCY_ROLES
    own_key = "reports_to_submit" if user.role == User.Role.MANAGER else "reports_to_draft"
    items = []
    for period in periods:
        if member and period.reports_on and period.own_status in OPEN_REPORT:
            items.append(_ReportItem(own_key, period, 1))
        if period.directive.coordinating_agency_id != user.agency_id:
            continue
        if period.to_review:
            items.append(_ReportItem("reports_to_review", period, period.to_review))
        missing = (period.expected or 0) - period.delivered
        if period.agency_due_on < today and missing > 0:
            items.append(_ReportItem("reports_missing", period, missing))
    return items


def has_no_agency(user: User) -> bool:
    return user.agency_id is None and not user_sees_everything(user)


def _queues(user: User, *, today: date, directive_ids: list[int] | None = None) -> list[work.WorkQueue]:
    return [
        *work.coordinator_queues(user, directive_ids=directive_ids),
        *work.agency_queues(user, today=today),
        *work.leader_queues(user, today=today),
    ]


def inbox_total(user: User, *, today: date | None = None) -> int:
    """The number the menu shows: two queries at most (the assignments' counts, the open periods)."""
    if not user.is_authenticated or not user.is_active or has_no_agency(user):
        return 0
    today = today or timezone.localdate()
    counts = work.queue_counts(_queues(user, today=today), today=today)
    items = _report_items(user, _periods(user, today=today), today=today)
    return sum(counts.values()) + sum(item.count for item in items)


def request_inbox_total(request: HttpRequest) -> int:
    """The menu's total, computed once per request (the home page hands over its own)."""
    if not hasattr(request, "_inbox_total"):
        request._inbox_total = inbox_total(request.user)
    return request._inbox_total


# ---------------------------------------------------------------- the page

REPORT_SECTIONS = {
    "reports_to_review": (
        _("Agency reports to review"),
        _("Read each report, then accept it or return it with a comment."),
    ),
    "reports_missing": (
        _("Reports missing after their due date"),
        _("Open the period to see who has not submitted, and urge them."),
    ),
    "reports_to_draft": (
        _("Periodic reports to draft"),
        _("Write your agency's report for the period; your manager submits it."),
    ),
    "reports_to_submit": (
        _("Periodic reports to submit"),
        _("Read the draft, complete it and submit it to the coordinating agency."),
    ),
}
# Where each report queue goes among the assignments' queues.
REPORTS_AFTER = {
    "reports_to_review": "to_confirm",
    "reports_missing": "to_confirm",
    "reports_to_draft": "returned",
    "reports_to_submit": "returned",
}
OWN_REPORT_LABELS = {
    None: (_("not started"), "danger"),
    AgencyReport.Status.DRAFT: (_("draft"), "warning"),
    AgencyReport.Status.RETURNED: (_("returned"), "danger"),
}


def _assignment_entry(assignment: Assignment) -> Entry:
    deadline = assignment.deadline.strftime("%d/%m/%Y") if assignment.deadline else str(_("standing"))
    label = Timeliness(assignment.timeliness_code)
    return Entry(
        title=f"{assignment.task.group.directive.number} · {assignment.task.code} · {assignment.agency.display_name}",
        url=assignment.get_absolute_url(),
        detail=f"{_('Deadline')}: {deadline} · {Truncator(assignment.task.text).words(18)}",
        badge=str(label.label),
        badge_colour=TIMELINESS_COLOURS[label],
    )


def _queue_section(queue: work.WorkQueue, count: int, *, today: date) -> Section:
    section = Section(queue.key, queue.title, queue.hint, count, more_url=queue.more_url)
    if not count:
        return section
    if queue.key == "overdue_by_agency":
        section.entries = [
            Entry(
                title=row.name,
                url=row.url,
                badge=str(_("%(count)s overdue") % {"count": row.count}),
                badge_colour="danger",
            )
            for row in work.overdue_by_agency(queue, today=today)
        ]
    else:
        section.entries = [_assignment_entry(a) for a in work.queue_entries(queue, today=today)]
    return section


def _report_entry(user: User, item: _ReportItem) -> Entry:
    period = item.period
    title = f"{period.directive.number} · {period.label}"
    due = period.agency_due_on.strftime("%d/%m/%Y")
    if item.key == "reports_missing":
        detail = ngettext(
            "%(count)s agency has not submitted; due %(due)s",
            "%(count)s agencies have not submitted; due %(due)s",
            item.count,
        ) % {"count": item.count, "due": due}
        return Entry(
            title=title, url=period.get_absolute_url(), detail=detail, badge=str(item.count), badge_colour="danger"
        )
    label, colour = OWN_REPORT_LABELS[period.own_status]
    url = reverse("reports:agency_report", args=[period.pk, user.agency_id])
    return Entry(title=title, url=url, detail=f"{_('Due')}: {due}", badge=str(label), badge_colour=colour)


def _review_entries(items: list[_ReportItem]) -> list[Entry]:
    """The submitted reports awaiting review, oldest first: one query."""
    periods = [item.period.pk for item in items]
    reports = (
        AgencyReport.objects.filter(period_id__in=periods, status=AgencyReport.Status.SUBMITTED)
        .select_related("agency", "period__directive")
        .order_by("submitted_at", "pk")[: work.ENTRIES_SHOWN]
    )
    return [
        Entry(
            title=f"{report.agency.display_name} · {report.period.directive.number} · {report.period.label}",
            url=report.get_absolute_url(),
            detail=f"{_('Submitted')}: {timezone.localtime(report.submitted_at):%d/%m/%Y}"
            if report.submitted_at
            else "",
        )
        for report in reports
    ]


def _report_sections(user: User, items: list[_ReportItem]) -> dict[str, Section]:
    sections = {}
    for key, (title, hint) in REPORT_SECTIONS.items():
        mine = [item for item in items if item.key == key]
        if not mine:
            continue
        section = Section(key, title, hint, sum(item.count for item in mine))
        if key == "reports_to_review":
            section.entries = _review_entries(mine)
        else:
            section.entries = [_report_entry(user, item) for item in mine[: work.ENTRIES_SHOWN]]
        sections[key] = section
    return sections


def inbox(user: User, *, today: date | None = None) -> Inbox:
    """The user's inbox: every queue of their role with its count and first items, in a fixed number of queries."""
    if has_no_agency(user):
        return Inbox(sections=[], no_agency=True)
    today = today or timezone.localdate()
    coordinated = list(directives_coordinated_by(agency_id=user.agency_id).values_list("pk", flat=True))
    queues = [
        queue
        for queue in _queues(user, today=today, directive_ids=coordinated)
        if coordinated or queue.key not in work.COORDINATOR_KEYS
    ]
    counts = work.queue_counts(queues, today=today)
    reports = _report_sections(user, _report_items(user, _periods(user, today=today), today=today))
    sections = []
    for queue in queues:
        sections.append(_queue_section(queue, counts[queue.key], today=today))
        sections += [reports.pop(key) for key, after in REPORTS_AFTER.items() if after == queue.key and key in reports]
    return Inbox(sections=[*sections, *reports.values()])
