"""Site-wide pages that are not an app's: the refused-CSRF page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token (an expired page, cookies off): say so, keep nothing secret."""
    return render(request, "403_csrf.html", status=403)
