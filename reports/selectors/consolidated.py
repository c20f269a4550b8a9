"""Reads of the consolidated report of a period and of the agency reports it is compiled from."""

from ..models import AgencyReport, ConsolidatedReport, ReportPeriod


def consolidated_get(*, period: ReportPeriod) -> ConsolidatedReport | None:
    return (
        ConsolidatedReport.objects.select_related("issuing_agency", "compiled_by", "issued_by")
        .filter(period=period)
        .first()
    )


def accepted_reports(*, period: ReportPeriod) -> list[AgencyReport]:
    return list(
        AgencyReport.objects.select_related("agency")
        .filter(period=period, status=AgencyReport.Status.ACCEPTED)
        .order_by("agency__sort_order", "agency__name")
    )
