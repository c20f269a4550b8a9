"""Reads of tasks and assignments; each selector does its own joins so pages cost fixed queries."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Case, CharField, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from agencies.text import fold
from directives.models import Directive, TaskGroup

from .models import Assignment, Task
from .timeliness import Status, Timeliness

TIMELINESS_ORDER = [
    Timeliness.OVERDUE,
    Timeliness.DUE_SOON,
    Timeliness.WITHIN_DEADLINE,
    Timeliness.STANDING,
    Timeliness.DONE_LATE,
    Timeliness.DONE_ON_TIME,
    Timeliness.NOT_APPLICABLE,
]


def with_timeliness(queryset: QuerySet[Assignment], *, today: date | None = None) -> QuerySet[Assignment]:
    """Annotate timeliness_code and timeliness_rank in SQL; the twin of timeliness.timeliness()."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=settings.DONDOC_DUE_SOON_DAYS)
    code = Case(
        When(status__in=[Status.PAUSED, Status.CANCELLED], then=Value(Timeliness.NOT_APPLICABLE)),
        When(
            Q(status=Status.DONE) & (Q(deadline__isnull=True) | Q(completed_on__isnull=True)),
            then=Value(Timeliness.DONE_ON_TIME),
        ),
        When(status=Status.DONE, completed_on__lte=F("deadline"), then=Value(Timeliness.DONE_ON_TIME)),
        When(status=Status.DONE, then=Value(Timeliness.DONE_LATE)),
        When(deadline__isnull=True, then=Value(Timeliness.STANDING)),
        When(
            status=Status.AWAITING_CONFIRMATION,
            completed_on__isnull=False,
            completed_on__gt=F("deadline"),
            then=Value(Timeliness.OVERDUE),
        ),
        When(status=Status.AWAITING_CONFIRMATION, completed_on__isnull=False, then=Value(Timeliness.WITHIN_DEADLINE)),
        When(deadline__lt=today, then=Value(Timeliness.OVERDUE)),
        When(status=Status.AWAITING_CONFIRMATION, then=Value(Timeliness.WITHIN_DEADLINE)),
        When(deadline__lte=soon, then=Value(Timeliness.DUE_SOON)),
        default=Value(Timeliness.WITHIN_DEADLINE),
        output_field=CharField(),
    )
    rank = Case(
        *[When(timeliness_code=value, then=Value(index)) for index, value in enumerate(TIMELINESS_ORDER)],
        output_field=IntegerField(),
    )
    return queryset.annotate(timeliness_code=code).annotate(timeliness_rank=rank)


@dataclass
class GroupSummary:
    group: TaskGroup
    tasks: list[Task]
    assignment_count: int = 0
    by_status: Counter = field(default_factory=Counter)
    by_timeliness: Counter = field(default_factory=Counter)


@dataclass
class DirectiveOverview:
    directive: Directive
    implements: list[Directive]
    cites: list[Directive]
    cited_by: list[Directive]
    groups: list[GroupSummary]
    by_timeliness: Counter


def directive_overview(*, directive_id: int, today: date | None = None) -> DirectiveOverview:
    """The directive with its links, groups, tasks and assignments: five queries whatever the size."""
    today = today or timezone.localdate()
    directive = Directive.objects.select_related("coordinating_agency").get(pk=directive_id)
    links = list(directive.outgoing_links.select_related("target"))
    cited_by = list(Directive.objects.filter(outgoing_links__target=directive).order_by("-issued_on"))
    assignments = with_timeliness(Assignment.objects.select_related("agency"), today=today).order_by(
        "role", "agency__sort_order", "agency__name"
    )
    groups = TaskGroup.objects.filter(directive=directive).prefetch_related(
        Prefetch(
            "tasks",
            queryset=Task.objects.order_by("number").prefetch_related(Prefetch("assignments", queryset=assignments)),
        )
    )
    summaries = []
    total = Counter()
    for group in groups:
        summary = GroupSummary(group=group, tasks=list(group.tasks.all()))
        for task in summary.tasks:
            for assignment in task.assignments.all():
                summary.assignment_count += 1
                summary.by_status[assignment.status] += 1
                summary.by_timeliness[assignment.timeliness_code] += 1
        total.update(summary.by_timeliness)
        summaries.append(summary)
    return DirectiveOverview(
        directive=directive,
        implements=[link.target for link in links if link.relation == "implements"],
        cites=[link.target for link in links if link.relation == "cites"],
        cited_by=cited_by,
        groups=summaries,
        by_timeliness=total,
    )


def task_search(*, query: str, limit: int = 50) -> list[Task]:
    """Tasks whose text contains the phrase, ignoring diacritics and case ('quoc phong' finds 'quốc phòng')."""
    phrase = fold(query)
    if not phrase:
        return []
    tasks = Task.objects.select_related("group__directive").filter(search_text__contains=phrase)
    return list(tasks.order_by("group__directive__issued_on", "group__number", "number")[:limit])


def assignment_for_urge(*, assignment_id: int, today: date | None = None) -> Assignment:
    """One assignment with its task, group, directive and agency, and its timeliness: one query."""
    assignments = Assignment.objects.select_related("agency", "task__group__directive__coordinating_agency").filter(
        pk=assignment_id
    )
    return with_timeliness(assignments, today=today).get()
