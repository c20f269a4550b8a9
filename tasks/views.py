"""Pages of the tasks app: the directive page, search, directive import and the agency workspace."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from agencies.models import Agency
from agencies.permissions import user_sees_everything
from directives.importing import DirectiveImportError
from directives.models import Directive
from directives.permissions import user_can_import_directive, user_can_view_directive, user_is_coordinator
from directives.selectors import directive_list

from .filters import AssignmentFilter
from .forms import (
    CancelForm,
    ConfirmForm,
    DeclareDoneForm,
    DirectiveImportSourceForm,
    DirectiveReviewForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    ImportCitationFormSet,
    ImportGroupFormSet,
    PauseForm,
    ProgressUpdateForm,
    ResumeForm,
    ReturnForm,
)
from .importing import citation_matches, propose_review, reviewed_directive
from .models import Assignment, Evidence, ExtensionRequest
from .permissions import (
    user_can_confirm_assignment,
    user_can_decide_extension,
    user_can_download_evidence,
    user_can_monitor_directive,
    user_can_pause_or_cancel,
    user_can_report_on_assignment,
    user_can_request_extension,
    user_can_urge_assignment,
    user_can_view_assignment,
)
from .reminders import REMINDED_STATUSES
from .selectors import (
    TIMELINESS_ORDER,
    AssignmentPage,
    assignment_get,
    assignment_list,
    assignment_page,
    directive_overview,
    directives_coordinated_by,
    extension_requests_decided,
    extension_requests_pending,
    task_search,
    timeliness_counts,
    workspace_filter_choices,
)
from .services import (
    assignment_cancel,
    assignment_confirm,
    assignment_declare_done,
    assignment_pause,
    assignment_resume,
    assignment_return,
    directive_import_confirm,
    extension_request_create,
    extension_request_decide,
    progress_update_create,
)
from .timeliness import TIMELINESS_COLOURS, Status


@login_required
def directive_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        overview = directive_overview(directive_id=pk)
    except Directive.DoesNotExist as missing:
        raise Http404 from missing
    if not user_can_view_directive(request.user, overview.directive):
        raise PermissionDenied
    context = {
        "overview": overview,
        "directive": overview.directive,
        "timeliness_order": TIMELINESS_ORDER,
        "timeliness_colours": TIMELINESS_COLOURS,
        "is_coordinator": user_is_coordinator(request.user, overview.directive),
        "can_monitor": user_can_monitor_directive(request.user, overview.directive),
    }
    return render(request, "tasks/directive_detail.html", context)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    directives = list(directive_list(query=query)[:50]) if query else []
    tasks = task_search(query=query) if query else []
    return render(request, "tasks/search.html", {"query": query, "directives": directives, "tasks": tasks})


def _import_formsets(data=None, initial: dict | None = None):
    agencies_by_id = {str(agency.pk): agency for agency in Agency.objects.filter(is_active=True)}
    initial = initial or {}
    review = DirectiveReviewForm(data, initial=initial.get("directive"))
    groups = ImportGroupFormSet(
        data, initial=initial.get("groups"), prefix="groups", form_kwargs={"agencies_by_id": agencies_by_id}
    )
    citations = ImportCitationFormSet(data, initial=initial.get("citations"), prefix="citations")
    return review, groups, citations


def _render_review(request: HttpRequest, review, groups, citations) -> HttpResponse:
    values = [{"kind": form["kind"].value(), "number": form["number"].value()} for form in citations.forms]
    context = {
        "review": review,
        "groups": groups,
        "citations": citations,
        "citation_rows": list(zip(citations.forms, citation_matches(values), strict=True)),
        "warnings": [line for line in (review["warnings"].value() or "").splitlines() if line.strip()],
    }
    return render(request, "tasks/directive_import_review.html", context)


def _add_service_errors(review: DirectiveReviewForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        review.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        review.add_error(field if field in review.fields else None, messages_)


@login_required
def directive_import(request: HttpRequest) -> HttpResponse:
    """Import a directive: paste or upload its text, review the proposal, confirm; nothing is saved before."""
    if not user_can_import_directive(request.user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("step") == "confirm":
        review, groups, citations = _import_formsets(request.POST)
        if review.is_valid() and groups.is_valid() and citations.is_valid():
            kept = [form.cleaned_data for form in groups.forms if form.has_changed() or not form.empty_permitted]
            kept = [data for data in kept if not data.get("DELETE")]
            proposal = reviewed_directive(
                directive=review.cleaned_data,
                groups=kept,
                citations=[form.cleaned_data for form in citations.forms],
            )
            try:
                directive = directive_import_confirm(proposal=proposal, user=request.user)
            except ValidationError as error:
                _add_service_errors(review, error)
            else:
                messages.success(
                    request,
                    _("%(document)s has been imported with its items, tasks and lead agencies.")
                    % {"document": directive},
                )
                return redirect(directive)
        return _render_review(request, review, groups, citations)

    form = DirectiveImportSourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["source_text"]
        try:
            initial = propose_review(text)
        except DirectiveImportError as error:
            if form.cleaned_data.get("file"):
                # Show what was read from the file, so the admin can correct it here and try again.
                form = DirectiveImportSourceForm({"text": text})
                form.is_valid()
                form.add_error(None, _("The text read from the file is shown below; correct it and import again."))
            form.add_error("text", str(error))
        else:
            return _render_review(request, *_import_formsets(initial=initial))
    return render(request, "tasks/directive_import.html", {"form": form})


# --- The agency workspace. ---


def _filter_query(params, *, without: tuple[str, ...] = ("page",)) -> str:
    params = params.copy()
    for key in without:
        params.pop(key, None)
    return params.urlencode()


def _assignment_list_page(request, *, base, directives, groups, agencies, context) -> HttpResponse:
    filterset = AssignmentFilter(request.GET, queryset=base, directives=directives, groups=groups, agencies=agencies)
    assignments = filterset.qs
    counts = timeliness_counts(filterset.before_timeliness if filterset.before_timeliness is not None else base)
    without_timeliness = _filter_query(request.GET, without=("page", "timeliness"))
    page = Paginator(assignments, 25).get_page(request.GET.get("page"))
    context = {
        **context,
        "filter": filterset,
        "page_obj": page,
        "filter_query": _filter_query(request.GET),
        "timeliness_links": [
            (code, counts.get(code, 0), f"{without_timeliness}&timeliness={code}".lstrip("&"))
            for code in TIMELINESS_ORDER
        ],
        "total": sum(counts.values()),
        "is_filtered": any(value for key, value in request.GET.items() if key != "page"),
        "show_agency": agencies is not None,
    }
    return render(request, "tasks/assignment_list.html", context)


@login_required
def work_list(request: HttpRequest) -> HttpResponse:
    """The agency's assignments across directives; leaders and admins see every agency's."""
    user = request.user
    everything = user_sees_everything(user)
    if not everything and user.agency_id is None:
        return render(request, "tasks/assignment_list.html", {"no_agency": True, "title": _("Work of my agency")})
    agency_id = None if everything else user.agency_id
    directives, groups = workspace_filter_choices(agency_id=agency_id)
    context = {
        "title": _("Work of every agency") if everything else _("Work of my agency"),
        "agency": None if everything else user.agency,
        "coordinated": list(directives_coordinated_by(agency_id=user.agency_id)),
    }
    return _assignment_list_page(
        request,
        base=assignment_list(agency_id=agency_id),
        directives=directives,
        groups=groups,
        agencies=Agency.objects.filter(is_active=True) if everything else None,
        context=context,
    )


@login_required
def directive_assignments(request: HttpRequest, pk: int) -> HttpResponse:
    """Every assignment of one directive, for its coordinator, leaders and admins."""
    directive = get_object_or_404(Directive.objects.select_related("coordinating_agency"), pk=pk)
    if not user_can_monitor_directive(request.user, directive):
        raise PermissionDenied
    directives, groups = workspace_filter_choices(directive_id=directive.pk)
    agencies = Agency.objects.filter(assignments__task__group__directive=directive).distinct()
    context = {
        "title": _("Assignments of %(directive)s")
        % {"directive": f"{directive.get_kind_display()} {directive.number}"},
        "directive": directive,
    }
    return _assignment_list_page(
        request,
        base=assignment_list(directive_id=directive.pk),
        directives=directives,
        groups=groups,
        agencies=agencies,
        context=context,
    )


def _viewable_assignment(request: HttpRequest, pk: int) -> Assignment:
    """The assignment if the user may see it; 404 otherwise, so guessing ids reveals nothing."""
    try:
        assignment = assignment_get(assignment_id=pk)
    except Assignment.DoesNotExist as missing:
        raise Http404 from missing
    if not user_can_view_assignment(request.user, assignment):
        raise Http404
    return assignment


@dataclass(frozen=True)
class Action:
    form_class: type
    allowed: Callable
    perform: Callable
    done_message: str


def _perform_update(form, assignment, user, files):
    data = form.cleaned_data
    progress_update_create(
        assignment=assignment,
        author=user,
        percent=data["percent"],
        results=data["results"],
        difficulties=data["difficulties"],
        proposals=data["proposals"],
        files=files,
    )


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


ACTIONS = {
    "update": Action(ProgressUpdateForm, user_can_report_on_assignment, _perform_update, _("Progress update saved.")),
    "done": Action(
        DeclareDoneForm,
        user_can_report_on_assignment,
        _state_change(assignment_declare_done, "note"),
        _("The work is declared done and awaits the coordinator's confirmation."),
    ),
    "confirm": Action(
        ConfirmForm, user_can_confirm_assignment, _state_change(assignment_confirm), _("The work is confirmed as done.")
    ),
    "return": Action(
        ReturnForm,
        user_can_confirm_assignment,
        _state_change(assignment_return, "comment"),
        _("The work is returned to the agency to be done again."),
    ),
    "extension": Action(
        ExtensionRequestForm,
        user_can_request_extension,
        _state_change(extension_request_create, "new_deadline", "reason"),
        _("The extension request is sent to the provincial leaders."),
    ),
    "pause": Action(
        PauseForm, user_can_pause_or_cancel, _state_change(assignment_pause, "reason"), _("The assignment is paused.")
    ),
    "resume": Action(
        ResumeForm,
        user_can_pause_or_cancel,
        _state_change(assignment_resume, "reason"),
        _("The assignment is resumed."),
    ),
    "cancel": Action(
        CancelForm,
        user_can_pause_or_cancel,
        _state_change(assignment_cancel, "reason"),
        _("The assignment is cancelled."),
    ),
}


def _available_actions(user, page: AssignmentPage) -> set[str]:
    """Which forms the page offers: the permission helpers plus the state the work is in."""
    assignment = page.assignment
    status = assignment.status
    available = set()
    if user_can_report_on_assignment(user, assignment):
        available.add("update")
        if status in (Status.NOT_STARTED, Status.IN_PROGRESS):
            available.add("done")
    if user_can_confirm_assignment(user, assignment) and status == Status.AWAITING_CONFIRMATION:
        available |= {"confirm", "return"}
    if (
        user_can_request_extension(user, assignment)
        and status not in (Status.DONE, Status.CANCELLED)
        and assignment.deadline is not None
        and page.pending_extension is None
    ):
        available.add("extension")
    if user_can_pause_or_cancel(user, assignment):
        if status == Status.PAUSED:
            available.add("resume")
        elif status not in (Status.DONE, Status.CANCELLED):
            available.add("pause")
        if status not in (Status.DONE, Status.CANCELLED):
            available.add("cancel")
    return available


def _action_form(name: str, assignment: Assignment, data=None, files=None):
    form_class = ACTIONS[name].form_class
    initial = {"version": assignment.version}
    if name == "update":
        initial["percent"] = assignment.percent
    action = reverse(f"tasks:assignment_{name}", args=[assignment.pk])
    return form_class(data, files, prefix=name, initial=initial, action=action)


def _render_assignment(request, assignment: Assignment, *, bound: tuple[str, object] | None = None) -> HttpResponse:
    page = assignment_page(assignment=assignment)
    available = _available_actions(request.user, page)
    forms = {name: _action_form(name, assignment) for name in available}
    # A refused form whose action no longer applies (someone confirmed meanwhile) shows its errors at the top.
    refused = []
    if bound and bound[0] in available:
        forms[bound[0]] = bound[1]
    elif bound:
        refused = [message for messages_ in bound[1].errors.values() for message in messages_]
    context = {
        "refused": refused,
        "page": page,
        "assignment": assignment,
        "directive": assignment.task.group.directive,
        "forms": forms,
        "can_decide": user_can_decide_extension(request.user),
        "is_own": request.user.agency_id == assignment.agency_id,
        # The coordinator's urge, for open work only as on the directive page (no query: the directive is loaded).
        "can_urge": user_can_urge_assignment(request.user, assignment) and assignment.status in REMINDED_STATUSES,
    }
    return render(request, "tasks/assignment_detail.html", context)


@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_assignment(request, _viewable_assignment(request, pk))


@login_required
@require_POST
def assignment_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Every form of the assignment page posts here: check, call the service, redirect or show the errors."""
    assignment = _viewable_assignment(request, pk)
    spec = ACTIONS[action]
    if not spec.allowed(request.user, assignment):
        raise PermissionDenied
    form = _action_form(action, assignment, request.POST, request.FILES)
    if form.is_valid():
        try:
            spec.perform(form, assignment, request.user, form.cleaned_data.get("files", []))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, spec.done_message)
            return redirect(assignment.get_absolute_url())
    # Show the page as it is now, with what the user typed; the next try carries the current version.
    fresh = assignment_get(assignment_id=assignment.pk)
    data = request.POST.copy()
    data[f"{action}-version"] = str(fresh.version)
    form.data = data
    return _render_assignment(request, fresh, bound=(action, form))


@login_required
def extension_list(request: HttpRequest) -> HttpResponse:
    if not user_can_decide_extension(request.user):
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
        extension_request = ExtensionRequest.objects.select_related(
            "assignment__task__group__directive", "assignment__agency"
        ).get(pk=pk)
    except ExtensionRequest.DoesNotExist as missing:
        raise Http404 from missing
    if not user_can_view_assignment(request.user, extension_request.assignment):
        raise Http404
    if not user_can_decide_extension(request.user, extension_request):
        raise PermissionDenied
    form = _decision_form(extension_request, request.POST)
    if form.is_valid():
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


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    try:
        evidence = Evidence.objects.select_related("update__assignment__task__group__directive").get(pk=pk)
    except Evidence.DoesNotExist as missing:
        raise Http404 from missing
    if not user_can_download_evidence(request.user, evidence):
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    # FileResponse writes filename*=UTF-8''... (RFC 5987) for Vietnamese names.
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
