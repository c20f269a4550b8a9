"""Webhooks written: checking a receiver's address, recording events for each subscriber, delivering one signed.

Each event becomes one WebhookDelivery per subscribed endpoint (unique per endpoint and event key), enqueued on
commit; api.jobs.deliver_webhook sends it, signed `X-Dondoc-Signature: sha256=<HMAC-SHA256 of the body>`, and
retries with back-off until DONDOC_WEBHOOK_ATTEMPTS, then logs it failed. An admin can replay a delivery.
"""

import hashlib
import hmac
import ipaddress
import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import WebhookDelivery, WebhookEndpoint, WebhookEvent

SCHEME = _("A webhook address must start with http:// or https://.")
SELF = _("A webhook address cannot point at this server itself.")
LOOPBACK = _("A webhook address cannot point at a loopback or private network address.")
UNKNOWN_EVENT = _("Unknown event: %(event)s.")
SIGNATURE_HEADER = "X-Dondoc-Signature"


def _is_internal(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host == "localhost" or host.endswith(".localhost")
    return address.is_loopback or address.is_private or address.is_link_local or address.is_unspecified


def _port(parts) -> int:
    return parts.port or (443 if parts.scheme == "https" else 80)


def _refuse(message, code: str) -> ValidationError:
    return ValidationError({"url": ValidationError(message, code=code)})


def webhook_url_check(url: str) -> str:
    """http or https only; never this site (its SITE_URL or ALLOWED_HOSTS names at its port), nor loopback and
    private addresses unless DONDOC_WEBHOOK_ALLOW_INTERNAL (tests; a province whose receivers are on its network)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _refuse(SCHEME, "scheme")
    site = urlsplit(settings.SITE_URL)
    names = {site.hostname, *settings.ALLOWED_HOSTS}
    if parts.hostname in names and _port(parts) == _port(site):
        raise _refuse(SELF, "self")
    if _is_internal(parts.hostname) and not settings.DONDOC_WEBHOOK_ALLOW_INTERNAL:
        raise _refuse(LOOPBACK, "internal")
    return url.strip()


@transaction.atomic
def webhook_endpoint_create(*, name: str, url: str, secret: str, events: list[str]) -> WebhookEndpoint:
    unknown = sorted(set(events) - set(WebhookEvent.values))
    if unknown:
        message = UNKNOWN_EVENT % {"event": ", ".join(unknown)}
        raise ValidationError({"events": ValidationError(message, code="event")})
    return WebhookEndpoint.objects.create(name=name, url=webhook_url_check(url), secret=secret, events=events)


def webhook_event_emit(*, event: str, key: str, data: dict) -> None:
    """One delivery per active endpoint subscribed to the event, sent after the change commits."""
    endpoints = [e for e in WebhookEndpoint.objects.filter(is_active=True) if event in e.events]
    if not endpoints:
        return
    payload = {"event": event, "occurred_at": timezone.now().isoformat(), "data": data}
    payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(endpoint=e, event=event, key=key, payload=payload) for e in endpoints],
        ignore_conflicts=True,
    )
    transaction.on_commit(lambda: _enqueue(key, [e.pk for e in endpoints]))


def _enqueue(key: str, endpoint_ids: list[int]) -> None:
    """The deliveries of this event not yet tried (a repeat of the event finds them tried, or sent)."""
    from .jobs import deliver_webhook

    waiting = WebhookDelivery.objects.filter(
        key=key, endpoint_id__in=endpoint_ids, status=WebhookDelivery.Status.PENDING, attempts=0
    )
    for delivery_id in waiting.values_list("pk", flat=True):
        deliver_webhook.delay(delivery_id)


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    body = json.dumps(delivery.payload, ensure_ascii=False).encode()
    request = urllib.request.Request(  # noqa: S310  (the scheme is checked: http or https only)
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Dondoc-Webhook/1",
            "X-Dondoc-Event": delivery.event,
            "X-Dondoc-Delivery": str(delivery.pk),
            SIGNATURE_HEADER: signature(delivery.endpoint.secret, body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.DONDOC_WEBHOOK_TIMEOUT) as answer:  # noqa: S310
            return answer.status, ""
    except urllib.error.HTTPError as error:
        return error.code, str(error)[:500]
    except (urllib.error.URLError, OSError) as error:
        return None, str(error)[:500]


def webhook_delivery_attempt(*, delivery_id: int) -> bool | None:
    """One attempt. True: delivered; False: failed for good; None: try again later. Claimed first, so a job
    run twice (a broker's redelivery) never sends twice: only the claim's winner sends."""
    claimed = WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING).update(
        status=WebhookDelivery.Status.SENDING
    )
    if not claimed:
        return True
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    code, error = _post(delivery)
    delivery.attempts += 1
    delivery.last_status_code = code
    delivery.last_error = error
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at = WebhookDelivery.Status.DELIVERED, timezone.now()
    elif delivery.attempts >= settings.DONDOC_WEBHOOK_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
    else:
        delivery.status = WebhookDelivery.Status.PENDING
    delivery.save(update_fields=["attempts", "last_status_code", "last_error", "status", "delivered_at"])
    if delivery.status == WebhookDelivery.Status.PENDING:
        return None
    return delivery.status == WebhookDelivery.Status.DELIVERED


@transaction.atomic
def webhook_delivery_replay(*, delivery: WebhookDelivery) -> None:
    """Send a delivery again (an admin's choice, after fixing the receiver): a fresh round of attempts."""
    from .jobs import deliver_webhook

    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=WebhookDelivery.Status.PENDING, attempts=0)
    transaction.on_commit(lambda: deliver_webhook.delay(delivery.pk))
