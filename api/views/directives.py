"""Directives: the list the directives page shows, and one directive with its links, groups and tasks."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.response import Response

from directives.models import Directive
from directives.permissions import user_can_view_directive
from directives.selectors import directive_list
from tasks.selectors import directive_overview

from ..serializers import DirectiveDetailSerializer, DirectiveSerializer
from .common import check_parameters, ordered

ORDERING = {"issued_on": ("issued_on",), "number": ("number",)}


@extend_schema(
    parameters=[
        OpenApiParameter("q", OpenApiTypes.STR, description="A phrase, matched ignoring diacritics and case."),
        OpenApiParameter("ordering", OpenApiTypes.STR, enum=[*ORDERING, *(f"-{k}" for k in ORDERING)]),
    ]
)
class DirectiveList(generics.ListAPIView):
    """Every directive, tracked ones first, newest first: what the directives page lists."""

    serializer_class = DirectiveSerializer

    def get_queryset(self):
        check_parameters(self.request, {"q"})
        directives = directive_list(query=self.request.query_params.get("q", "").strip()[:200])
        return ordered(directives, self.request, ORDERING)


class DirectiveDetail(generics.GenericAPIView):
    """One directive, its links to other documents, its task groups and their tasks."""

    serializer_class = DirectiveDetailSerializer

    def get(self, request, pk: int):
        try:
            overview = directive_overview(directive_id=pk)
        except Directive.DoesNotExist as missing:
            raise exceptions.NotFound from missing
        if not user_can_view_directive(request.user, overview.directive):
            raise exceptions.NotFound
        return Response(self.get_serializer(overview).data)
