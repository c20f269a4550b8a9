"""PDFs of reports (the form an e-signature tool signs): requested from the page, made by a Celery job from the
.docx, kept with what they were made from.

Two things carry a PDF: a consolidated report (made from one version of its text; a PDF of an older version is
never served) and a submitted version of an agency report (frozen, so its PDF never goes stale).
"""

from django.core.files.base import ContentFile
from django.db import models, transaction

from ..documents.pdf import PdfError
from ..errors import Errors
from ..models import AgencyReportVersion, ConsolidatedReport, PdfStatus

PDF_MESSAGES = {
    "unavailable": Errors.PDF_UNAVAILABLE,
    "failed": Errors.PDF_FAILED,
    "timeout": Errors.PDF_TIMEOUT,
}


def pdf_error_message(target: models.Model) -> str:
    if target.pdf_status != PdfStatus.FAILED:
        return ""
    return str(PDF_MESSAGES.get(target.pdf_error, Errors.PDF_FAILED))


def pdf_is_current(target: models.Model) -> bool:
    if target.pdf_status != PdfStatus.DONE or not target.pdf:
        return False
    return not isinstance(target, ConsolidatedReport) or target.pdf_version == target.version


def _mark_pending(target: models.Model, enqueue) -> None:
    """Mark the PDF as being made and enqueue the job once the mark is committed; a current PDF is kept.

    A pending mark whose job was lost is requested again: the jobs are idempotent.
    """
    if pdf_is_current(target):
        return
    target.pdf_status = PdfStatus.PENDING
    target.pdf_error = ""
    target.save(update_fields=["pdf_status", "pdf_error"])
    transaction.on_commit(enqueue)


def _store(target: models.Model, *, render, name: str, extra: dict) -> None:
    """Run `render(target) -> bytes` and keep its PDF under `name`; on failure keep the reason."""
    try:
        data = render(target)
    except PdfError as error:
        target.pdf_status = PdfStatus.FAILED
        target.pdf_error = error.code if error.code in PDF_MESSAGES else "failed"
        target.save(update_fields=["pdf_status", "pdf_error"])
        return
    if target.pdf:
        target.pdf.delete(save=False)
    target.pdf.save(name, ContentFile(data), save=False)
    target.pdf_status = PdfStatus.DONE
    target.pdf_error = ""
    for field, value in extra.items():
        setattr(target, field, value)
    target.save(update_fields=["pdf", "pdf_status", "pdf_error", *extra])


@transaction.atomic
def consolidated_pdf_request(*, report: ConsolidatedReport) -> ConsolidatedReport:
    from ..jobs import render_consolidated_pdf

    report = ConsolidatedReport.objects.select_for_update().get(pk=report.pk)
    version = report.version
    _mark_pending(report, lambda: render_consolidated_pdf.delay(report.pk, version))
    return report


@transaction.atomic
def consolidated_pdf_store(*, report_id: int, version: int, render) -> ConsolidatedReport | None:
    """The job's half: a stale request (the text changed since) or a PDF already made is a no-op."""
    report = ConsolidatedReport.objects.select_for_update().filter(pk=report_id).first()
    if report is None or report.version != version or pdf_is_current(report):
        return report
    _store(report, render=render, name=f"report-{report.pk}-v{version}.pdf", extra={"pdf_version": version})
    return report


@transaction.atomic
def agency_version_pdf_request(*, version: AgencyReportVersion) -> AgencyReportVersion:
    from ..jobs import render_agency_report_pdf

    version = AgencyReportVersion.objects.select_for_update().get(pk=version.pk)
    _mark_pending(version, lambda: render_agency_report_pdf.delay(version.pk))
    return version


@transaction.atomic
def agency_version_pdf_store(*, version_id: int, render) -> AgencyReportVersion | None:
    version = AgencyReportVersion.objects.select_for_update().filter(pk=version_id).first()
    if version is None or pdf_is_current(version):
        return version
    name = f"agency-report-{version.report_id}-v{version.number}.pdf"
    _store(version, render=render, name=name, extra={})
    return version
