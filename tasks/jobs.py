"""Celery jobs of the tasks app: the daily reminder scan and the daily digest e-mails.

Jobs call the reminder modules; nothing there imports this module back.
"""

from datetime import date
from functools import partial

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .list_order import repair_list_order
from .models import Assignment
from .reminders.digest import digest_pending_user_ids, digest_send
from .reminders.scan import reminder_scan_run


@shared_task
def daily_reminders(day: str | None = None) -> dict[str, int]:
    """Beat runs this once a day; a rerun, a retry or a second worker sends nothing twice (ledgers).

    So the broker may deliver it again (a worker killed mid-run, Redis restarted before its ack): the scan
    skips what the ledger holds and only users without a sent digest of the day get a digest job.
    """
    today = date.fromisoformat(day) if day else timezone.localdate()
    return reminder_daily_run(today=today)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=3600, max_retries=8)
def send_digest(self, user_id: int, day: str) -> int:
    """One user's digest of one day; SMTP errors (OSError) are retried with back-off, nothing marked sent."""
    return digest_send(user_id=user_id, day=date.fromisoformat(day))


def reminder_daily_run(*, today: date) -> dict[str, int]:
    """The daily job's work: the scan, then one digest job per user with something to read, enqueued on commit."""
    scan = reminder_scan_run(today=today)
    with transaction.atomic():
        user_ids = digest_pending_user_ids(day=today)
        for user_id in user_ids:
            transaction.on_commit(partial(send_digest.delay, user_id, today.isoformat()))
    # The lists' copied sort keys, mended where something wrote around their hooks (tasks.list_order).
    repaired = repair_list_order(Assignment.objects.all())
    return {
        "reminders": scan.reminders,
        "notifications": scan.notifications,
        "digests": len(user_ids),
        "list_order_repaired": repaired,
    }
