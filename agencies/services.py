"""Writes of the agencies app: notifications to users."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

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


def notification_bulk_create(*, rows: Iterable[tuple[int, str, str, str, str]]) -> int:
    """In-app notices from (user_id, kind, title, body, url) rows, for the reminder scan; no e-mail here.

    Callers pass only active users; the daily digest e-mails what these rows say.
    """
    notifications = [
        Notification(user_id=user_id, kind=kind, title=nfc(title)[:300], body=nfc(body), url=url)
        for user_id, kind, title, body, url in rows
    ]
    Notification.objects.bulk_create(notifications, batch_size=2000)
    return len(notifications)


@transaction.atomic
def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    """Mark one of the user's own notices read; another user's notice is not found."""
    notification = Notification.objects.select_for_update().get(pk=notification_id, user=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def user_update_notification_settings(*, user: User, receives_daily_digest: bool) -> User:
    user.receives_daily_digest = receives_daily_digest
    user.save(update_fields=["receives_daily_digest"])
    return user
