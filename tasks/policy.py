"""One access policy per assignment: for a user and an assignment, one call answers every question a page asks.

`assignment_access(user, assignment)` reads what it needs at most once (whether the user's agency is on the same
task, the pending extension request) and returns an `AssignmentAccess`: may the user view it, which actions the
transition table (tasks.workflow.table) allows them now, and why any other is refused. Pages, the menu, the
services and the API ask it; nothing else decides who may do what to an assignment.

Each condition sits on its own line so the access tests show every case was exercised.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from agencies.models import User
from agencies.permissions import user_sees_everything
from directives.permissions import user_is_coordinator

from .delegation import CLOSED_SHARE
from .models import Assignment, ExtensionRequest
from .workflow.table import (
    ACTORS,
    NOT_AN_ACTOR,
    PAGE_ACTIONS,
    STATE_REFUSALS,
    Action,
    Actor,
    Need,
    need_refusal,
    transition,
)


def _is_agency_member(user: User, assignment: Assignment) -> bool:
    """Active staff or manager of the assigned agency."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if user.role not in User.AGENCY_ROLES:
        return False
    if user.agency_id is None:
        return False
    return user.agency_id == assignment.agency_id


def delegator_agency_id(assignment: Assignment) -> int | None:
    """The agency a delegated share came from (None for the directive's own shares): annotated, else its parent."""
    if assignment.parent_id is None:
        return None
    if hasattr(assignment, "parent_agency_id"):
        return assignment.parent_agency_id
    return assignment.parent.agency_id


def _is_delegator(user: User, assignment: Assignment) -> bool:
    """Active manager of the agency the delegated share came from."""
    if not user.is_authenticated:
        return False
    if not user.is_agency_manager:
        return False
    if assignment.parent_id is None:
        return False
    return user.agency_id == delegator_agency_id(assignment)


def _actors(user: User, assignment: Assignment) -> frozenset[Actor]:
    """Who the user is to this assignment; nobody reviews or supervises their own agency's work."""
    actors = set()
    own_agency = user.is_authenticated and user.agency_id is not None and user.agency_id == assignment.agency_id
    coordinator_s_own_work = assignment.agency_id == assignment.task.group.directive.coordinating_agency_id
    # A delegated share is reviewed by the agency that passed it down, not by the coordinator or the leaders.
    delegated = assignment.parent_id is not None
    if _is_agency_member(user, assignment):
        actors.add(Actor.AGENCY)
        if user.role == User.Role.MANAGER:
            actors.add(Actor.MANAGER)
    if _is_delegator(user, assignment):
        actors.add(Actor.DELEGATOR)
    if user_is_coordinator(user, assignment.task.group.directive):
        actors.add(Actor.COORDINATOR)
        if not coordinator_s_own_work and not delegated:
            actors.add(Actor.REVIEWER)
    if user_sees_everything(user) and not own_agency:
        actors.add(Actor.SUPERVISOR)
        # The coordinating agency's own work is reviewed by the province's leaders (DESIGN §3).
        if coordinator_s_own_work and user.is_leader and not delegated:
            actors.add(Actor.REVIEWER)
    return frozenset(actors)


@dataclass(frozen=True)
class AssignmentAccess:
    assignment: Assignment
    actors: frozenset[Actor]
    can_view: bool
    # The user belongs to the assigned agency (whatever their role): the page shows their agency's breadcrumbs.
    is_own_agency: bool
    pending_extension_id: int | None
    # Delegated shares of the work not yet done or cancelled (asked only of its agency: may it declare it done).
    unclosed_shares: int = 0
    # Whether the user reads every agency's reports on the task (coordinator, leaders, admins), else the role
    # their agency has on it: they read the reports of the other role's agencies only.
    reads_every_sibling: bool = False
    viewer_role: str | None = None
    viewer_agency_id: int | None = None

    def reads_reports_of(self, other: Assignment) -> bool:
        """Whether the user may read another assignment's reports and evidence on the same task (need to know)."""
        if self.reads_every_sibling:
            return True
        if self.viewer_agency_id is not None and other.agency_id == self.viewer_agency_id:
            return True
        return self.viewer_role is not None and self.viewer_role != other.role

    def is_actor(self, action: Action) -> bool:
        """Whether the user is among who may take this action at all, whatever the state (else: 403)."""
        return bool(ACTORS[action] & self.actors)

    def refusal(self, action: Action) -> ValidationError | None:
        """Why the user may not take this action now (a message in the user's language); None when they may."""
        if not self.can_view or not self.is_actor(action):
            return ValidationError(NOT_AN_ACTOR, code="forbidden")
        row = transition(self.assignment.status, action)
        if row is None:
            return ValidationError(STATE_REFUSALS[action], code="state")
        if Need.DEADLINE in row.needs and self.assignment.deadline is None:
            return ValidationError(need_refusal(Need.DEADLINE, action), code="standing")
        if Need.NO_PENDING_EXTENSION in row.needs and self.pending_extension_id is not None:
            return ValidationError(need_refusal(Need.NO_PENDING_EXTENSION, action), code="pending")
        if Need.PENDING_EXTENSION in row.needs and self.pending_extension_id is None:
            return ValidationError(need_refusal(Need.PENDING_EXTENSION, action), code="decided")
        return self._delegation_refusal(row.needs, action)

    def _delegation_refusal(self, needs, action: Action) -> ValidationError | None:
        if Need.NOT_DELEGATED in needs and self.assignment.parent_id is not None:
            return ValidationError(need_refusal(Need.NOT_DELEGATED, action), code="delegated")
        if Need.SHARES_CLOSED in needs and self.unclosed_shares:
            return ValidationError(need_refusal(Need.SHARES_CLOSED, action), code="shares_open")
        return None

    def may(self, action: Action) -> bool:
        return self.refusal(action) is None

    @property
    def actions(self) -> frozenset[Action]:
        """Every action the user may take on the assignment now."""
        return frozenset(action for action in Action if self.may(action))

    @property
    def page_actions(self) -> list[Action]:
        """The forms the assignment page offers, in its order."""
        return [action for action in PAGE_ACTIONS if self.may(action)]

    @property
    def may_urge(self) -> bool:
        return self.may(Action.URGE)

    @property
    def may_decide_extension(self) -> bool:
        return self.may(Action.DECIDE_EXTENSION)

    @property
    def may_download_evidence(self) -> bool:
        return self.can_view


def pending_extension_id(assignment: Assignment) -> int | None:
    """The pending extension request's id: annotated by the selector that loaded the page, else one query."""
    if hasattr(assignment, "pending_extension_id"):
        return assignment.pending_extension_id
    pending = assignment.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING)
    return pending.values_list("pk", flat=True).first()


def pending_extension_subquery() -> Subquery:
    """For selectors: annotate `pending_extension_id` on assignments, so the policy needs no query of its own."""
    pending = ExtensionRequest.objects.filter(assignment=OuterRef("pk"), decision=ExtensionRequest.Decision.PENDING)
    return Subquery(pending.values("pk")[:1])


def unclosed_share_count(assignment: Assignment) -> int:
    """How many delegated shares are not done or cancelled: annotated by the page's selector, else one query."""
    if hasattr(assignment, "unclosed_shares"):
        return assignment.unclosed_shares
    return assignment.children.exclude(status__in=CLOSED_SHARE).count()


def unclosed_shares_subquery() -> Coalesce:
    """For selectors: annotate `unclosed_shares` on assignments, so the policy needs no query of its own."""
    unclosed = Assignment.objects.filter(parent=OuterRef("pk")).exclude(status__in=CLOSED_SHARE)
    return Coalesce(Subquery(unclosed.order_by().values("parent").annotate(n=Count("pk")).values("n")), 0)


def _viewer_role(user: User, assignment: Assignment) -> str | None:
    """The role the user's agency has on the assignment's task (lead or cooperating), or None: one query at most.

    Only the directive's own shares count: a unit holding a delegated share on the task reads nothing else of it.
    """
    if not user.is_authenticated or user.agency_id is None:
        return None
    if user.agency_id == assignment.agency_id:
        return assignment.role
    if assignment.parent_id is not None:
        return None
    mine = Assignment.objects.filter(task_id=assignment.task_id, agency_id=user.agency_id, parent__isnull=True)
    return mine.values_list("role", flat=True).first()


def _reads_everything(user: User, actors: frozenset[Actor]) -> bool:
    return user_sees_everything(user) or Actor.COORDINATOR in actors


def _can_view(user: User, assignment: Assignment, actors: frozenset[Actor], viewer_role: str | None) -> bool:
    """The assigned agency, its partner on the task, the directive's coordinator, leaders and admins.

    Need to know (DESIGN §11): the lead and the cooperating agencies of a task work on it together and read each
    other's assignment; agencies side by side on a task (both lead, or both cooperating) see each other's state and
    percent on their own page, not each other's reports or evidence.
    """
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if _reads_everything(user, actors):
        return True
    if user.agency_id is None:
        return False
    if user.agency_id == assignment.agency_id:
        return True
    # A delegated share: its unit and the agency that passed it down, besides those who read everything.
    if assignment.parent_id is not None:
        return user.agency_id == delegator_agency_id(assignment)
    return viewer_role is not None and viewer_role != assignment.role


def assignment_access(user: User, assignment: Assignment) -> AssignmentAccess:
    """What this user may do with this assignment (its task, group and directive loaded).

    It costs no query when the assignment came with `pending_extension_id` (tasks.selectors.assignment_get) and the
    user is of the assigned agency, the coordinator or a supervisor; one for anyone else, or without the annotation.
    """
    actors = _actors(user, assignment)
    reads_everything = user.is_authenticated and _reads_everything(user, actors)
    viewer_role = None if reads_everything else _viewer_role(user, assignment)
    can_view = _can_view(user, assignment, actors, viewer_role)
    return AssignmentAccess(
        assignment=assignment,
        actors=actors,
        can_view=can_view,
        is_own_agency=user.is_authenticated and user.agency_id is not None and user.agency_id == assignment.agency_id,
        pending_extension_id=pending_extension_id(assignment) if can_view else None,
        unclosed_shares=unclosed_share_count(assignment) if Actor.AGENCY in actors else 0,
        reads_every_sibling=reads_everything,
        viewer_role=viewer_role,
        viewer_agency_id=user.agency_id if user.is_authenticated else None,
    )
