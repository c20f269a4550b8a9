"""The coordinator's urge (đôn đốc) page for one assignment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms import UrgeForm
from ..models import Assignment
from ..policy import assignment_access
from ..reminders.urge import assignment_urge
from ..selectors import assignment_for_urge, last_urge
from ..workflow import Action


@login_required
def assignment_urge_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        assignment = assignment_for_urge(assignment_id=pk)
    except Assignment.DoesNotExist as missing:
        raise Http404 from missing
    access = assignment_access(request.user, assignment)
    if not access.can_view:
        raise Http404
    if not access.is_actor(Action.URGE):
        raise PermissionDenied
    form = UrgeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            count = assignment_urge(assignment=assignment, user=request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your urge was sent to %(count)d users of %(agency)s.")
                % {"count": count, "agency": assignment.agency.display_name},
            )
            directive = assignment.task.group.directive
            return redirect(f"{directive.get_absolute_url()}#group-{assignment.task.group.number}")
    context = {
        "assignment": assignment,
        "directive": assignment.task.group.directive,
        "form": form,
        "assignment_link": assignment.get_absolute_url(),
        "last_urge": last_urge(assignment_id=assignment.pk),
    }
    return render(request, "tasks/assignment_urge.html", context)
