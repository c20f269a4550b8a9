"""Reads the API needs beyond the pages' selectors: each does its own joins, so a list costs fixed queries."""

from django.db.models import QuerySet

from agencies.models import User
from tasks.models import Assignment, ExtensionRequest, ProgressUpdate

from .models import ApiToken, WebhookDelivery, WebhookEndpoint


def assignment_updates(*, assignment: Assignment) -> QuerySet[ProgressUpdate]:
    """The assignment's progress updates, newest first, with their authors and evidence metadata."""
    updates = assignment.updates.select_related("author").prefetch_related("evidence")
    return updates.order_by("-created_at", "-pk")


def assignment_extension_requests(*, assignment: Assignment) -> QuerySet[ExtensionRequest]:
    requests = assignment.extension_requests.select_related("requested_by", "decided_by")
    return requests.order_by("-requested_at", "-pk")


def user_tokens(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def user_token_get(*, user: User, token_id: int) -> ApiToken:
    return ApiToken.objects.get(user=user, pk=token_id)


def webhook_endpoints() -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.order_by("name", "pk")


def webhook_deliveries(*, endpoint_id: int | None = None) -> QuerySet[WebhookDelivery]:
    deliveries = WebhookDelivery.objects.select_related("endpoint").order_by("-created_at", "-pk")
    return deliveries if endpoint_id is None else deliveries.filter(endpoint_id=endpoint_id)
