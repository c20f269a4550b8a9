"""Deadline extension requests waiting for a provincial leader's or an administrator's decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ..forms import ExtensionDecisionForm
from ..models import ExtensionRequest
from ..permissions import user_can_decide_extensions
from ..policy import assignment_access
from ..selectors import extension_request_get, extension_requests_decided, extension_requests_pending
from ..workflow import Action, extension_request_decide
from .confirm import confirmation_step, going_back


@login_required
def extension_list(request: HttpRequest) -> HttpResponse:
    if not user_can_decide_extensions(request.user):
        raise PermissionDenied
    return _render_extensions(request)


def _decision_form(extension_request: ExtensionRequest, data=None) -> ExtensionDecisionForm:
    return ExtensionDecisionForm(
        data,
        prefix=f"decide-{extension_request.pk}",
        initial={"version": extension_request.assignment.version},
        action=reverse("tasks:extension_decide", args=[extension_request.pk]),
    )


def _render_extensions(request, *, bound: ExtensionDecisionForm | None = None, bound_pk: int | None = None):
    page = Paginator(extension_requests_pending(), 25).get_page(request.GET.get("page"))
    rows = [(item, bound if item.pk == bound_pk else _decision_form(item)) for item in page.object_list]
    context = {"page_obj": page, "rows": rows, "decided": extension_requests_decided()}
    return render(request, "tasks/extension_list.html", context)


@login_required
@require_POST
def extension_decide(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        extension_request = extension_request_get(extension_request_id=pk)
    except ExtensionRequest.DoesNotExist as missing:
        raise Http404 from missing
    access = assignment_access(request.user, extension_request.assignment)
    if not access.can_view:
        raise Http404
    if not access.is_actor(Action.DECIDE_EXTENSION):
        raise PermissionDenied
    form = _decision_form(extension_request, request.POST)
    if going_back(request, form):
        form.is_valid()
        return _render_extensions(request, bound=form, bound_pk=extension_request.pk)
    if form.is_valid():
        assignment = extension_request.assignment
        if form.asks_first() and form.cleaned_data["version"] == assignment.version:
            subject = _("Extension of %(task)s · %(agency)s to %(day)s") % {
                "task": assignment.task.code,
                "agency": assignment.agency.display_name,
                "day": date_format(extension_request.new_deadline, "d/m/Y"),
            }
            return confirmation_step(request, form=form, action_url=request.path, subject=subject)
        try:
            extension_request_decide(
                extension_request=extension_request,
                user=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision is recorded and the requester notified."))
            return redirect("tasks:extension_list")
    return _render_extensions(request, bound=form, bound_pk=extension_request.pk)
