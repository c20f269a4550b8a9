"""Reporting periods: one by id, the list a user works on, and the period being reported on now."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from agencies.models import User
from agencies.permissions import user_sees_everything
from tasks.models import Assignment

from ..models import AgencyReport, ConsolidatedReport, ReportPeriod
from ..permissions import user_can_track_period
from .directives import visible_directives
from .tracker import TrackerState, tracker_state


def period_get(*, period_id: int) -> ReportPeriod:
    return ReportPeriod.objects.select_related("directive__coordinating_agency").get(pk=period_id)


@dataclass
class PeriodListItem:
    period: ReportPeriod
    may_track: bool  # the period's submission tracker and consolidated report
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
        set(
            Assignment.objects.filter(agency_id=user.agency_id, parent__isnull=True).values_list(
                "task__group__directive_id", flat=True
            )
        )
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
        if not (sees_all or period.directive_id in coordinated or period.directive_id in assigned):
            continue
        report = own.get(period.pk)
        state = tracker_state(report, period)[0] if period.directive_id in assigned else None
        consolidated = getattr(period, "consolidated", None)
        items.append(
            PeriodListItem(
                period=period,
                may_track=user_can_track_period(user, period),
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
