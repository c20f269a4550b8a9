"""Celery jobs of the exchange: delivering one webhook. Takes an id, re-fetches, is idempotent (see the claim in
api.webhooks.webhook_delivery_attempt); a failed attempt schedules the next with exponential back-off."""

from celery import shared_task
from django.conf import settings

from .webhooks import webhook_delivery_attempt


@shared_task(name="api.deliver_webhook")
def deliver_webhook(delivery_id: int, attempt: int = 1) -> None:
    if webhook_delivery_attempt(delivery_id=delivery_id) is None:
        delay = settings.DONDOC_WEBHOOK_BACKOFF_SECONDS * 2 ** (attempt - 1)
        deliver_webhook.apply_async((delivery_id, attempt + 1), countdown=delay)
