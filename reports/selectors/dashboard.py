"""The dashboard of one directive: headline figures, heatmap, overdue list, on-time chart and submission tracker."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from agencies.selectors import agency_successors_on
from directives.models import Directive, TaskGroup
from tasks.selectors import TIMELINESS_ORDER
from tasks.timeliness import Timeliness

from ..models import ReportPeriod
from ..statistics import assignments_now, on_time_rate_as_of, overdue_rows, summarise
from .periods import open_period
from .tracker import Tracker, period_tracker

CHART_PERIODS = 6
DASHBOARD_OVERDUE_LIMIT = 20


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

    @property
    def chart_rows(self) -> list[tuple[str, float | None, str]]:
        """The chart's figures as a table, for those who read rather than look: (label, rate, url)."""
        return list(zip(self.chart["labels"], self.chart["rates"], self.chart["urls"], strict=True))


def default_dashboard_directive(directives: list[Directive]) -> Directive | None:
    """The first of the directives (newest first) that has any assignment yet, else the first; None if none."""
    if not directives:
        return None
    with_work = set(
        Directive.objects.filter(pk__in=[d.pk for d in directives], groups__tasks__assignments__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
    )
    return next((d for d in directives if d.pk in with_work), directives[0])


def dashboard(*, directive: Directive, today: date | None = None) -> Dashboard:
    """Headline figures, heatmap, overdue list, chart and tracker of one directive in a bounded number of queries."""
    today = today or timezone.localdate()
    rows = assignments_now(directive_id=directive.pk, today=today)
    # From a change's date, a merged or dissolved agency's closed work counts under the agency that carries it on.
    summary = summarise(rows, successors=agency_successors_on(today))
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
