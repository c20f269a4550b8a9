"""Template context for every page: the signed-in user's unread notification count, one query at most."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import notification_unread_count


def notifications(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        # Cached on the request: the navbar may show it twice, a page may render more than one template.
        if not hasattr(request, "_unread_notification_count"):
            request._unread_notification_count = notification_unread_count(user=user)
        return request._unread_notification_count

    # Lazy: a response that never shows the navbar costs no query.
    return {"unread_notification_count": SimpleLazyObject(count)}
