"""The assignment page and the forms it posts: each asks the access policy once, then calls the workflow."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from agencies.page_cache import kept_page

from ..delegation import delegable_units
from ..forms import (
    CancelForm,
    ConfirmForm,
    DeclareDoneForm,
    DelegateForm,
    ExtensionRequestForm,
    PauseForm,
    ProgressUpdateForm,
    ReopenForm,
    ResumeForm,
    ReturnForm,
)
from ..models import Assignment
from ..policy import AssignmentAccess, assignment_access
from ..selectors import assignment_get, assignment_page, last_urge
from ..workflow import (
    Action,
    assignment_cancel,
    assignment_confirm,
    assignment_declare_done,
    assignment_finish,
    assignment_pause,
    assignment_reopen,
    assignment_resume,
    assignment_return,
    extension_request_create,
    progress_update_create,
)
from ..workflow.delegation import assignment_delegate
from .confirm import confirmation_step, going_back


@dataclass(frozen=True)
class PageAction:
    form_class: type
    perform: Callable
    done_message: str


FINISHED = _("The last update is saved and the work is declared done; it awaits the coordinator's confirmation.")


def _perform_update(form, assignment, user, files):
    """Save the update; with the form's "Report the work done" button, it also declares the work done."""
    data = form.cleaned_data
    texts = {name: data[name] for name in ("results", "difficulties", "proposals")}
    if form.data.get(f"{form.prefix}-{ProgressUpdateForm.FINISH}"):
        assignment_finish(assignment=assignment, user=user, expected_version=data["version"], files=files, **texts)
        return FINISHED
    progress_update_create(assignment=assignment, author=user, percent=data["percent"], files=files, **texts)
    return None


def _state_change(service: Callable, *fields: str) -> Callable:
    """An action that calls service with the page's version and the named fields of the form."""

    def perform(form, assignment, user, files):
        data = form.cleaned_data
        service(
            assignment=assignment,
            user=user,
            expected_version=data["version"],
            **{name: data[name] for name in fields},
        )

    return perform


# The forms of the page, by the table's actions (their values are the URL slugs: /assignments/<id>/<action>/).
ACTIONS = {
    Action.REPORT: PageAction(ProgressUpdateForm, _perform_update, _("Progress update saved.")),
    Action.DECLARE_DONE: PageAction(
        DeclareDoneForm,
        _state_change(assignment_declare_done, "note"),
        _("The work is declared done and awaits the coordinator's confirmation."),
    ),
    Action.CONFIRM: PageAction(ConfirmForm, _state_change(assignment_confirm), _("The work is confirmed as done.")),
    Action.RETURN: PageAction(
        ReturnForm,
        _state_change(assignment_return, "comment"),
        _("The work is returned to the agency to be done again."),
    ),
    Action.REQUEST_EXTENSION: PageAction(
        ExtensionRequestForm,
        _state_change(extension_request_create, "new_deadline", "reason"),
        _("The extension request is sent to the provincial leaders."),
    ),
    Action.PAUSE: PageAction(PauseForm, _state_change(assignment_pause, "reason"), _("The assignment is paused.")),
    Action.RESUME: PageAction(ResumeForm, _state_change(assignment_resume, "reason"), _("The assignment is resumed.")),
    Action.CANCEL: PageAction(
        CancelForm, _state_change(assignment_cancel, "reason"), _("The assignment is cancelled.")
    ),
    Action.REOPEN: PageAction(ReopenForm, _state_change(assignment_reopen, "reason"), _("The assignment is reopened.")),
    Action.DELEGATE: PageAction(
        DelegateForm,
        _state_change(assignment_delegate, "units", "deadline", "note"),
        _("The work is passed down; each unit is told."),
    ),
}


def _subject(assignment: Assignment) -> str:
    directive = assignment.task.group.directive
    return f"{directive.number} · {_('Task')} {assignment.task.code} · {assignment.agency.display_name}"


def _viewable_assignment(request: HttpRequest, pk: int) -> tuple[Assignment, AssignmentAccess]:
    """The assignment and what the user may do with it; 404 if they may not see it, so guessing ids reveals nothing."""
    try:
        assignment = assignment_get(assignment_id=pk)
    except Assignment.DoesNotExist as missing:
        raise Http404 from missing
    access = assignment_access(request.user, assignment)
    if not access.can_view:
        raise Http404
    return assignment, access


def _action_form(action: Action, assignment: Assignment, access: AssignmentAccess, data=None, files=None):
    initial = {"version": assignment.version}
    extra = {}
    if action == Action.REPORT:
        initial["percent"] = assignment.percent
        extra["may_finish"] = access.may(Action.DECLARE_DONE)
    if action == Action.DELEGATE:
        initial["deadline"] = assignment.deadline
        # The units that already hold a share of the task are not offered again (the service refuses them too).
        extra["units"] = list(delegable_units(assignment.agency_id).exclude(assignments__task_id=assignment.task_id))
    url = reverse(f"tasks:assignment_{action.value}", args=[assignment.pk])
    return ACTIONS[action].form_class(data, files, prefix=action.value, initial=initial, action=url, **extra)


def _render_assignment(request, assignment: Assignment, access: AssignmentAccess, *, bound=None) -> HttpResponse:
    """The page with the forms the policy allows now; `bound` is (action, form) of a post that failed."""
    forms = {action.value: _action_form(action, assignment, access) for action in access.page_actions}
    # Passing down is offered only to an agency that has units to pass its share to.
    if Action.DELEGATE.value in forms and not forms[Action.DELEGATE.value].fields["units"].widget.choices:
        del forms[Action.DELEGATE.value]
    # A refused form whose action no longer applies (someone confirmed meanwhile) shows its errors at the top.
    refused = []
    if bound and bound[0].value in forms:
        forms[bound[0].value] = bound[1]
    elif bound:
        refused = [message for messages_ in bound[1].errors.values() for message in messages_]
    page = assignment_page(assignment=assignment, updates_page=request.GET.get("updates_page"))
    context = {
        "refused": refused,
        "page": page,
        # Need to know: whose reports and evidence the user reads on this task; the others' state and percent only.
        "readable_siblings": {sibling.pk for sibling in page.siblings if access.reads_reports_of(sibling)},
        "assignment": assignment,
        "directive": assignment.task.group.directive,
        "forms": forms,
        "access": access,
        # Said beside the coordinator's urge button (one query, for the coordinator only).
        "last_urge": last_urge(assignment_id=assignment.pk) if access.may_urge else None,
    }
    return render(request, "tasks/assignment_detail.html", context)


@login_required
@kept_page
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_assignment(request, *_viewable_assignment(request, pk))


@login_required
@require_POST
def assignment_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Every form of the assignment page posts here: check, call the service, redirect or show the errors."""
    assignment, access = _viewable_assignment(request, pk)
    action = Action(action)
    if not access.is_actor(action):
        raise PermissionDenied
    form = _action_form(action, assignment, access, request.POST, request.FILES)
    errors = []
    if going_back(request, form):
        form.is_valid()
        return _render_assignment(request, assignment, access, bound=(action, form))
    if form.is_valid():
        # Ask first (tasks/views/confirm.py); a stale page goes straight on, to be refused by the service.
        if form.asks_first() and form.cleaned_data["version"] == assignment.version:
            return confirmation_step(
                request,
                form=form,
                action_url=request.path,
                subject=_subject(assignment),
            )
        try:
            said = ACTIONS[action].perform(form, assignment, request.user, form.cleaned_data.get("files", []))
        except ValidationError as error:
            errors.append(error)
        else:
            messages.success(request, said or ACTIONS[action].done_message)
            return redirect(assignment.get_absolute_url())
    # Show the page as it is now, with what the user typed; the next try carries the current version.
    fresh = assignment_get(assignment_id=assignment.pk)
    data = request.POST.copy()
    data[f"{action.value}-version"] = str(fresh.version)
    data[f"{action.value}-confirmed"] = ""  # the next try asks again
    fresh_access = assignment_access(request.user, fresh)
    retry = _action_form(action, fresh, fresh_access, data, request.FILES)
    retry.is_valid()
    for error in errors:
        retry.add_error(None, error)
    return _render_assignment(request, fresh, fresh_access, bound=(action, retry))
