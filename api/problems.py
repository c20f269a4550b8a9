"""Errors as problem documents (RFC 9457): a stable `code`, a Vietnamese `title` and `detail`, field `errors`.

Every refusal of the API passes through `problem_handler` (REST_FRAMEWORK's EXCEPTION_HANDLER): DRF's own
exceptions, the services' ValidationError (the same message the page shows) and a missing object (404).
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: _("The request is not valid."),
    401: _("Sign in or send a valid API token."),
    403: _("You may not do this."),
    404: _("Not found, or you may not see it."),
    405: _("This method is not allowed here."),
    406: _("This format cannot be returned."),
    409: _("Someone else changed it first."),
    413: _("The request is too large."),
    415: _("This content type is not accepted."),
    429: _("Too many requests: wait a little and try again."),
}


# DRF's own wording replaced by ours, so every refusal reads in Vietnamese (DRF's catalogue lacks some).
DETAILS = {
    "not_authenticated": _("No API token or session was sent."),
    "authentication_failed": _("The API token is not valid, has expired or was revoked."),
    "permission_denied": _("You may not do this."),
    "not_found": _("Not found, or you may not see it."),
    "method_not_allowed": _("This method is not allowed here."),
    "not_acceptable": _("This format cannot be returned."),
    "unsupported_media_type": _("Send JSON (application/json) or, with files, multipart/form-data."),
    "parse_error": _("The body is not valid JSON or form data."),
    "throttled": _("Too many requests: wait a little and try again."),
}


def _detail(exc: exceptions.APIException):
    """Our message for DRF's stock ones; a message of our own (a service's, the policy's) is kept."""
    code = _code(exc)
    stock = isinstance(exc.detail, str) and (exc.detail == str(exc.default_detail) or code == "parse_error")
    if code in DETAILS and (stock or code in {"method_not_allowed", "unsupported_media_type", "throttled"}):
        return str(DETAILS[code])
    return _flatten(exc.detail)


def _flatten(detail) -> dict | list | str:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def _from_django(error: DjangoValidationError) -> exceptions.APIException:
    """A service's refusal: 409 for a stale version, 403 for who may not, 400 for the rest."""
    codes = {getattr(item, "code", None) for item in error.error_list} if hasattr(error, "error_list") else set()
    if hasattr(error, "error_dict"):
        detail = {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
        codes = {item.code for items in error.error_dict.values() for item in items}
        detail = {("non_field_errors" if key == "__all__" else key): value for key, value in detail.items()}
    else:
        detail = {"non_field_errors": [str(m) for m in error.messages]}
    if "stale" in codes:
        exc = exceptions.APIException(detail)
        exc.status_code, exc.default_code = status.HTTP_409_CONFLICT, "stale_version"
        return exc
    if "forbidden" in codes:
        return exceptions.PermissionDenied(detail)
    exc = exceptions.ValidationError(detail)
    exc.default_code = sorted(code for code in codes if code)[0] if any(codes) else "invalid"
    return exc


def _code(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return getattr(exc, "default_code", "invalid")
    return str(exc.default_code)


def problem_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = _from_django(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    return problem_response(response.status_code, exc, headers=response.headers)


def problem_response(status_code: int, exc: exceptions.APIException, headers=None) -> Response:
    title = str(TITLES.get(status_code, TITLES[400]))
    body = {"type": "about:blank", "title": title, "status": status_code, "code": _code(exc)}
    detail = _detail(exc)
    if isinstance(detail, dict):
        body["errors"] = detail
        first = next(iter(detail.values()), title)
        while isinstance(first, list | dict):
            first = (list(first.values()) if isinstance(first, dict) else first or [title])[0]
        body["detail"] = str(first)
    elif isinstance(detail, list):
        body["errors"] = {"non_field_errors": detail}
        body["detail"] = detail[0] if detail else title
    else:
        body["detail"] = detail
    response = Response(body, status=status_code, content_type=CONTENT_TYPE)
    for name in ("WWW-Authenticate", "Retry-After", "Allow"):
        if headers and name in headers:
            response[name] = headers[name]
    return response
