"""The submission tracker of a period: every agency that reports on the directive, with the state of its report."""

from collections import Counter
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from tasks.selectors import directive_agencies

from ..models import AgencyReport, ReportPeriod


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


def tracker_state(report: AgencyReport | None, period: ReportPeriod) -> tuple[str, bool | None]:
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
    for agency in directive_agencies(directive_id=period.directive_id):
        report = reports.get(agency.pk)
        if report is None and agency.valid_to is not None and agency.valid_to < period.starts_on:
            continue  # merged or dissolved away before the period: its successor reports
        state, on_time = tracker_state(report, period)
        rows.append(TrackerRow(agency=agency, report=report, state=state, on_time=on_time))
    return Tracker(period=period, rows=rows)
