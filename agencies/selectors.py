"""Reads of the agencies app: who works for an agency, a user's notifications."""

from collections.abc import Iterable
from datetime import date

from django.db.models import QuerySet

from .models import Agency, AgencyChange, Notification, Signer, User


def active_agencies() -> QuerySet[Agency]:
    """Agencies that exist today, in their usual order: what a form offers to choose from."""
    return Agency.objects.filter(is_active=True)


def agency_members(*, agency_ids: Iterable[int]) -> QuerySet[User]:
    """The active staff and managers of these agencies: who is told about the agencies' work."""
    return User.objects.filter(agency_id__in=list(agency_ids), is_active=True, role__in=User.AGENCY_ROLES)


def notification_list(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(user=user).order_by("-created_at", "-pk")
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def agency_signers(*, agency_id: int) -> QuerySet[Signer]:
    """The agency's active signers, the head first: what the issue form offers."""
    return Signer.objects.filter(agency_id=agency_id, is_active=True).order_by("-is_head", "sort_order", "name")


def head_signer(*, agency_id: int) -> Signer | None:
    return Signer.objects.filter(agency_id=agency_id, is_active=True, is_head=True).order_by("sort_order").first()


def agency_get(*, agency_id: int) -> Agency | None:
    return Agency.objects.filter(pk=agency_id).first()


def agency_successors_on(day: date) -> dict[int, int]:
    """Each agency merged, split or dissolved away by `day` → the agency that carries its figures then (one query).

    Chains are followed (A → B on 1/7, B → C on 1/9 gives A → C from 1/9); a rename keeps the agency itself.
    """
    links = (
        AgencyChange.objects.filter(effective_on__lte=day, main_successor__isnull=False)
        .order_by("effective_on", "pk")
        .values_list("predecessors__id", "main_successor_id")
    )
    direct = {before: after for before, after in links if before is not None and before != after}
    resolved = {}
    for start in direct:
        seen, current = {start}, direct[start]
        while current in direct and direct[current] not in seen:
            seen.add(current)
            current = direct[current]
        resolved[start] = current
    return resolved


def agency_names_on(day: date, *, agency_ids: Iterable[int]) -> dict[int, str]:
    """The name each agency had on `day`: today's name unless a later rename replaced it (two queries)."""
    agency_ids = list(agency_ids)
    names = dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "name"))
    renames = (
        AgencyChange.objects.filter(kind=AgencyChange.Kind.RENAME, effective_on__gt=day, predecessors__in=agency_ids)
        .order_by("-effective_on", "-pk")
        .values_list("predecessors__id", "old_name")
    )
    # Newest first, so the earliest rename after the day (the name it had then) is written last.
    for agency_id, old_name in renames:
        names[agency_id] = old_name
    return names


def agency_name_on(agency: Agency, day: date) -> str:
    """The name the agency had on `day` (one query): the page of a past period's report shows that name."""
    old_name = (
        AgencyChange.objects.filter(kind=AgencyChange.Kind.RENAME, effective_on__gt=day, predecessors=agency)
        .order_by("effective_on", "pk")
        .values_list("old_name", flat=True)
        .first()
    )
    return old_name or agency.name
