"""Celery jobs of the agencies app: e-mail delivery of notifications."""

from celery import shared_task

from .mail import notifications_email


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=3600, max_retries=8)
def email_notifications(self, notification_ids: list[int]) -> int:
    """E-mail each notification not yet e-mailed; SMTP errors (OSError) are retried with back-off."""
    return notifications_email(notification_ids=notification_ids)
