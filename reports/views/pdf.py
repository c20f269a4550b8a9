"""Reports as PDF: asked for on the page, made by a Celery job, its progress polled, then served.

The consolidated report's PDF is made from its current text; an agency report's from its latest submission.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..documents.pdf import pdf_available
from ..errors import Errors
from ..exports import agency_report_filename, consolidated_file_stem
from ..models import PdfStatus
from ..permissions import agency_report_access, consolidated_report_access
from ..selectors.agency_reports import agency_report_get, agency_report_versions
from ..selectors.consolidated import consolidated_get
from ..services.pdf import agency_version_pdf_request, consolidated_pdf_request, pdf_error_message, pdf_is_current
from .helpers import file_response, period_or_404

PDF = "application/pdf"
PANEL = "reports/_pdf_panel.html"


def pdf_context(target, *, urls: dict[str, str]) -> dict:
    """The PDF panel of a page: `urls` holds the make, status and download addresses of this target."""
    current = pdf_is_current(target)
    return {
        "available": pdf_available(),
        "unavailable_message": Errors.PDF_UNAVAILABLE,
        "ready": current,
        "pending": target.pdf_status == PdfStatus.PENDING and not current,
        "error": pdf_error_message(target),
        **urls,
    }


def _urls(prefix: str, *args) -> dict[str, str]:
    return {
        "make_url": reverse(f"reports:{prefix}_pdf_make", args=args),
        "status_url": reverse(f"reports:{prefix}_pdf_status", args=args),
        "download_url": reverse(f"reports:{prefix}_pdf", args=args),
    }


def consolidated_pdf_context(report) -> dict:
    return pdf_context(report, urls=_urls("consolidated", report.period_id))


def agency_pdf_context(version, *, period_id: int, agency_id: int) -> dict:
    return pdf_context(version, urls=_urls("agency_report", period_id, agency_id))


def _consolidated(request: HttpRequest, pk: int):
    period = period_or_404(pk)
    report = consolidated_get(period=period)
    access = consolidated_report_access(request.user, period=period, report=report)
    if not access.may_view or not access.may_download:
        raise Http404
    return period, report


def _agency_version(request: HttpRequest, pk: int, agency_id: int):
    period = period_or_404(pk)
    report = agency_report_get(period=period, agency_id=agency_id)
    versions = agency_report_versions(report=report)
    access = agency_report_access(request.user, period=period, agency_id=agency_id, report=report, versions=versions)
    if not access.may_view or access.pdf_version is None:
        raise Http404
    return access.pdf_version


@login_required
@require_POST
def consolidated_pdf_make(request: HttpRequest, pk: int) -> HttpResponse:
    period, report = _consolidated(request, pk)
    consolidated_pdf_request(report=report)
    return redirect("reports:consolidated", pk=period.pk)


@login_required
def consolidated_pdf_status(request: HttpRequest, pk: int) -> HttpResponse:
    _period, report = _consolidated(request, pk)
    return render(request, PANEL, {"pdf": consolidated_pdf_context(report)})


@login_required
def consolidated_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    _period, report = _consolidated(request, pk)
    if not pdf_is_current(report):
        raise Http404
    with report.pdf.open("rb") as handle:
        return file_response(handle.read(), PDF, f"{consolidated_file_stem(report)}.pdf")


@login_required
@require_POST
def agency_report_pdf_make(request: HttpRequest, pk: int, agency_id: int) -> HttpResponse:
    agency_version_pdf_request(version=_agency_version(request, pk, agency_id))
    return redirect("reports:agency_report", pk=pk, agency_id=agency_id)


@login_required
def agency_report_pdf_status(request: HttpRequest, pk: int, agency_id: int) -> HttpResponse:
    version = _agency_version(request, pk, agency_id)
    return render(request, PANEL, {"pdf": agency_pdf_context(version, period_id=pk, agency_id=agency_id)})


@login_required
def agency_report_pdf_download(request: HttpRequest, pk: int, agency_id: int) -> HttpResponse:
    version = _agency_version(request, pk, agency_id)
    if not pdf_is_current(version):
        raise Http404
    stem = agency_report_filename(version.report).removesuffix(".docx")
    with version.pdf.open("rb") as handle:
        return file_response(handle.read(), PDF, f"{stem}-v{version.number}.pdf")
