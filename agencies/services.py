"""Writes of the agencies app: notifications to users."""

from collections.abc import Iterable

from django.db import transaction

from .models import Notification, User
from .text import nfc


@transaction.atomic
def notification_create(
    *, users: Iterable[User], kind: str, title: str, body: str = "", url: str = "", email_now: bool = False
) -> list[Notification]:
    """One in-app notice per active user; with email_now, each is also e-mailed once the transaction commits."""
    recipients = [user for user in dict.fromkeys(users) if user.is_active]
    notifications = Notification.objects.bulk_create(
        Notification(user=user, kind=kind, title=nfc(title), body=nfc(body), url=url) for user in recipients
    )
    if email_now and notifications:
        from .jobs import email_notifications

        ids = [notification.pk for notification in notifications]
        transaction.on_commit(lambda: email_notifications.delay(ids))
    return notifications
