"""Reads of the consolidated report of a period and of the agency reports it is compiled from."""

from ..models import AgencyReport, ConsolidatedReport, ReportPeriod


def consolidated_get(*, period: ReportPeriod) -> ConsolidatedReport | None:
    """The report with its issuing agency, people and the period already loaded (what its page and files read)."""
    report = (
        ConsolidatedReport.objects.select_related("issuing_agency", "compiled_by", "issued_by")
        .filter(period=period)
        .first()
    )
    if report is not None:
        report.period = period
    return report


def accepted_reports(*, period: ReportPeriod) -> list[AgencyReport]:
    return list(
        AgencyReport.objects.select_related("agency")
        .filter(period=period, status=AgencyReport.Status.ACCEPTED)
        .order_by("agency__sort_order", "agency__name")
    )
