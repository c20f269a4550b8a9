"""The assignments' part of the home page's inbox ("Việc cần xử lý"): what waits for a user now, as named queues.

Each queue is a filter over assignments (the rules are the timeliness annotation and the transition table's
states, not copies of them); every queue of a user is counted in one aggregate query, which the menu shows on
every page. reports.inbox adds the reports' queues and composes the page.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import User
from agencies.permissions import user_sees_everything

from .delegation import open_overdue
from .models import Assignment, ExtensionRequest, ProgressUpdate
from .selectors import with_timeliness
from .timeliness import Status, Timeliness
from .workflow.table import OPEN

# "Due within 7 days": a week's look ahead for the agency, wider than the badge's "due soon".
LOOK_AHEAD_DAYS = 7
ENTRIES_SHOWN = 5
COORDINATOR_KEYS = ("to_confirm", "extensions_asked")


@dataclass(frozen=True)
class WorkQueue:
    key: str
    title: str
    hint: str  # what to do with the items, said under the title
    condition: Q
    more_url: str = ""  # the list with all of them


def _pending_extension() -> Exists:
    return Exists(
        ExtensionRequest.objects.filter(assignment=OuterRef("pk"), decision=ExtensionRequest.Decision.PENDING)
    )


def _returned() -> Exists:
    """Work in progress again after it was declared done: the coordinator sent it back (or a leader reopened it)."""
    return Exists(ProgressUpdate.objects.filter(assignment=OuterRef("pk"), declares_done=True))


def agency_queues(user: User, *, today: date) -> list[WorkQueue]:
    """What the agency's staff and managers have to do on their own assignments."""
    if user.agency_id is None or user.role not in User.AGENCY_ROLES:
        return []
    work = reverse("tasks:work")
    mine = Q(agency_id=user.agency_id, status__in=OPEN)
    return [
        WorkQueue(
            "overdue",
            _("Overdue"),
            _("Report progress, declare the work done or ask for an extension."),
            mine & open_overdue(today),
            f"{work}?timeliness={Timeliness.OVERDUE}",
        ),
        WorkQueue(
            "due_week",
            _("Due within 7 days"),
            _("Finish these first."),
            mine & Q(deadline__gte=today, deadline__lte=today + timedelta(days=LOOK_AHEAD_DAYS)),
            work,
        ),
        WorkQueue(
            "returned",
            _("Returned to be done again"),
            _("Read the coordinator's comment on the page, finish the work and declare it done again."),
            Q(agency_id=user.agency_id, status=Status.IN_PROGRESS) & Q(_returned()),
            f"{work}?status={Status.IN_PROGRESS}",
        ),
    ]


def coordinator_queues(user: User, *, directive_ids: list[int] | None = None) -> list[WorkQueue]:
    """What the coordinating agency has to do on the other agencies' work of the tracked directives it coordinates.

    The conditions name the agency, not the directives, so the menu's count needs no query to find them;
    `directive_ids` (when the page knows them) only gives the "see all" link.
    """
    if user.agency_id is None:
        return []
    coordinated = Q(
        task__group__directive__coordinating_agency_id=user.agency_id, task__group__directive__is_tracked=True
    )
    theirs = coordinated & ~Q(agency_id=user.agency_id)
    listing = reverse("tasks:directive_assignments", args=[directive_ids[0]]) if len(directive_ids or []) == 1 else ""
    return [
        WorkQueue(
            "to_confirm",
            _("Awaiting your confirmation"),
            _("Open each one, check the evidence, then confirm it or return it with a comment."),
            theirs & Q(status=Status.AWAITING_CONFIRMATION),
            f"{listing}?status={Status.AWAITING_CONFIRMATION}" if listing else "",
        ),
        WorkQueue(
            "extensions_asked",
            _("Extension requests on your directives"),
            _("The provincial leaders decide them; you may add your view on the assignment's page."),
            coordinated & Q(_pending_extension()),
        ),
    ]


def leader_queues(user: User, *, today: date) -> list[WorkQueue]:
    """What the provincial leaders and administrators decide or watch."""
    if not user_sees_everything(user):
        return []
    # Nobody decides on their own agency's work (DESIGN §3).
    others = ~Q(agency_id=user.agency_id) if user.agency_id else Q()
    return [
        WorkQueue(
            "extensions_to_decide",
            _("Extension requests to decide"),
            _("Approve the new deadline, or refuse it with a reason."),
            others & Q(_pending_extension()),
            reverse("tasks:extension_list"),
        ),
        WorkQueue(
            "overdue_by_agency",
            _("Overdue work by agency"),
            _("Open an agency's overdue work, or urge it through the coordinating agency."),
            open_overdue(today),
            f"{reverse('tasks:work')}?timeliness={Timeliness.OVERDUE}",
        ),
    ]


def _assignments(today: date) -> QuerySet[Assignment]:
    return with_timeliness(Assignment.objects.all(), today=today)


def _count(condition: Q) -> Coalesce:
    rows = Assignment.objects.filter(condition).order_by().annotate(one=Value(1)).values("one")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


def queue_counts(queues: list[WorkQueue], *, today: date) -> dict[str, int]:
    """How many assignments each queue holds: one query, none without queues.

    Each queue is counted by a subquery of its own, so each reads only its rows through its own index (a staff
    member's agency, the tasks of the directives an agency coordinates). One aggregate filtered by the OR of the
    conditions read the whole table instead: 300 ms of every page's menu at 1,000,000 assignments (bench/web.py
    --provinces 34), 15 ms this way. No queue's condition needs the timeliness CASE (overdue is
    tasks.delegation.open_overdue), so none is built. The counts are selected beside any one assignment: without
    any, every queue is empty.
    """
    if not queues:
        return {}
    row = Assignment.objects.order_by().values(**{queue.key: _count(queue.condition) for queue in queues}).first()
    return row or {queue.key: 0 for queue in queues}


def queue_entries(queue: WorkQueue, *, today: date, limit: int = ENTRIES_SHOWN) -> list[Assignment]:
    """The first assignments of a queue, the most pressing first: one query."""
    rows = _assignments(today).filter(queue.condition).select_related("task__group__directive", "agency")
    return list(rows.order_by("timeliness_rank", "deadline", "pk")[:limit])


@dataclass(frozen=True)
class AgencyOverdue:
    agency_id: int
    name: str
    count: int
    url: str


def overdue_by_agency(queue: WorkQueue, *, today: date, limit: int = 10) -> list[AgencyOverdue]:
    """The agencies with the most overdue work, for the leaders: one grouped query."""
    rows = (
        _assignments(today)
        .filter(queue.condition)
        .order_by()
        .values("agency_id", "agency__short_name", "agency__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "agency__name")[:limit]
    )
    work = reverse("tasks:work")
    return [
        AgencyOverdue(
            agency_id=row["agency_id"],
            name=row["agency__short_name"] or row["agency__name"],
            count=row["count"],
            url=f"{work}?agency={row['agency_id']}&timeliness={Timeliness.OVERDUE}",
        )
        for row in rows
    ]
