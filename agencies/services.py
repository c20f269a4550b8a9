"""Writes of the agencies app: notifications to users."""

from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from .jobs import email_notifications
from .models import Agency, Notification, User
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
        ids = [notification.pk for notification in notifications]
        transaction.on_commit(lambda: email_notifications.delay(ids))
    return notifications


def notification_bulk_create(*, notices: Iterable[tuple[Iterable[int], str, str, str, str]]) -> int:
    """In-app notices for the reminder scan, from (user_ids, kind, title, body, url); no e-mail here.

    Callers pass only active users; the daily digest e-mails what these rows say. A normal day writes tens
    of thousands of rows, so they go in as multi-row INSERTs of a few thousand rows each: the ORM's
    bulk_create spends most of its time preparing each value and SQLite's default splits it every 999 values.
    """
    created_at = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = []
    for user_ids, kind, title, body, url in notices:
        title, body = nfc(title)[:300], nfc(body)
        rows.extend((user_id, kind, title, body, url, created_at) for user_id in user_ids)
    if not rows:
        return 0
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in ("user_id", "kind", "title", "body", "url", "created_at"))
    head = f"INSERT INTO {quote(Notification._meta.db_table)} ({columns}) VALUES "  # noqa: S608  (no user input)
    batch = _insert_batch_size(columns=6)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            part = rows[start : start + batch]
            cursor.execute(head + ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(part)), [v for row in part for v in row])
    return len(rows)


def _insert_batch_size(*, columns: int) -> int:
    limit = 30000
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        limit = min(limit, connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return max(1, limit // columns)


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


@transaction.atomic
def agency_update_document_settings(*, agency: Agency, parent_body: str, signers_formset) -> Agency:
    """Save the parent body printed above the agency's name and its signers (a bound, valid formset)."""
    agency.parent_body = nfc(parent_body).strip().upper()
    agency.save(update_fields=["parent_body", "search_text"])
    signers_formset.instance = agency
    signers_formset.save()
    return agency
