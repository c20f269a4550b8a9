"""The consolidated report as PDF: asked for on the page, made by a Celery job, its progress polled, then served."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..documents.pdf import pdf_available
from ..errors import Errors
from ..exports import consolidated_file_stem
from ..models import ConsolidatedReport, PdfStatus
from ..permissions import consolidated_report_access
from ..selectors.consolidated import consolidated_get
from ..services.pdf import consolidated_pdf_request, pdf_error_message, pdf_is_current
from .helpers import file_response, period_or_404

PDF = "application/pdf"


def pdf_context(report: ConsolidatedReport) -> dict:
    current = pdf_is_current(report)
    return {
        "available": pdf_available(),
        "unavailable_message": Errors.PDF_UNAVAILABLE,
        "ready": current,
        "pending": report.pdf_status == PdfStatus.PENDING and not current,
        "error": pdf_error_message(report),
    }


def _downloadable(request: HttpRequest, pk: int):
    period = period_or_404(pk)
    report = consolidated_get(period=period)
    access = consolidated_report_access(request.user, period=period, report=report)
    if not access.may_view or not access.may_download:
        raise Http404
    return period, report


@login_required
@require_POST
def consolidated_pdf_make(request: HttpRequest, pk: int) -> HttpResponse:
    period, report = _downloadable(request, pk)
    consolidated_pdf_request(report=report)
    return redirect("reports:consolidated", pk=period.pk)


@login_required
def consolidated_pdf_status(request: HttpRequest, pk: int) -> HttpResponse:
    period, report = _downloadable(request, pk)
    context = {"period": period, "pdf": pdf_context(report)}
    return render(request, "reports/_consolidated_pdf.html", context)


@login_required
def consolidated_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    _period, report = _downloadable(request, pk)
    if not pdf_is_current(report):
        raise Http404
    with report.pdf.open("rb") as handle:
        return file_response(handle.read(), PDF, f"{consolidated_file_stem(report)}.pdf")
