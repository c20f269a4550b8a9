"""Celery jobs of the reports app: reporting periods created ahead of time from each directive's schedule."""

from celery import shared_task
from django.utils import timezone

from .models import ReportSchedule
from .services.periods import report_periods_generate


@shared_task
def generate_periods(schedule_ids: list[int] | None = None) -> int:
    """Create the periods each schedule needs; idempotent (get_or_create on the period's natural key)."""
    today = timezone.localdate()
    schedules = ReportSchedule.objects.select_related("directive").filter(directive__is_tracked=True)
    if schedule_ids is not None:
        schedules = schedules.filter(pk__in=schedule_ids)
    return sum(len(report_periods_generate(schedule=schedule, today=today)) for schedule in schedules)


@shared_task
def render_consolidated_pdf(report_id: int, version: int) -> str | None:
    """LibreOffice renders the report's .docx as PDF; idempotent (a PDF of that version is kept, not redone)."""
    from .documents.pdf import docx_to_pdf
    from .exports import consolidated_docx
    from .services.pdf import consolidated_pdf_store

    report = consolidated_pdf_store(
        report_id=report_id, version=version, render=lambda report: docx_to_pdf(consolidated_docx(report))
    )
    return report.pdf_status if report else None


@shared_task
def render_agency_report_pdf(version_id: int) -> str | None:
    """LibreOffice renders one submitted version of an agency report as PDF; idempotent like the one above."""
    from .documents.pdf import docx_to_pdf
    from .exports import agency_report_docx
    from .services.pdf import agency_version_pdf_store

    version = agency_version_pdf_store(
        version_id=version_id,
        render=lambda version: docx_to_pdf(agency_report_docx(report=version.report, submitted_version=version)),
    )
    return version.pdf_status if version else None
