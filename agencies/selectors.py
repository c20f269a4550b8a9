"""Reads of the agencies app: a user's notifications."""

from django.db.models import QuerySet

from .models import Notification, User


def notification_list(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(user=user).order_by("-created_at", "-pk")
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
