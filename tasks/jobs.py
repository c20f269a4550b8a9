"""Celery jobs of the tasks app: the daily reminder scan and the daily digest e-mails."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from .services import digest_send, reminder_daily_run


@shared_task
def daily_reminders(day: str | None = None) -> dict[str, int]:
    """Beat runs this once a day; a rerun, a retry or a second worker sends nothing twice (ledgers)."""
    today = date.fromisoformat(day) if day else timezone.localdate()
    return reminder_daily_run(today=today)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=3600, max_retries=8)
def send_digest(self, user_id: int, day: str) -> int:
    """One user's digest of one day; SMTP errors (OSError) are retried with back-off, nothing marked sent."""
    return digest_send(user_id=user_id, day=date.fromisoformat(day))
