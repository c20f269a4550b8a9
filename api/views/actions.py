"""The writes on one assignment, through the same services and version checks as the assignment page's forms.

Not allowed to see the assignment: 404; allowed to see it but never to take this action: 403 (as the page);
allowed, but not now (the state, a stale version, a rule of the service): the service's own refusal, 400 or 409.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, parsers, status
from rest_framework.response import Response

from agencies.models import Agency
from tasks.policy import assignment_access
from tasks.selectors import assignment_get
from tasks.workflow import (
    Action,
    assignment_confirm,
    assignment_declare_done,
    assignment_return,
    extension_request_create,
    progress_update_create,
)
from tasks.workflow.delegation import assignment_delegate

from ..serializers import (
    AssignmentDetailSerializer,
    DeclareDoneInput,
    DelegateInput,
    ExtensionRequestInput,
    ExtensionRequestSerializer,
    ProgressUpdateInput,
    ProgressUpdateSerializer,
    ReturnInput,
    ShareSerializer,
    VersionInput,
)
from .assignments import ExtensionRequestList, ProgressUpdateList, viewable_assignment


def _update(assignment, user, data):
    return progress_update_create(assignment=assignment, author=user, **data)


UNKNOWN_AGENCY = gettext_lazy("No agency has the id %(ids)s.")


def _delegate(assignment, user, data):
    ids = list(dict.fromkeys(data["units"]))
    units = {agency.pk: agency for agency in Agency.objects.filter(pk__in=ids)}
    unknown = [str(pk) for pk in ids if pk not in units]
    if unknown:
        raise exceptions.ValidationError({"units": [UNKNOWN_AGENCY % {"ids": ", ".join(unknown)}]})
    return assignment_delegate(
        assignment=assignment,
        user=user,
        units=[units[pk] for pk in ids],
        deadline=data["deadline"],
        note=data["note"],
        expected_version=data["version"],
    )


def _versioned(service: Callable) -> Callable:
    def perform(assignment, user, data):
        data = dict(data)
        return service(assignment=assignment, user=user, expected_version=data.pop("version"), **data)

    return perform


@dataclass(frozen=True)
class ApiAction:
    action: Action
    input_class: type
    perform: Callable


UPDATE = ApiAction(Action.REPORT, ProgressUpdateInput, _update)
DECLARE_DONE = ApiAction(Action.DECLARE_DONE, DeclareDoneInput, _versioned(assignment_declare_done))
CONFIRM = ApiAction(Action.CONFIRM, VersionInput, _versioned(assignment_confirm))
RETURN = ApiAction(Action.RETURN, ReturnInput, _versioned(assignment_return))
DELEGATE = ApiAction(Action.DELEGATE, DelegateInput, _delegate)
REQUEST_EXTENSION = ApiAction(Action.REQUEST_EXTENSION, ExtensionRequestInput, _versioned(extension_request_create))


def perform_action(request, pk: int, api_action: ApiAction):
    """Check who may, validate the shape, call the service; the service is atomic, so a refusal saves nothing."""
    assignment, access = viewable_assignment(request, pk)
    if not access.is_actor(api_action.action):
        raise exceptions.PermissionDenied(access.refusal(api_action.action).messages[0])
    serializer = api_action.input_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return assignment, api_action.perform(assignment, request.user, serializer.validated_data)


def _assignment_response(request, assignment) -> Response:
    fresh = assignment_get(assignment_id=assignment.pk)
    context = {"access": assignment_access(request.user, fresh), "request": request}
    return Response(AssignmentDetailSerializer(fresh, context=context).data)


class ProgressUpdates(ProgressUpdateList):
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser]

    @extend_schema(request={"application/json": ProgressUpdateInput, "multipart/form-data": ProgressUpdateInput})
    def post(self, request, pk: int):
        """Report progress, with evidence files when sent as multipart/form-data (`files`, repeated)."""
        _assignment, update = perform_action(request, pk, UPDATE)
        return Response(ProgressUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


class ExtensionRequests(ExtensionRequestList):
    @extend_schema(request=ExtensionRequestInput)
    def post(self, request, pk: int):
        """Ask for a later deadline; the provincial leaders decide."""
        _assignment, extension_request = perform_action(request, pk, REQUEST_EXTENSION)
        return Response(ExtensionRequestSerializer(extension_request).data, status=status.HTTP_201_CREATED)


class Delegate(generics.GenericAPIView):
    serializer_class = DelegateInput

    @extend_schema(request=DelegateInput, responses={201: ShareSerializer(many=True)})
    def post(self, request, pk: int):
        """The agency's manager passes its share down to its units or communes, each due no later than it."""
        _assignment, shares = perform_action(request, pk, DELEGATE)
        return Response(ShareSerializer(shares, many=True).data, status=status.HTTP_201_CREATED)


def _action_view(api_action: ApiAction, doc: str) -> type:
    @extend_schema(request=api_action.input_class, responses=AssignmentDetailSerializer, description=doc)
    def post(self, request, pk: int):
        assignment, _result = perform_action(request, pk, api_action)
        return _assignment_response(request, assignment)

    name = "".join(part.title() for part in api_action.action.name.split("_"))
    return type(f"{name}View", (generics.GenericAPIView,), {"post": post, "serializer_class": api_action.input_class})


DeclareDone = _action_view(DECLARE_DONE, "The agency declares the work done; the coordinator confirms or returns it.")
Confirm = _action_view(CONFIRM, "The coordinator confirms the work is done.")
Return = _action_view(RETURN, "The coordinator returns the work to be done again, saying what.")
