"""Assignments: the work list and a directive's list (the pages' filters), one assignment, its updates and requests.

Each endpoint asks what its page asks: the list's scope (tasks.permissions), then for one assignment the access
policy (tasks.policy.assignment_access): 404 if the user may not see it, as on the page.
"""

from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.response import Response

from agencies.selectors import active_agencies
from directives.models import Directive, TaskGroup
from directives.selectors import directive_get
from tasks.filters import AssignmentFilter
from tasks.models import Assignment
from tasks.permissions import user_can_monitor_directive, user_work_scope
from tasks.policy import AssignmentAccess, assignment_access
from tasks.selectors import assignment_get, assignment_list, directive_agencies, workspace_filter_choices

from ..list_cache import cached_page
from ..selectors import assignment_extension_requests, assignment_updates
from ..serializers import (
    ROW_VALUES,
    AssignmentDetailSerializer,
    AssignmentSerializer,
    ExtensionRequestSerializer,
    ProgressUpdateSerializer,
    assignment_rows,
)
from .common import check_parameters, ordered

ORDERING = {
    "deadline": ("deadline",),
    "percent": ("percent",),
    "status": ("status",),
    "updated_at": ("updated_at",),
    "agency": ("agency__sort_order", "agency__name"),
}
FILTERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="A phrase of the task's text, ignoring diacritics and case."),
    OpenApiParameter("directive", OpenApiTypes.INT),
    OpenApiParameter("group", OpenApiTypes.INT, description="A task group's id."),
    OpenApiParameter("agency", OpenApiTypes.INT, description="Only where the page offers it (every agency's work)."),
    OpenApiParameter("status", OpenApiTypes.STR),
    OpenApiParameter("timeliness", OpenApiTypes.STR),
    OpenApiParameter("role", OpenApiTypes.STR),
    OpenApiParameter("ordering", OpenApiTypes.STR, enum=[*ORDERING, *(f"-{k}" for k in ORDERING)]),
]


def viewable_assignment(request, pk: int) -> tuple[Assignment, AssignmentAccess]:
    """The assignment and the user's access to it; 404 if they may not see it, so guessing ids reveals nothing."""
    try:
        assignment = assignment_get(assignment_id=pk)
    except Assignment.DoesNotExist as missing:
        raise exceptions.NotFound from missing
    access = assignment_access(request.user, assignment)
    if not access.can_view:
        raise exceptions.NotFound
    return assignment, access


class FilteredAssignments(generics.ListAPIView):
    serializer_class = AssignmentSerializer

    def scope(self):
        """(the base list, the filter's directives, groups and agencies), as the page builds them."""
        raise NotImplementedError

    def get_queryset(self):
        base, directives, groups, agencies = self.scope()
        filterset = AssignmentFilter(
            self.request.query_params, queryset=base, directives=directives, groups=groups, agencies=agencies
        )
        check_parameters(self.request, set(filterset.filters))
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        return ordered(filterset.qs, self.request, ORDERING)

    def access(self) -> str:
        """Refuse a user who may not see the list; else the scope of what they see, for the page's cache key."""
        raise NotImplementedError

    def list(self, request, *args, **kwargs):
        # The access check runs on every request; the page is computed only when no kept page matches the scope,
        # the address, the day and the lists' data version (api.list_cache).
        return Response(cached_page(request, self.access(), self.page))

    def page(self) -> dict:
        queryset = self.get_queryset()
        # Two steps, as tasks.views.paging.sorted_page: the page's ids first, so sorting a province's 20,000 rows
        # carries only the sort keys, not every row's texts, names and timeliness CASE (SQLite sorts whole result
        # rows); then those ids' rows as plain values (api.serializers.assignment_rows; the serializer still
        # documents them), in the page's order. The count no longer joins four tables either.
        ids = self.paginate_queryset(queryset.values_list("pk", flat=True))
        rows = {row["id"]: row for row in queryset.order_by().filter(pk__in=ids).values(*ROW_VALUES)}
        return self.get_paginated_response(assignment_rows(rows[pk] for pk in ids)).data


@extend_schema(parameters=FILTERS)
class WorkList(FilteredAssignments):
    """The work list (/work/): the user's agency's assignments; every agency's for leaders and admins."""

    def access(self) -> str:
        agency_id, sees_all = user_work_scope(self.request.user)
        return f"work:{agency_id}" if agency_id is not None else f"work:{'all' if sees_all else 'none'}"

    def scope(self):
        agency_id, sees_all = user_work_scope(self.request.user)
        if agency_id is None and not sees_all:
            # No agency and no province-wide role: the page shows "no agency", the API an empty list.
            return Assignment.objects.none(), Directive.objects.none(), TaskGroup.objects.none(), None
        directives, groups = workspace_filter_choices(agency_id=agency_id)
        agencies = active_agencies() if agency_id is None else None
        return assignment_list(agency_id=agency_id), directives, groups, agencies


@extend_schema(parameters=FILTERS)
class DirectiveAssignmentList(FilteredAssignments):
    """Every assignment of one directive, for its coordinator, leaders and admins (as its page)."""

    @cached_property
    def monitored_directive(self) -> Directive:
        """The directive, once per request (the access check, then the page's scope)."""
        try:
            directive = directive_get(directive_id=self.kwargs["pk"])
        except Directive.DoesNotExist as missing:
            raise exceptions.NotFound from missing
        if not user_can_monitor_directive(self.request.user, directive):
            raise exceptions.PermissionDenied
        return directive

    def access(self) -> str:
        return f"directive:{self.monitored_directive.pk}"

    def scope(self):
        directive = self.monitored_directive
        directives, groups = workspace_filter_choices(directive_id=directive.pk)
        agencies = directive_agencies(directive_id=directive.pk, with_units=True)
        return assignment_list(directive_id=directive.pk), directives, groups, agencies


class AssignmentDetail(generics.GenericAPIView):
    """One assignment, with the actions its user may take now (the page's forms)."""

    serializer_class = AssignmentDetailSerializer

    def get(self, request, pk: int):
        assignment, access = viewable_assignment(request, pk)
        return Response(self.get_serializer(assignment, context={"access": access, "request": request}).data)


class AssignmentChildList(generics.ListAPIView):
    """A list that belongs to one assignment: visible to whoever may see the assignment."""

    def get_queryset(self):
        check_parameters(self.request, set())
        self.assignment, self.access = viewable_assignment(self.request, self.kwargs["pk"])
        return self.select(self.assignment)


class ProgressUpdateList(AssignmentChildList):
    """The assignment's progress updates, newest first, with each evidence file's name, type and size."""

    serializer_class = ProgressUpdateSerializer

    def select(self, assignment):
        return assignment_updates(assignment=assignment)


class ExtensionRequestList(AssignmentChildList):
    """The assignment's deadline extension requests and their decisions, newest first."""

    serializer_class = ExtensionRequestSerializer

    def select(self, assignment):
        return assignment_extension_requests(assignment=assignment)
