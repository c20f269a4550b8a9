"""Report due dates in the daily reminder scan: the agency reports and the consolidated report of open periods.

Both sources go through the assignments' machinery (tasks.reminders): the same schedule and directive
policy, the same ledger (exactly once, one catch-up reminder after missed days), the same in-app notices
and daily digest. An agency that reports on the directive (the tracker's definition: it has an assignment
in it) and whose report is not submitted or accepted (none yet, a draft, or returned) is reminded before,
on and after the agency due date; the coordinating agency is reminded before and on the consolidated due
date while the consolidated report is not issued. A period closes for reminders once its consolidated
report is issued, or OPEN_DAYS_AFTER_DUE days after the agency due date.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies.models import Agency
from directives.models import Directive
from tasks.models import Assignment
from tasks.reminders import BEFORE, DEFAULT_POLICY, DUE_DAY, OVERDUE, Candidate, Notice, latest_deadline_reminder
from tasks.reminders.assignments import NOTIFICATION_KINDS, reminder_policies, reminder_recipients

from .models import AgencyReport, ConsolidatedReport, ReportPeriod
from .periods import period_label

AGENCY_REPORT_SOURCE = "agency_report"
CONSOLIDATED_REPORT_SOURCE = "consolidated_report"
# Overdue agency reports are reminded (weekly, by default) for two months after the due date, then left to the
# tracker and the coordinator's urges.
OPEN_DAYS_AFTER_DUE = 60
# The longest "days before" a reminder policy accepts (directives.models.parse_reminder_days).
LOOKAHEAD_DAYS = 365
CHUNK_SIZE = 5000
# Reports already with the coordinator get nothing; none yet, a draft or a returned report is reminded.
DONE_STATUSES = (AgencyReport.Status.SUBMITTED, AgencyReport.Status.ACCEPTED)
# The ledger's object of an agency report is the pair (period, agency): the report row may not exist yet.
KEY_BASE = 10**9


def agency_report_key(period_id: int, agency_id: int) -> int:
    """ReminderLedger.object_id of one agency's report for one period: period 12, agency 34 → 12000000034."""
    return period_id * KEY_BASE + agency_id


@dataclass(frozen=True)
class PeriodRow:
    pk: int
    kind: str
    year: int
    index: int
    agency_due_on: date
    consolidated_due_on: date
    directive_id: int
    directive_kind: str
    directive_number: str
    coordinating_agency_id: int | None

    @property
    def names(self) -> dict[str, str]:
        directive_kinds = dict(Directive.Kind.choices)
        return {
            "period": period_label(self.kind, self.year, self.index),
            "directive": f"{directive_kinds.get(self.directive_kind, '')} {self.directive_number}".strip(),
        }


@dataclass(frozen=True)
class AgencyReportRow:
    period: PeriodRow
    agency_id: int
    status: str | None  # None: the agency has not started its report


PERIOD_FIELDS = (
    "pk",
    "kind",
    "year",
    "index",
    "agency_due_on",
    "consolidated_due_on",
    "directive_id",
    "directive__kind",
    "directive__number",
    "directive__coordinating_agency_id",
)


def _open_periods(*, due_field: str, since: date, until: date) -> list[PeriodRow]:
    """Periods of tracked directives whose consolidated report is not issued, due within [since, until]: one query."""
    periods = (
        ReportPeriod.objects.filter(directive__is_tracked=True, **{f"{due_field}__range": (since, until)})
        .exclude(consolidated__status=ConsolidatedReport.Status.ISSUED)
        .order_by("pk")
        .values_list(*PERIOD_FIELDS)
    )
    return [PeriodRow(*row) for row in periods]


def _chunks(candidates: list[Candidate]) -> Iterator[list[Candidate]]:
    candidates.sort(key=lambda candidate: candidate.object_id)
    for start in range(0, len(candidates), CHUNK_SIZE):
        yield candidates[start : start + CHUNK_SIZE]


class AgencyReportReminderSource:
    """Each expected agency's report of each open period, until it is submitted (again, once returned)."""

    name = AGENCY_REPORT_SOURCE

    def __init__(self):
        self._members: dict[int, list[int]] | None = None

    def chunks(self, *, today: date) -> Iterator[list[Candidate]]:
        periods = _open_periods(
            due_field="agency_due_on",
            since=today - timedelta(days=OPEN_DAYS_AFTER_DUE),
            until=today + timedelta(days=LOOKAHEAD_DAYS),
        )
        if not periods:
            return
        policies = reminder_policies()
        directive_ids = {period.directive_id for period in periods}
        expected: dict[int, set[int]] = defaultdict(set)  # directive → agencies reporting on it (the tracker's rule)
        pairs = (
            Assignment.objects.filter(task__group__directive_id__in=directive_ids, parent__isnull=True)
            .order_by()
            .values_list("task__group__directive_id", "agency_id")
            .distinct()
        )
        for directive_id, agency_id in pairs:
            expected[directive_id].add(agency_id)
        statuses = {
            (period_id, agency_id): status
            for period_id, agency_id, status in AgencyReport.objects.filter(
                period_id__in=[period.pk for period in periods]
            ).values_list("period_id", "agency_id", "status")
        }
        candidates = []
        for period in periods:
            due = latest_deadline_reminder(
                deadline=period.agency_due_on, today=today, policy=policies.get(period.directive_id, DEFAULT_POLICY)
            )
            if due is None:
                continue
            for agency_id in sorted(expected.get(period.directive_id, ())):
                status = statuses.get((period.pk, agency_id))
                if status in DONE_STATUSES:
                    continue
                row = AgencyReportRow(period=period, agency_id=agency_id, status=status)
                candidates.append(Candidate(agency_report_key(period.pk, agency_id), due.kind, due.due_on, row))
        yield from _chunks(candidates)

    def notices(self, *, candidates: list[Candidate], today: date) -> list[Notice]:
        if self._members is None:
            self._members, _managers = reminder_recipients()
            self._agency_names = {
                pk: short or name for pk, short, name in Agency.objects.values_list("pk", "short_name", "name")
            }
        notices = []
        for candidate in candidates:
            row: AgencyReportRow = candidate.data
            users = self._members.get(row.agency_id, [])
            if not users:
                continue
            notices.append(
                Notice(
                    user_ids=tuple(users),
                    kind=NOTIFICATION_KINDS[candidate.kind],
                    title=self._title(candidate.kind, row, today),
                    body=self._body(row),
                    url=reverse("reports:agency_report", args=[row.period.pk, row.agency_id]),
                )
            )
        return notices

    def _title(self, kind: str, row: AgencyReportRow, today: date) -> str:
        names = row.period.names
        days = (row.period.agency_due_on - today).days
        if kind == OVERDUE:
            return ngettext(
                "Your report on %(period)s of %(directive)s is %(days)d day overdue",
                "Your report on %(period)s of %(directive)s is %(days)d days overdue",
                -days,
            ) % {**names, "days": -days}
        if kind == DUE_DAY:
            return _("Your report on %(period)s of %(directive)s is due today") % names
        return ngettext(
            "Your report on %(period)s of %(directive)s is due in %(days)d day",
            "Your report on %(period)s of %(directive)s is due in %(days)d days",
            days,
        ) % {**names, "days": days}

    def _body(self, row: AgencyReportRow) -> str:
        if row.status == AgencyReport.Status.RETURNED:
            state = _("The coordinating agency returned your report for changes: submit it again.")
        elif row.status == AgencyReport.Status.DRAFT:
            state = _("Your draft is not submitted yet.")
        else:
            state = _("Your agency has not started its report.")
        details = _("Agency: %(agency)s · Agency reports due: %(due)s") % {
            "agency": self._agency_names.get(row.agency_id, ""),
            "due": date_format(row.period.agency_due_on, "d/m/Y"),
        }
        return f"{state}\n{details}"


class ConsolidatedReportReminderSource:
    """The coordinating agency's consolidated report of each open period, before and on its due date."""

    name = CONSOLIDATED_REPORT_SOURCE

    def __init__(self):
        self._members: dict[int, list[int]] | None = None

    def chunks(self, *, today: date) -> Iterator[list[Candidate]]:
        # Not reminded once overdue: the coordinator sees the open period on the dashboard and the period page.
        periods = _open_periods(
            due_field="consolidated_due_on", since=today, until=today + timedelta(days=LOOKAHEAD_DAYS)
        )
        periods = [period for period in periods if period.coordinating_agency_id]
        if not periods:
            return
        policies = reminder_policies()
        candidates = []
        for period in periods:
            due = latest_deadline_reminder(
                deadline=period.consolidated_due_on,
                today=today,
                policy=policies.get(period.directive_id, DEFAULT_POLICY),
            )
            if due is not None and due.kind in (BEFORE, DUE_DAY):
                candidates.append(Candidate(period.pk, due.kind, due.due_on, period))
        yield from _chunks(candidates)

    def notices(self, *, candidates: list[Candidate], today: date) -> list[Notice]:
        if self._members is None:
            self._members, _managers = reminder_recipients()
        notices = []
        for candidate in candidates:
            period: PeriodRow = candidate.data
            users = self._members.get(period.coordinating_agency_id, [])
            if not users:
                continue
            title = self._title(candidate.kind, period, today)
            body = _(
                "Agency reports were due on %(agency_due)s; the consolidated report is due on %(due)s. "
                "Review the agencies' reports, then compile and issue it."
            ) % {
                "agency_due": date_format(period.agency_due_on, "d/m/Y"),
                "due": date_format(period.consolidated_due_on, "d/m/Y"),
            }
            notices.append(
                Notice(
                    user_ids=tuple(users),
                    kind=NOTIFICATION_KINDS[candidate.kind],
                    title=title,
                    body=body,
                    url=reverse("reports:consolidated", args=[period.pk]),
                )
            )
        return notices

    def _title(self, kind: str, period: PeriodRow, today: date) -> str:
        names = period.names
        if kind == DUE_DAY:
            return _("The consolidated report on %(period)s of %(directive)s is due today") % names
        days = (period.consolidated_due_on - today).days
        return ngettext(
            "The consolidated report on %(period)s of %(directive)s is due in %(days)d day",
            "The consolidated report on %(period)s of %(directive)s is due in %(days)d days",
            days,
        ) % {**names, "days": days}
