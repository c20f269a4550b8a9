"""Reads of tasks and assignments; each selector does its own joins so pages cost fixed queries."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, CharField, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from agencies.models import Agency, User
from agencies.text import fold
from directives.models import Directive, TaskGroup

from .delegation import share_count_subquery, share_overdue
from .list_order import ORDER_FIELDS
from .models import Assignment, Evidence, ExtensionRequest, ProgressUpdate, Task, Urge
from .policy import pending_extension_subquery, unclosed_shares_subquery
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
    rules = [  # the first that holds gives the category
        (Q(status__in=[Status.PAUSED, Status.CANCELLED]), Timeliness.NOT_APPLICABLE),
        # Open work passed down is overdue as soon as one of its shares is (tasks.delegation.rolled_up_timeliness).
        (share_overdue(today), Timeliness.OVERDUE),
        # Standing work is never "done": it stays standing, out of the on-time rate (DESIGN §3).
        (Q(deadline__isnull=True), Timeliness.STANDING),
        (Q(status=Status.DONE, completed_on__isnull=True), Timeliness.DONE_ON_TIME),
        (Q(status=Status.DONE, completed_on__lte=F("deadline")), Timeliness.DONE_ON_TIME),
        (Q(status=Status.DONE), Timeliness.DONE_LATE),
        (
            Q(status=Status.AWAITING_CONFIRMATION, completed_on__isnull=False, completed_on__gt=F("deadline")),
            Timeliness.OVERDUE,
        ),
        (Q(status=Status.AWAITING_CONFIRMATION, completed_on__isnull=False), Timeliness.WITHIN_DEADLINE),
        (Q(deadline__lt=today), Timeliness.OVERDUE),
        (Q(status=Status.AWAITING_CONFIRMATION), Timeliness.WITHIN_DEADLINE),
        (Q(deadline__lte=soon), Timeliness.DUE_SOON),
    ]
    if queryset.model is not Assignment:
        # Rows of the history (reports as of a day) have no shares of their own to roll up: their own state counts.
        rules.pop(1)
    default = Timeliness.WITHIN_DEADLINE
    code = Case(
        *[When(condition, then=Value(value)) for condition, value in rules],
        default=Value(default),
        output_field=CharField(),
    )
    # The rank from the same rules, not from the code: referring to timeliness_code would copy its whole CASE
    # into the SQL once per category (eight copies, a third of the assignment page's time spent compiling SQL).
    position = {value: index for index, value in enumerate(TIMELINESS_ORDER)}
    rank = Case(
        *[When(condition, then=Value(position[value])) for condition, value in rules],
        default=Value(position[default]),
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
    # The directive page shows the directive's own shares; the delegated ones show on each assignment's page.
    shares = Assignment.objects.filter(parent__isnull=True).select_related("agency")
    assignments = with_timeliness(shares, today=today).order_by("role", "agency__sort_order", "agency__name")
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


# --- The agency workspace. ---


LIST_DEFERRED = (
    "task__search_text",
    "task__group__text",
    "task__group__directive__body",
    "task__group__directive__search_text",
    "agency__search_text",
    "parent__agency__search_text",
)


def assignment_list(
    *, agency_id: int | None = None, directive_id: int | None = None, today: date | None = None
) -> QuerySet[Assignment]:
    """Assignments, overdue first, then due soon, then the rest by timeliness and deadline."""
    assignments = Assignment.objects.select_related("task__group__directive", "agency", "parent__agency")
    # A list shows none of the long texts it joins: a directive's body or a group's text would travel on every row.
    assignments = assignments.defer(*LIST_DEFERRED)
    assignments = assignments.annotate(share_count=share_count_subquery())
    if agency_id is not None:
        assignments = assignments.filter(agency_id=agency_id)
    if directive_id is not None:
        assignments = assignments.filter(task__group__directive_id=directive_id)
    # The tie-breakers are the assignment's copies of its task's and agency's keys (tasks.list_order): no join to sort.
    return with_timeliness(assignments, today=today).order_by(
        "timeliness_rank", F("deadline").asc(nulls_last=True), *ORDER_FIELDS, "pk"
    )


def assignment_search(queryset: QuerySet[Assignment], *, query: str) -> QuerySet[Assignment]:
    """Assignments whose task text contains the phrase, ignoring diacritics and case."""
    phrase = fold(query)
    if not phrase:
        return queryset
    return queryset.filter(task__search_text__contains=phrase)


def timeliness_counts(queryset: QuerySet[Assignment]) -> Counter:
    """How many assignments fall in each timeliness category: one aggregate query."""
    rows = queryset.order_by().values("timeliness_code").annotate(count=Count("pk"))
    return Counter({row["timeliness_code"]: row["count"] for row in rows})


def workspace_filter_choices(
    *, agency_id: int | None = None, directive_id: int | None = None
) -> tuple[QuerySet[Directive], QuerySet[TaskGroup]]:
    """The directives and task groups worth offering as filters: those the listed assignments belong to."""
    directives = Directive.objects.filter(is_tracked=True)
    groups = TaskGroup.objects.select_related("directive")
    if agency_id is not None:
        directives = directives.filter(groups__tasks__assignments__agency_id=agency_id)
        groups = groups.filter(tasks__assignments__agency_id=agency_id)
    if directive_id is not None:
        directives = directives.filter(pk=directive_id)
        groups = groups.filter(directive_id=directive_id)
    return directives.distinct().order_by("-issued_on", "number"), groups.distinct().order_by(
        "directive__issued_on", "directive_id", "number"
    )


def directives_coordinated_by(*, agency_id: int | None) -> QuerySet[Directive]:
    if agency_id is None:
        return Directive.objects.none()
    return Directive.objects.filter(coordinating_agency_id=agency_id, is_tracked=True).order_by("-issued_on")


def assignment_get(*, assignment_id: int, today: date | None = None) -> Assignment:
    """One assignment with its task, group, directive and agency, for permission checks and the page header."""
    assignments = Assignment.objects.select_related("task__group__directive__coordinating_agency", "agency")
    assignments = assignments.annotate(
        pending_extension_id=pending_extension_subquery(),
        parent_agency_id=F("parent__agency_id"),
        unclosed_shares=unclosed_shares_subquery(),
    )
    return with_timeliness(assignments, today=today).get(pk=assignment_id)


@dataclass
class FieldChange:
    name: str
    label: str
    old: str
    new: str


@dataclass
class Change:
    """One row of an assignment's history: who changed what, when, and why."""

    when: object
    user: User | None
    reason: str
    created: bool
    fields: list[FieldChange]

    def changed(self, name: str) -> FieldChange | None:
        return next((field for field in self.fields if field.name == name), None)


TRACKED_FIELDS = ["status", "deadline", "percent", "completed_on"]


def _shown(field: str, value) -> str:
    if value is None or value == "":
        return "—"
    if field == "status":
        return str(Status(value).label)
    if field == "percent":
        return f"{value}%"
    return f"{value:%d/%m/%Y}"


def _field_changes(record, previous, labels: dict[str, str]) -> list[FieldChange]:
    """What a history row changed (django-simple-history's diff_against), in TRACKED_FIELDS' order."""
    if previous is None:
        values = [
            (name, None, getattr(record, name)) for name in TRACKED_FIELDS if getattr(record, name) not in (None, "")
        ]
    else:
        delta = record.diff_against(previous, included_fields=TRACKED_FIELDS)
        values = sorted(((c.field, c.old, c.new) for c in delta.changes), key=lambda v: TRACKED_FIELDS.index(v[0]))
    return [
        FieldChange(name, labels[name], "" if previous is None else _shown(name, old), _shown(name, new))
        for name, old, new in values
    ]


def assignment_changes(assignment: Assignment) -> list[Change]:
    """Diffs between consecutive history rows on state, deadline, percent and completion date, oldest first."""
    labels = {name: str(Assignment._meta.get_field(name).verbose_name) for name in TRACKED_FIELDS}
    records = assignment.history.select_related("history_user").order_by("history_date", "history_id")
    changes: list[Change] = []
    previous = None
    for record in records:
        fields = _field_changes(record, previous, labels)
        if fields or previous is None:
            changes.append(
                Change(
                    when=record.history_date,
                    user=record.history_user,
                    reason=record.history_change_reason or "",
                    created=previous is None,
                    fields=fields,
                )
            )
        previous = record
    return changes


@dataclass
class AssignmentPage:
    assignment: Assignment
    siblings: list[Assignment]
    # Delegation (tasks.delegation): the shares this work was passed down as, or the work a share came from.
    shares: list[Assignment]
    parent: Assignment | None
    updates: Page  # of ProgressUpdate, newest first
    changes: list[Change]
    deadline_changes: list[Change]
    extension_requests: list[ExtensionRequest]

    @property
    def pending_extension(self) -> ExtensionRequest | None:
        return next((r for r in self.extension_requests if r.decision == ExtensionRequest.Decision.PENDING), None)


UPDATES_PER_PAGE = 10


def assignment_page(*, assignment: Assignment, updates_page=1, today: date | None = None) -> AssignmentPage:
    """Everything the assignment page shows, in a fixed number of queries whatever the history's length.

    Progress updates come 10 to a page, newest first (`updates_page`; a page past the end gives the last one), so
    the page stays small whatever the history.
    """
    latest = ProgressUpdate.objects.select_related("author").prefetch_related("evidence").order_by("-created_at", "-pk")
    # A share's page shows the work it came from, not the task's other agencies (a unit reads nothing else of it).
    same_task = Assignment.objects.filter(task_id=assignment.task_id, parent__isnull=True).exclude(pk=assignment.pk)
    siblings = (
        with_timeliness(same_task if assignment.parent_id is None else Assignment.objects.none(), today=today)
        .select_related("agency")
        .prefetch_related(Prefetch("updates", queryset=latest[:1], to_attr="latest_updates"))
        .order_by("role", "agency__sort_order", "agency__name")
    )
    related = Assignment.objects.filter(parent_id=assignment.pk) if assignment.parent_id is None else None
    if related is None:
        related = Assignment.objects.filter(pk=assignment.parent_id)
    related = list(
        with_timeliness(related, today=today).select_related("agency").order_by("agency__sort_order", "agency__name")
    )
    updates = assignment.updates.select_related("author").prefetch_related("evidence").order_by("-created_at", "-pk")
    requests = assignment.extension_requests.select_related("requested_by", "decided_by")
    changes = assignment_changes(assignment)
    return AssignmentPage(
        assignment=assignment,
        siblings=list(siblings),
        shares=related if assignment.parent_id is None else [],
        parent=related[0] if assignment.parent_id is not None else None,
        updates=Paginator(updates, UPDATES_PER_PAGE).get_page(updates_page),
        changes=changes,
        deadline_changes=[change for change in changes if change.changed("deadline")],
        extension_requests=list(requests),
    )


def extension_requests_pending() -> QuerySet[ExtensionRequest]:
    """Pending extension requests, oldest first, with what the decision page shows."""
    return (
        ExtensionRequest.objects.filter(decision=ExtensionRequest.Decision.PENDING)
        .select_related("assignment__task__group__directive", "assignment__agency", "requested_by")
        .order_by("requested_at", "pk")
    )


def extension_requests_decided(*, limit: int = 10) -> list[ExtensionRequest]:
    decided = ExtensionRequest.objects.exclude(decision=ExtensionRequest.Decision.PENDING)
    decided = decided.select_related("assignment__task__group__directive", "assignment__agency", "decided_by")
    return list(decided.order_by("-decided_at", "-pk")[:limit])


def assignment_for_urge(*, assignment_id: int, today: date | None = None) -> Assignment:
    """One assignment with its task, group, directive and agency, and its timeliness: one query."""
    assignments = Assignment.objects.select_related("agency", "task__group__directive__coordinating_agency").filter(
        pk=assignment_id
    )
    return with_timeliness(assignments, today=today).get()


def directive_agencies(*, directive_id: int, with_units: bool = False) -> QuerySet[Agency]:
    """The agencies with at least one assignment in the directive: who works on it and reports on it.

    Units holding only delegated shares report to the agency that passed them down, not on the directive; the
    lists of assignments (`with_units`) offer them as a filter too.
    """
    assignments = Assignment.objects.filter(task__group__directive_id=directive_id)
    if not with_units:
        assignments = assignments.filter(parent__isnull=True)
    return Agency.objects.filter(pk__in=assignments.values("agency_id")).order_by("sort_order", "name")


def extension_request_get(*, extension_request_id: int) -> ExtensionRequest:
    """One request with its assignment's task, group, directive and agency, for the access policy."""
    return ExtensionRequest.objects.select_related(
        "assignment__task__group__directive__coordinating_agency", "assignment__agency"
    ).get(pk=extension_request_id)


def evidence_get(*, evidence_id: int) -> Evidence:
    """One evidence file with its assignment's task, group and directive, for the access policy."""
    return Evidence.objects.select_related("update__assignment__task__group__directive").get(pk=evidence_id)


def last_urge(*, assignment_id: int) -> Urge | None:
    """The latest urge of an assignment, with who sent it."""
    return Urge.objects.select_related("sent_by").filter(assignment_id=assignment_id).first()
