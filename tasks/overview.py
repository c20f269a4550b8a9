"""The directive page one page of groups at a time (issue 11): a directive of many tasks stays under 100 KB.

Consecutive task groups are put together up to TASKS_PER_PAGE tasks (a larger group has a page of its own),
so a directive of a few dozen tasks, like Kết luận 249, stays on one page. The counts at the top and in each
group's header cover every group, from one aggregate query; only the page's tasks and assignments are read.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from directives.models import Directive, DirectiveLink, TaskGroup

from .models import Assignment, Task
from .selectors import TIMELINESS_ORDER, DirectiveOverview, GroupSummary, with_timeliness

TASKS_PER_PAGE = 40
# A task with more agencies than this shows the viewer's own agency and the first leads, at most this many; the
# others as counts by timeliness (item 1 goes to every agency: 42 names made the page 25,000 px tall).
TASK_AGENCIES_SHOWN = 5


def summarise_task(task: Task, *, agency_id: int | None) -> None:
    """Set task.shown (the assignments listed in full) and task.others ((timeliness code, count) of the rest)."""
    assignments = list(task.assignments.all())
    if len(assignments) <= TASK_AGENCIES_SHOWN:
        task.shown, task.others, task.others_count = assignments, [], 0
        return
    own = [a.pk for a in assignments if a.agency_id == agency_id]
    leads = [a.pk for a in assignments if a.role == Assignment.Role.LEAD and a.agency_id != agency_id]
    picked = set((own + leads)[: max(TASK_AGENCIES_SHOWN, len(own))])
    task.shown = [a for a in assignments if a.pk in picked]
    rest = Counter(a.timeliness_code for a in assignments if a not in task.shown)
    task.others = [(code, rest[code]) for code in TIMELINESS_ORDER if rest[code]]
    task.others_count = len(assignments) - len(task.shown)


@dataclass
class DirectivePage:
    overview: DirectiveOverview  # .groups holds only this page's groups
    page_obj: Page  # of the pages of groups, for _pagination.html


def chunk_groups(groups: list[TaskGroup], *, tasks_per_page: int) -> list[list[TaskGroup]]:
    """Consecutive groups holding at most tasks_per_page tasks between them; a larger group alone."""
    pages, current, size = [], [], 0
    for group in groups:
        if current and size + group.task_count > tasks_per_page:
            pages.append(current)
            current, size = [], 0
        current.append(group)
        size += group.task_count
    return [*pages, current] if current else pages or [[]]


def _counts(directive: Directive, today: date) -> dict[int, GroupSummary]:
    rows = (
        with_timeliness(Assignment.objects.filter(task__group__directive=directive, parent__isnull=True), today=today)
        .order_by()
        .values("task__group_id", "status", "timeliness_code")
        .annotate(n=Count("pk"))
    )
    counts = defaultdict(lambda: GroupSummary(group=None, tasks=[]))
    for row in rows:
        summary = counts[row["task__group_id"]]
        summary.assignment_count += row["n"]
        summary.by_status[row["status"]] += row["n"]
        summary.by_timeliness[row["timeliness_code"]] += row["n"]
    return counts


def _page_of(pages: list[list[TaskGroup]], number: str) -> int:
    """The page (from 1) holding the group of that number; the first when there is none."""
    return next((index for index, page in enumerate(pages, 1) for group in page if str(group.number) == number), 1)


def _links(directive: Directive) -> tuple[list[DirectiveLink], list[Directive]]:
    """Its outgoing links (in the links' order) and the documents citing it (newest first): one query."""
    both = DirectiveLink.objects.filter(Q(source=directive) | Q(target=directive)).select_related("source", "target")
    both = list(both)
    cited_by = [link.source for link in both if link.target_id == directive.pk]
    cited_by.sort(key=lambda doc: (doc.issued_on is None, doc.issued_on), reverse=True)
    return [link for link in both if link.source_id == directive.pk], cited_by


def directive_page(
    *,
    directive_id: int,
    page: str | int | None,
    agency_id: int | None,
    group: str | None = None,
    tasks_per_page: int = TASKS_PER_PAGE,
) -> DirectivePage:
    """The directive, its links and one page of its groups with their tasks, summarised for the viewer's agency.

    `group` (a group's number, as the dashboard's links give it) picks the page holding that group.
    """
    today = timezone.localdate()
    directive = Directive.objects.select_related("coordinating_agency").get(pk=directive_id)
    links, cited_by = _links(directive)
    groups = list(TaskGroup.objects.filter(directive=directive).annotate(task_count=Count("tasks")))
    pages = chunk_groups(groups, tasks_per_page=tasks_per_page)
    page_obj = Paginator(pages, 1).get_page(page if group is None else _page_of(pages, group))
    shown = page_obj.object_list[0]
    # The directive's own shares; those passed down to units show on each assignment's page and in the lists.
    own = Assignment.objects.filter(parent__isnull=True).select_related("agency")
    assignments = with_timeliness(own, today=today).order_by("role", "agency__sort_order", "agency__name")
    tasks = defaultdict(list)
    rows = Task.objects.filter(group__in=[group.pk for group in shown]).order_by("number")
    for task in rows.prefetch_related(Prefetch("assignments", queryset=assignments)) if shown else []:
        summarise_task(task, agency_id=agency_id)
        tasks[task.group_id].append(task)
    counts = _counts(directive, today)
    summaries, total = [], Counter()
    for group in groups:
        total.update(counts[group.pk].by_timeliness)
    for group in shown:
        summary = counts[group.pk]
        summary.group, summary.tasks = group, tasks[group.pk]
        summaries.append(summary)
    overview = DirectiveOverview(
        directive=directive,
        implements=[link.target for link in links if link.relation == "implements"],
        cites=[link.target for link in links if link.relation == "cites"],
        cited_by=cited_by,
        groups=summaries,
        by_timeliness=total,
    )
    return DirectivePage(overview=overview, page_obj=page_obj)
