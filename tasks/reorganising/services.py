"""Performing a reorganisation: one transaction that records the change and moves the open work."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from agencies.models import Agency, AgencyChange, User

from ..models import Assignment, ExtensionRequest, Subordinate
from .hooks import reorganisation_hooks
from .plan import Kind, Plan, Reorganisation, reorganisation_plan

BATCH_SIZE = 500


def _reason(*, user: User | None, request: Reorganisation) -> str:
    return _("Moved by %(user)s under decision %(number)s") % {
        "user": user.get_full_name() if user is not None else _("the system"),
        "number": request.decision_number,
    }


def _record_change(*, plan: Plan, user: User) -> AgencyChange:
    request = plan.request
    if request.new_successor is not None:
        request.new_successor.valid_from = request.effective_on
        request.new_successor._change_reason = _reason(user=user, request=request)
        request.new_successor.save()
    old = request.predecessors[0]
    change = AgencyChange.objects.create(
        kind=request.kind,
        decision_number=request.decision_number,
        decision_date=request.decision_date,
        issuer=request.issuer,
        effective_on=request.effective_on,
        main_successor=request.main,
        old_name=old.name if request.kind == Kind.RENAME else "",
        old_short_name=old.short_name if request.kind == Kind.RENAME else "",
        old_code=old.code if request.kind == Kind.RENAME else "",
        performed_by=user,
    )
    change.predecessors.set(request.predecessors)
    change.successors.set(request.predecessors if request.kind == Kind.RENAME else request.all_successors)
    return change


def _move_assignments(*, plan: Plan, user: User | None, reason: str) -> None:
    """One UPDATE per destination and batch (not a CASE per row), then one history row per assignment."""
    now = timezone.now()
    by_destination: dict[int, list[Assignment]] = {}
    for assignment, destination in plan.moves:
        assignment.agency = destination
        assignment.version += 1
        assignment.updated_at = now
        by_destination.setdefault(destination.pk, []).append(assignment)
    for destination_id, moved in by_destination.items():
        for start in range(0, len(moved), BATCH_SIZE):
            batch = [assignment.pk for assignment in moved[start : start + BATCH_SIZE]]
            Assignment.objects.filter(pk__in=batch).update(
                agency_id=destination_id, version=F("version") + 1, updated_at=now
            )
    Assignment.history.bulk_history_create(
        [assignment for assignment, _ in plan.moves],
        batch_size=BATCH_SIZE,
        update=True,
        default_user=user,
        default_change_reason=reason,
        default_date=now,
    )


def _join_assignments(*, plan: Plan, user: User, reason: str) -> None:
    """Close each duplicate into the assignment that stays on the task; it stays with its old agency."""
    now, closed, kept = timezone.now(), [], {}
    for duplicate, staying in plan.joins:
        duplicate.status = Assignment.Status.CANCELLED
        duplicate.status_note = _(
            "Joined into the assignment of %(agency)s on the same task (decision %(number)s)."
        ) % {
            "agency": staying.agency.name if staying.agency_id else "",
            "number": plan.request.decision_number,
        }
        duplicate.version += 1
        duplicate.updated_at = now
        closed.append(duplicate)
        if duplicate.role == Assignment.Role.LEAD and staying.role != Assignment.Role.LEAD:
            staying.role = Assignment.Role.LEAD
            staying.version += 1
            kept[staying.pk] = staying
    fields = ["status", "status_note", "version", "updated_at"]
    bulk_update_with_history(closed, Assignment, fields, default_user=user, default_change_reason=reason)
    bulk_update_with_history(
        list(kept.values()), Assignment, ["role", "version"], default_user=user, default_change_reason=reason
    )
    ExtensionRequest.objects.filter(
        assignment__in=[duplicate.pk for duplicate in closed], decision=ExtensionRequest.Decision.PENDING
    ).update(decision=ExtensionRequest.Decision.WITHDRAWN, decided_at=now, decision_note=reason)


def _move_users(*, plan: Plan, user: User, reason: str) -> None:
    request = plan.request
    for member in plan.users:
        if request.move_users:
            member.agency = request.main
        else:
            member.is_active = False
    field = "agency" if request.move_users else "is_active"
    bulk_update_with_history(plan.users, User, [field], default_user=user, default_change_reason=reason)


def _move_units(*, plan: Plan) -> None:
    """Who may pass work down to whom follows the change: a predecessor's units (its children and its delegation
    links, tasks.Subordinate) become the main successor's, and links to a predecessor as a unit point to it."""
    request = plan.request
    main = request.main
    if main is None:
        return
    old = [agency.pk for agency in request.predecessors if agency.pk != main.pk]
    Agency.objects.filter(parent_id__in=old).exclude(pk=main.pk).update(parent=main)
    for link in Subordinate.objects.filter(Q(agency_id__in=old) | Q(unit_id__in=old)):
        superior = main.pk if link.agency_id in old else link.agency_id
        unit = main.pk if link.unit_id in old else link.unit_id
        if superior != unit:
            Subordinate.objects.get_or_create(agency_id=superior, unit_id=unit)
        link.delete()


def _close_predecessors(*, plan: Plan, user: User, reason: str) -> None:
    request = plan.request
    for agency in request.predecessors:
        if request.kind == Kind.RENAME:
            agency.name = request.new_name.strip()
            agency.short_name = request.new_short_name.strip()
            agency.code = request.new_code.strip() or agency.code
        else:
            agency.valid_to = request.effective_on - timedelta(days=1)
            agency.is_active = False
        agency._change_reason = reason
        agency.save()


@transaction.atomic
def agencies_reorganise(*, request: Reorganisation, user: User | None) -> AgencyChange:
    """Check the request again, then record the change and move everything that moves, all or nothing."""
    # Lock the agencies concerned, so two admins cannot reorganise the same agency at once.
    locked = Agency.objects.select_for_update().filter(pk__in=[a.pk for a in request.predecessors])
    request.predecessors = list(locked.order_by("sort_order", "name"))
    plan = reorganisation_plan(request=request)
    reason = _reason(user=user, request=request)
    change = _record_change(plan=plan, user=user)
    _move_assignments(plan=plan, user=user, reason=reason)
    _join_assignments(plan=plan, user=user, reason=reason)
    if request.kind != Kind.RENAME:
        _move_users(plan=plan, user=user, reason=reason)
        _move_units(plan=plan)
    _close_predecessors(plan=plan, user=user, reason=reason)
    summary = {
        "moved": len(plan.moves),
        "joined": len(plan.joins),
        "closed_kept": plan.closed_count,
        "pending_extensions": plan.pending_extensions,
        "users": len(plan.users),
        "users_moved": request.move_users,
    }
    for hook in reorganisation_hooks():
        summary.update(hook.apply(plan, change))
    change.summary = summary
    change.save(update_fields=["summary"])
    return change
