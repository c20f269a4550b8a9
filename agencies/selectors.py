"""Reads of the agencies app: who works for an agency, a user's notifications."""

from collections.abc import Iterable

from django.db.models import QuerySet

from .models import Agency, Notification, Signer, User


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
