"""Template context for every page: how many items wait in the signed-in user's inbox, for the menu."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .inbox import request_inbox_total


def inbox(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: a response that never shows the menu costs no query.
    return {"inbox_total": SimpleLazyObject(lambda: request_inbox_total(request))}
