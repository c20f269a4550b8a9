"""The import of a scan: its progress while the OCR job reads it, then its text on the import page, editable."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from directives.importing.errors import OCR_MESSAGES
from directives.models import DirectiveScan
from directives.permissions import user_can_import_directive

from .forms import DirectiveImportSourceForm

PANEL = "tasks/_scan_panel.html"


def _scan(request: HttpRequest, pk: int) -> DirectiveScan:
    if not user_can_import_directive(request.user):
        raise PermissionDenied
    scan = DirectiveScan.objects.filter(pk=pk, created_by=request.user).first()
    if scan is None:
        raise Http404
    return scan


def scan_context(scan: DirectiveScan) -> dict:
    pending = scan.status == DirectiveScan.Status.PENDING
    return {
        "scan": scan,
        "pending": pending,
        "page": min(scan.pages_done + 1, scan.pages_total),
        "percent": round(100 * scan.pages_done / max(scan.pages_total, 1)),
        "error": str(OCR_MESSAGES.get(scan.error, OCR_MESSAGES["unreadable"])) if scan.error else "",
        "status_url": reverse("tasks:directive_import_scan_status", args=[scan.pk]),
    }


@login_required
def directive_import_scan(request: HttpRequest, pk: int) -> HttpResponse:
    """While the scan is read, its progress; then the import form holding the text read, to correct and send."""
    scan = _scan(request, pk)
    if scan.status == DirectiveScan.Status.DONE:
        form = DirectiveImportSourceForm(initial={"text": scan.text, "group_level": scan.group_level})
    else:
        form = DirectiveImportSourceForm(initial={"group_level": scan.group_level})
    return render(request, "tasks/directive_import.html", {"form": form, "ocr": scan_context(scan)})


@login_required
def directive_import_scan_status(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, PANEL, {"ocr": scan_context(_scan(request, pk))})
