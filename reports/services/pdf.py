"""The PDF of a consolidated report (the form an e-signature tool signs): requested from the page, made by a
Celery job from the .docx, kept with the report for the version it was made from."""

from django.core.files.base import ContentFile
from django.db import transaction

from ..documents.pdf import PdfError
from ..errors import Errors
from ..models import ConsolidatedReport, PdfStatus

PDF_MESSAGES = {
    "unavailable": Errors.PDF_UNAVAILABLE,
    "failed": Errors.PDF_FAILED,
    "timeout": Errors.PDF_TIMEOUT,
}


def pdf_error_message(report: ConsolidatedReport) -> str:
    if report.pdf_status != PdfStatus.FAILED:
        return ""
    return str(PDF_MESSAGES.get(report.pdf_error, Errors.PDF_FAILED))


def pdf_is_current(report: ConsolidatedReport) -> bool:
    return report.pdf_status == PdfStatus.DONE and report.pdf_version == report.version and bool(report.pdf)


@transaction.atomic
def consolidated_pdf_request(*, report: ConsolidatedReport) -> ConsolidatedReport:
    """Mark the PDF as being made and enqueue the job once the mark is committed; a current PDF is kept."""
    from ..jobs import render_consolidated_pdf

    report = ConsolidatedReport.objects.select_for_update().get(pk=report.pk)
    # A pending mark whose job was lost is requested again: the job is idempotent.
    if pdf_is_current(report):
        return report
    report.pdf_status = PdfStatus.PENDING
    report.pdf_error = ""
    report.save(update_fields=["pdf_status", "pdf_error"])
    version = report.version
    transaction.on_commit(lambda: render_consolidated_pdf.delay(report.pk, version))
    return report


@transaction.atomic
def consolidated_pdf_store(*, report_id: int, version: int, render) -> ConsolidatedReport | None:
    """Run `render(report) -> bytes` and keep its PDF; on failure keep the reason. A stale request is a no-op."""
    report = ConsolidatedReport.objects.select_for_update().filter(pk=report_id).first()
    if report is None or report.version != version or pdf_is_current(report):
        return report
    try:
        data = render(report)
    except PdfError as error:
        report.pdf_status = PdfStatus.FAILED
        report.pdf_error = error.code if error.code in PDF_MESSAGES else "failed"
        report.save(update_fields=["pdf_status", "pdf_error"])
        return report
    if report.pdf:
        report.pdf.delete(save=False)
    report.pdf.save(f"report-{report.pk}-v{version}.pdf", ContentFile(data), save=False)
    report.pdf_status = PdfStatus.DONE
    report.pdf_version = version
    report.pdf_error = ""
    report.save(update_fields=["pdf", "pdf_status", "pdf_version", "pdf_error"])
    return report
