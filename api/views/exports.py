"""Every list as CSV or .xlsx: the same scope, filters and order as its page (and its API list), all rows."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics

from reports.permissions import user_can_track_period, user_can_view_dashboard
from reports.selectors.dashboard import dashboard
from reports.selectors.directives import dashboard_directives
from reports.selectors.tracker import period_tracker
from tasks.permissions import user_can_decide_extensions
from tasks.selectors import extension_requests_pending

from ..dashboard_exports import dashboard_table
from ..exports import (
    Table,
    assignment_header,
    assignment_rows,
    extension_header,
    extension_rows,
    table_response,
    tracker_header,
    tracker_rows,
)
from .assignments import FILTERS, DirectiveAssignmentList, WorkList
from .reports import period_or_not_found

FILE = OpenApiResponse(OpenApiTypes.BINARY, description="CSV (UTF-8 with BOM) or .xlsx, by the path's extension.")


@extend_schema(parameters=FILTERS, responses={200: FILE})
class WorkListExport(WorkList):
    """The work list with the filters on screen, every row."""

    pagination_class = None

    def get(self, request, fmt: str):
        return table_response(Table("cong-viec", assignment_header(), assignment_rows(self.get_queryset())), fmt)


@extend_schema(parameters=FILTERS, responses={200: FILE})
class DirectiveAssignmentsExport(DirectiveAssignmentList):
    """A directive's assignments with the filters on screen, for its coordinator, leaders and admins."""

    pagination_class = None

    def get(self, request, pk: int, fmt: str):
        name = f"phan-cong-{pk}"
        return table_response(Table(name, assignment_header(), assignment_rows(self.get_queryset())), fmt)


class ExtensionRequestsExport(generics.GenericAPIView):
    @extend_schema(responses={200: FILE})
    def get(self, request, fmt: str):
        """The pending extension requests, oldest first, for the provincial leaders and administrators."""
        if not user_can_decide_extensions(request.user):
            raise exceptions.PermissionDenied
        return table_response(Table("gia-han", extension_header(), extension_rows(extension_requests_pending())), fmt)


class TrackerExport(generics.GenericAPIView):
    @extend_schema(responses={200: FILE})
    def get(self, request, pk: int, fmt: str):
        """The submission tracker of a period: each reporting agency and the state of its report."""
        period = period_or_not_found(pk)
        if not user_can_track_period(request.user, period):
            raise exceptions.PermissionDenied
        return table_response(
            Table(f"theo-doi-{pk}", tracker_header(), tracker_rows(period_tracker(period=period))), fmt
        )


class DashboardExport(generics.GenericAPIView):
    @extend_schema(responses={200: FILE})
    def get(self, request, pk: int, fmt: str):
        """The dashboard's agency table of a directive: ranked agencies, counts by timeliness, the heatmap's cells."""
        if not user_can_view_dashboard(request.user):
            raise exceptions.PermissionDenied
        directive = next((d for d in dashboard_directives(request.user) if d.pk == int(pk)), None)
        if directive is None:
            raise exceptions.NotFound
        return table_response(dashboard_table(dashboard(directive=directive)), fmt)
