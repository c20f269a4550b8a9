"""The import page /directives/import/: paste or upload, review what was read, confirm; nothing is saved before."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from agencies.middleware import allow_post_fields
from agencies.selectors import active_agencies
from directives.importing import DirectiveImportError
from directives.permissions import user_can_import_directive
from directives.scans import directive_scan_create

from .confirm import directive_import_confirm
from .forms import DirectiveImportSourceForm, DirectiveReviewForm, ImportCitationFormSet, ImportGroupFormSet
from .review import citation_matches, propose_review, reviewed_directive
from .task_rows import rows_by_group, task_formset


def _import_formsets(data=None, initial: dict | None = None):
    agencies_by_id = {str(agency.pk): agency for agency in active_agencies()}
    initial = initial or {}
    review = DirectiveReviewForm(data, initial=initial.get("directive"))
    groups = ImportGroupFormSet(
        data, initial=initial.get("groups"), prefix="groups", form_kwargs={"agencies_by_id": agencies_by_id}
    )
    citations = ImportCitationFormSet(data, initial=initial.get("citations"), prefix="citations")
    rows = task_formset(data, initial.get("task_rows"), agencies_by_id)
    return review, groups, citations, rows


def _render_review(request: HttpRequest, review, groups, citations, rows) -> HttpResponse:
    values = [{"kind": form["kind"].value(), "number": form["number"].value()} for form in citations.forms]
    by_group = rows_by_group(rows)
    context = {
        "review": review,
        "groups": groups,
        "task_rows": rows,
        "group_rows": [(form, by_group.get(index, [])) for index, form in enumerate(groups.forms)],
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


def _confirm(request: HttpRequest) -> HttpResponse:
    review, groups, citations, rows = _import_formsets(request.POST)
    if review.is_valid() and groups.is_valid() and citations.is_valid() and rows.is_valid():
        kept = groups.kept_forms
        proposal = reviewed_directive(
            directive=review.cleaned_data,
            groups=[{**form.cleaned_data, "index": i} for i, form in enumerate(groups.forms) if form in kept],
            citations=[form.cleaned_data for form in citations.forms],
            task_rows={index: [form.cleaned_data for form in forms_] for index, forms_ in rows_by_group(rows).items()},
        )
        try:
            directive = directive_import_confirm(proposal=proposal, user=request.user)
        except ValidationError as error:
            _add_service_errors(review, error)
        else:
            messages.success(
                request,
                _("%(document)s has been imported with its items, tasks and lead agencies.") % {"document": directive},
            )
            return redirect(directive)
    return _render_review(request, review, groups, citations, rows)


def _propose(request: HttpRequest, form: DirectiveImportSourceForm) -> HttpResponse:
    """The text read or pasted, parsed for review; a scan goes to its OCR job first."""
    level = form.cleaned_data.get("group_level") or 1
    if form.cleaned_data.get("scan"):
        scan = directive_scan_create(user=request.user, group_level=level, **form.cleaned_data["scan"])
        return redirect("tasks:directive_import_scan", pk=scan.pk)
    text = form.cleaned_data["source_text"]
    try:
        initial = propose_review(text, level)
    except DirectiveImportError as error:
        if form.cleaned_data.get("file"):
            # Show what was read from the file, so the admin can correct it here and try again.
            form = DirectiveImportSourceForm({"text": text})
            form.is_valid()
            form.add_error(None, _("The text read from the file is shown below; correct it and import again."))
        form.add_error("text", str(error))
        return render(request, "tasks/directive_import.html", {"form": form})
    return _render_review(request, *_import_formsets(initial=initial))


# The review of a directive of 300 items and 3 000 tasks (the formsets' maxima), each with a few agencies.
REVIEW_MAX_FIELDS = 30_000


@allow_post_fields(REVIEW_MAX_FIELDS)
@login_required
def directive_import(request: HttpRequest) -> HttpResponse:
    """Import a directive: paste or upload its text, review the proposal, confirm; nothing is saved before."""
    if not user_can_import_directive(request.user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("step") == "confirm":
        return _confirm(request)
    form = DirectiveImportSourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return _propose(request, form)
    return render(request, "tasks/directive_import.html", {"form": form})
