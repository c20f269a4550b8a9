"""What every endpoint shares: pagination, refusing unknown query parameters, and the per-token throttle."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination, throttling

UNKNOWN_PARAMETER = _("Unknown query parameter: %(name)s.")
UNKNOWN_ORDERING = _("Cannot order by %(name)s; choose one of: %(choices)s.")
PAGE_PARAMETERS = {"page", "page_size", "format"}


class Pagination(pagination.PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_page_message = _("This page does not exist: the list has fewer pages.")


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """One budget per API token (or per signed-in user for the browser's session), DONDOC_API_RATE."""

    scope = "token"

    def get_rate(self):
        return settings.DONDOC_API_RATE

    def get_cache_key(self, request, view):
        if request.auth is not None and hasattr(request.auth, "pk"):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def check_parameters(request, allowed: set[str]) -> None:
    """A filter the endpoint does not know is an error, not silently ignored (the client would trust it)."""
    unknown = sorted(set(request.query_params) - allowed - PAGE_PARAMETERS - {"ordering"})
    if unknown:
        raise exceptions.ValidationError({name: [UNKNOWN_PARAMETER % {"name": name}] for name in unknown})


def ordered(queryset, request, choices: dict[str, tuple[str, ...]]):
    """`?ordering=deadline` or `-deadline`, among the named choices; absent, the selector's own order."""
    value = request.query_params.get("ordering")
    if not value:
        return queryset
    name = value.removeprefix("-")
    if name not in choices:
        message = UNKNOWN_ORDERING % {"name": value, "choices": ", ".join(sorted(choices))}
        raise exceptions.ValidationError({"ordering": [message]})
    fields = choices[name]
    if value.startswith("-"):
        fields = tuple(f"-{field}" for field in fields)
    return queryset.order_by(*fields, "pk")
