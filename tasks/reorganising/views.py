"""The administrators' page "Tổ chức lại cơ quan": the change, a preview of what moves, then confirm."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from agencies.models import AgencyChange
from agencies.permissions import user_can_manage_setup

from .bulk import COLUMNS, NOT_UTF8, agencies_reorganise_from_csv
from .forms import ReorganisationForm
from .plan import open_assignments, reorganisation_plan
from .services import agencies_reorganise

# The preview lists at most this many assignments (a split lists every one: each needs its destination).
PREVIEW_ROWS = 200
DESTINATION_PREFIX = "dest_"
MAX_FILE_BYTES = 1024 * 1024


def _destinations(data) -> dict[int, int]:
    chosen = {}
    for key, value in data.items():
        if key.startswith(DESTINATION_PREFIX) and key[len(DESTINATION_PREFIX) :].isdigit() and value.isdigit():
            chosen[int(key[len(DESTINATION_PREFIX) :])] = int(value)
    return chosen


def _preview_context(plan) -> dict:
    """Each open assignment with where it goes; one joining the same task at its destination says so."""
    is_split = plan.request.kind == AgencyChange.Kind.SPLIT
    rows = [(assignment, destination, False) for assignment, destination in plan.moves]
    rows += [(assignment, staying.agency, True) for assignment, staying in plan.joins]
    shown = rows if is_split else rows[:PREVIEW_ROWS]
    return {
        "plan": plan,
        "is_split": is_split,
        "move_rows": shown,
        "more_rows": len(rows) - len(shown),
        "choices": plan.request.successors,
    }


def _split_rows(reorganisation) -> dict:
    """A split the plan refused: every open assignment with the destination chosen so far, to choose the rest."""
    by_id = {agency.pk: agency for agency in reorganisation.successors}
    chosen = reorganisation.destinations
    rows = [
        (assignment, by_id.get(chosen.get(assignment.pk)), False) for assignment in open_assignments(reorganisation)
    ]
    return {"is_split": True, "move_rows": rows, "more_rows": 0, "choices": reorganisation.successors}


@login_required
def agency_reorganise(request: HttpRequest) -> HttpResponse:
    if not user_can_manage_setup(request.user):
        raise PermissionDenied
    form = ReorganisationForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        reorganisation = form.request(destinations=_destinations(request.POST))
        try:
            if request.POST.get("step") == "confirm":
                change = agencies_reorganise(request=reorganisation, user=request.user)
                messages.success(request, _("The reorganisation is recorded: %(change)s.") % {"change": change})
                return redirect("admin:agencies_agencychange_change", change.pk)
            context.update(_preview_context(reorganisation_plan(request=reorganisation)))
        except ValidationError as error:
            form.add_error(None, error)
            if reorganisation.kind == AgencyChange.Kind.SPLIT and len(reorganisation.predecessors) == 1:
                context.update(_split_rows(reorganisation))
    return render(request, "tasks/agency_reorganise.html", context)


class ReorganisationFileForm(forms.Form):
    file = forms.FileField(label=_lazy("CSV file"), help_text=_lazy("UTF-8; the columns are listed above."))
    dry_run = forms.BooleanField(
        label=_lazy("Dry run: show what would move, save nothing"), required=False, initial=True
    )


@login_required
def agency_reorganise_file(request: HttpRequest) -> HttpResponse:
    """Upload a CSV mapping; a dry run lists what would move, otherwise every row is performed or none."""
    if not user_can_manage_setup(request.user):
        raise PermissionDenied
    form = ReorganisationFileForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": COLUMNS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_FILE_BYTES:
                raise ValidationError(_("The file is larger than 1 MB."))
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            form.add_error("file", str(NOT_UTF8))
        except ValidationError as error:
            form.add_error("file", error)
        else:
            dry_run = form.cleaned_data["dry_run"]
            try:
                context["result"] = agencies_reorganise_from_csv(text=text, user=request.user, dry_run=dry_run)
                context["dry_run"] = dry_run
            except ValidationError as error:
                form.add_error(None, error)
    return render(request, "tasks/agency_reorganise_file.html", context)
