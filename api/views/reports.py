"""Reporting periods, one agency's report (read, submit, .docx) and the consolidated report (read, .docx, .xlsx).

Each endpoint asks the report's access policy (reports.permissions) as its page does, and answers as the page:
403 where the page refuses, 404 where it finds nothing.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.response import Response

from reports.exports import (
    agency_report_docx,
    agency_report_filename,
    consolidated_docx,
    consolidated_file_stem,
    consolidated_xlsx,
)
from reports.models import NARRATIVE_FIELDS, ReportPeriod
from reports.permissions import agency_report_access, consolidated_report_access
from reports.selectors.agency_reports import (
    agency_get,
    agency_report_get,
    agency_report_versions,
    agency_reports_directive,
)
from reports.selectors.consolidated import consolidated_get
from reports.selectors.periods import period_get, period_list
from reports.services.agency_reports import agency_report_submit
from reports.views.helpers import DOCX, XLSX, file_response

from ..report_serializers import (
    AgencyReportSerializer,
    AgencyReportSubmitInput,
    ConsolidatedReportSerializer,
    PeriodListItemSerializer,
)

FILE = OpenApiResponse(OpenApiTypes.BINARY, description="The file, as the page's download link gives it.")


def period_or_not_found(pk: int) -> ReportPeriod:
    try:
        return period_get(period_id=pk)
    except ReportPeriod.DoesNotExist as missing:
        raise exceptions.NotFound from missing


class PeriodList(generics.ListAPIView):
    """The periods that have started, newest cutoff first, as the reports page lists them for this user."""

    serializer_class = PeriodListItemSerializer

    def get_queryset(self):
        return period_list(user=self.request.user)


def _agency_report(request, pk: int, agency_id: int):
    period = period_or_not_found(pk)
    report = agency_report_get(period=period, agency_id=agency_id)
    versions = agency_report_versions(report=report)
    access = agency_report_access(request.user, period=period, agency_id=agency_id, report=report, versions=versions)
    if not access.may_view:
        raise exceptions.PermissionDenied
    agency = agency_get(agency_id=agency_id)
    if agency is None or not agency_reports_directive(directive_id=period.directive_id, agency_id=agency.pk):
        raise exceptions.NotFound
    return period, agency, report, access


def _agency_report_data(period, agency, report, access) -> dict:
    """What the page shows: the working text inside the agency, the last submitted version outside it."""
    if access.sees_draft and report is not None:
        texts = {name: getattr(report, name) for name in NARRATIVE_FIELDS}
    elif access.shown_version is not None:
        texts = {name: access.shown_version.content.get(name, "") for name in NARRATIVE_FIELDS}
    else:
        texts = dict.fromkeys(NARRATIVE_FIELDS, "")
    docx = reverse("api:agency_report_docx", args=[period.pk, agency.pk]) if access.may_download else None
    return {
        "period": period,
        "agency_id": agency.pk,
        "status": report.status if report else None,
        "version": (report.version if report else 0) if access.sees_draft else None,
        "submitted_version": access.shown_version.number if access.shown_version else None,
        **texts,
        "review_comment": report.review_comment if report and access.sees_draft else "",
        "may_submit": access.can_submit,
        "docx": docx,
    }


class AgencyReportDetail(generics.GenericAPIView):
    serializer_class = AgencyReportSerializer

    def get(self, request, pk: int, agency_id: int):
        """One agency's report for the period."""
        return Response(self.get_serializer(_agency_report_data(*_agency_report(request, pk, agency_id))).data)


class AgencyReportSubmit(generics.GenericAPIView):
    serializer_class = AgencyReportSubmitInput

    @extend_schema(request=AgencyReportSubmitInput, responses={200: AgencyReportSerializer})
    def post(self, request, pk: int, agency_id: int):
        """The agency's manager submits the report (its text, with the version read) to the coordinator."""
        period, agency, _report, access = _agency_report(request, pk, agency_id)
        if not access.may_submit:
            raise exceptions.PermissionDenied
        serializer = AgencyReportSubmitInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        agency_report_submit(
            period=period, agency=agency, user=request.user, expected_version=data.pop("version"), **data
        )
        fresh = _agency_report(request, pk, agency_id)
        return Response(AgencyReportSerializer(_agency_report_data(*fresh)).data, status=status.HTTP_200_OK)


class AgencyReportDocx(generics.GenericAPIView):
    @extend_schema(responses={200: FILE})
    def get(self, request, pk: int, agency_id: int):
        """The report as .docx: the working text for the agency, the last submitted version for others."""
        _, _agency, report, access = _agency_report(request, pk, agency_id)
        if not access.may_download:
            raise exceptions.NotFound
        data = agency_report_docx(report=report, submitted_version=access.shown_version)
        return file_response(data, DOCX, agency_report_filename(report))


def _consolidated(request, pk: int):
    period = period_or_not_found(pk)
    report = consolidated_get(period=period)
    access = consolidated_report_access(request.user, period=period, report=report)
    if not access.may_view:
        raise exceptions.PermissionDenied
    if not access.may_download:
        raise exceptions.NotFound
    return report


class ConsolidatedDetail(generics.GenericAPIView):
    serializer_class = ConsolidatedReportSerializer

    def get(self, request, pk: int):
        """The consolidated report of the period, once compiled, with its statistics and downloads."""
        report = _consolidated(request, pk)
        report.docx = reverse("api:consolidated_docx", args=[pk])
        report.xlsx = reverse("api:consolidated_xlsx", args=[pk])
        return Response(self.get_serializer(report).data)


class ConsolidatedDocx(generics.GenericAPIView):
    @extend_schema(responses={200: FILE})
    def get(self, request, pk: int):
        report = _consolidated(request, pk)
        return file_response(consolidated_docx(report), DOCX, f"{consolidated_file_stem(report)}.docx")


class ConsolidatedXlsx(generics.GenericAPIView):
    @extend_schema(responses={200: FILE})
    def get(self, request, pk: int):
        report = _consolidated(request, pk)
        data = consolidated_xlsx(report)
        return file_response(data, XLSX, f"{consolidated_file_stem(report)}-phu-luc.xlsx")
