"""What a reorganisation would do, worked out and checked before anything is written (the preview shows it)."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError

from agencies.models import Agency, AgencyChange, User

from ..models import Assignment, ExtensionRequest
from ..workflow.table import CLOSED
from . import errors
from .hooks import reorganisation_hooks

Kind = AgencyChange.Kind


@dataclass
class Reorganisation:
    """The admin's request: which change, to which agencies, under which decision."""

    kind: str
    predecessors: list[Agency]
    decision_number: str
    decision_date: date
    issuer: str
    effective_on: date
    # Existing successors; a merge or a dissolution may instead name a new agency (new_successor, not saved yet).
    successors: list[Agency] = field(default_factory=list)
    new_successor: Agency | None = None
    main_successor: Agency | None = None
    # A split: assignment id → the successor agency id that takes it.
    destinations: dict[int, int] = field(default_factory=dict)
    move_users: bool = True
    # A rename.
    new_name: str = ""
    new_short_name: str = ""
    new_code: str = ""

    @property
    def all_successors(self) -> list[Agency]:
        return [*self.successors, *([self.new_successor] if self.new_successor is not None else [])]

    @property
    def main(self) -> Agency | None:
        """The successor that takes the users, the unsent reports and the figures of closed work."""
        if self.kind == Kind.RENAME:
            return None
        successors = self.all_successors
        return self.main_successor or (successors[0] if successors else None)


@dataclass
class Plan:
    request: Reorganisation
    moves: list[tuple[Assignment, Agency]]  # open assignments and the agency each goes to
    # An open assignment whose destination already carries the task: it is closed into the one that stays.
    joins: list[tuple[Assignment, Assignment]]
    closed_count: int
    pending_extensions: int
    users: list[User]
    extras: list[tuple[str, int]] = field(default_factory=list)  # what the hooks would move


def _error(message, **params) -> ValidationError:
    return ValidationError(message % params if params else message)


def _check_predecessors(request: Reorganisation) -> None:
    if not request.predecessors:
        raise _error(errors.NO_PREDECESSOR)
    if request.kind != Kind.MERGE and len(request.predecessors) != 1:
        raise _error(errors.ONE_PREDECESSOR)
    for agency in request.predecessors:
        if agency.is_dissolved:
            raise _error(errors.PREDECESSOR_GONE, agency=agency.name, date=f"{agency.valid_to:%d/%m/%Y}")
    if request.effective_on < request.decision_date:
        raise _error(errors.DATES_ORDER)


def _check_successor_count(request: Reorganisation) -> None:
    count = len(request.all_successors)
    if request.kind == Kind.MERGE and count == 0:
        raise _error(errors.NO_SUCCESSOR)
    if request.kind in (Kind.MERGE, Kind.DISSOLVE) and count > 1:
        raise _error(errors.ONE_SUCCESSOR)
    if request.kind == Kind.SPLIT and count < 2:
        raise _error(errors.TWO_SUCCESSORS)
    if request.main_successor is not None and request.main_successor not in request.all_successors:
        raise _error(errors.MAIN_SUCCESSOR)


def _ancestors(agency_ids: set[int]) -> set[int]:
    """Every agency the given ones came from, through recorded changes (one query, walked in memory)."""
    came_from: dict[int, set[int]] = {}
    links = AgencyChange.objects.exclude(kind=Kind.RENAME).values_list("successors__id", "predecessors__id")
    for after, before in links:
        if after is not None and before is not None:
            came_from.setdefault(after, set()).add(before)
    seen, todo = set(), list(agency_ids)
    while todo:
        for before in came_from.get(todo.pop(), ()):
            if before not in seen:
                seen.add(before)
                todo.append(before)
    return seen


def _check_successors(request: Reorganisation) -> None:
    _check_successor_count(request)
    predecessor_ids = {agency.pk for agency in request.predecessors}
    for agency in request.successors:
        if agency.pk in predecessor_ids:
            raise _error(errors.INTO_ITSELF, agency=agency.name)
        if agency.is_dissolved:
            raise _error(errors.SUCCESSOR_GONE, agency=agency.name, date=f"{agency.valid_to:%d/%m/%Y}")
    # A successor that the predecessors themselves came from would close a loop: A → C, then C → A.
    ancestors = _ancestors(predecessor_ids) if request.successors else set()
    for agency in request.successors:
        if agency.pk in ancestors:
            raise _error(errors.CYCLE, successor=request.predecessors[0].name, agency=agency.name)


def _check_names(*, name: str, code: str, short_name: str = "", exclude: Agency | None = None) -> None:
    others = Agency.objects.exclude(pk=exclude.pk) if exclude is not None and exclude.pk else Agency.objects.all()
    if name and others.filter(name=name).exists():
        raise _error(errors.NAME_TAKEN, name=name)
    if code and others.filter(code=code).exists():
        raise _error(errors.CODE_TAKEN, code=code)


def _check_rename(request: Reorganisation) -> None:
    if not request.new_name.strip():
        raise _error(errors.NEW_NAME_NEEDED)
    _check_names(name=request.new_name.strip(), code=request.new_code.strip(), exclude=request.predecessors[0])


def open_assignments(request: Reorganisation) -> list[Assignment]:
    return list(
        Assignment.objects.filter(agency__in=request.predecessors)
        .exclude(status__in=CLOSED)
        .select_related("task__group__directive", "agency")
        # The preview names the directive and the task; the documents' own texts are not read 10,000 times.
        .defer(
            "task__search_text",
            "task__group__text",
            "task__group__directive__body",
            "task__group__directive__subject",
            "task__group__directive__search_text",
            "agency__search_text",
        )
        .order_by("task__group__directive_id", "task__group__number", "task__number", "pk")
    )


def _destination(request: Reorganisation, assignment: Assignment, by_id: dict[int, Agency]) -> Agency:
    if request.kind != Kind.SPLIT:
        return request.main
    chosen = request.destinations.get(assignment.pk)
    if chosen is None:
        raise _error(errors.NO_DESTINATION, task=assignment.task.code, agency=assignment.agency.name)
    if chosen not in by_id:
        raise _error(errors.BAD_DESTINATION, task=assignment.task.code)
    return by_id[chosen]


def _route(request: Reorganisation, open_work: list[Assignment]) -> tuple[list, list]:
    """Where each open assignment goes; one that meets the same task already at its destination joins that one."""
    if request.kind == Kind.RENAME:
        return [], []
    if open_work and request.main is None:
        agency = request.predecessors[0]
        raise _error(errors.OPEN_WORK_NO_SUCCESSOR, agency=agency.name, count=len(open_work))
    by_id = {agency.pk: agency for agency in request.successors}
    routed = [(assignment, _destination(request, assignment, by_id)) for assignment in open_work]
    existing = {
        (row.task_id, row.agency_id): row
        for row in Assignment.objects.select_related("agency").filter(
            agency__in=request.successors,
            task__in=Assignment.objects.filter(agency__in=request.predecessors).values("task_id"),
        )
    }
    # Lead work first, so the assignment that stays on a task carries the lead role when either had it.
    routed.sort(key=lambda pair: (pair[0].role != Assignment.Role.LEAD, pair[0].pk))
    moves, joins = [], []
    for assignment, destination in routed:
        key = (assignment.task_id, destination.pk)
        if key in existing:
            joins.append((assignment, existing[key]))
        else:
            existing[key] = assignment
            moves.append((assignment, destination))
    return moves, joins


def reorganisation_plan(*, request: Reorganisation) -> Plan:
    """Check the request and work out what would move; raises ValidationError (in Vietnamese), writes nothing."""
    _check_predecessors(request)
    if request.kind == Kind.RENAME:
        _check_rename(request)
    else:
        _check_successors(request)
    if request.new_successor is not None:
        _check_names(name=request.new_successor.name, code=request.new_successor.code)
    if request.main is None:
        request.move_users = False  # nowhere to move them: a dissolution without successor deactivates its users
    open_work = open_assignments(request)
    moves, joins = _route(request, open_work)
    plan = Plan(
        request=request,
        moves=moves,
        joins=joins,
        closed_count=Assignment.objects.filter(agency__in=request.predecessors, status__in=CLOSED).count(),
        pending_extensions=ExtensionRequest.objects.filter(
            assignment__agency__in=request.predecessors, decision=ExtensionRequest.Decision.PENDING
        )
        .exclude(assignment__status__in=CLOSED)
        .count(),
        users=[]
        if request.kind == Kind.RENAME
        else list(User.objects.filter(agency__in=request.predecessors, is_active=True).order_by("username")),
    )
    plan.extras = [line for hook in reorganisation_hooks() for line in hook.preview(plan)]
    return plan
