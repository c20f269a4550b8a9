"""Work lists: the agency's assignments across directives (/work/) and every assignment of one directive."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from agencies.page_cache import kept_page
from agencies.selectors import active_agencies
from directives.models import Directive
from directives.selectors import directive_get

from ..filters import AssignmentFilter
from ..permissions import user_can_monitor_directive, user_work_scope
from ..selectors import (
    TIMELINESS_ORDER,
    assignment_list,
    directive_agencies,
    directives_coordinated_by,
    timeliness_counts,
    workspace_filter_choices,
)
from .paging import note_page_past_the_end, sorted_page


def _assignment_list_page(request, *, base, directives, groups, agencies, context) -> HttpResponse:
    filterset = AssignmentFilter(request.GET, queryset=base, directives=directives, groups=groups, agencies=agencies)
    page_obj = sorted_page(filterset.qs, request.GET.get("page"), 25)
    note_page_past_the_end(request, page_obj)
    counts = timeliness_counts(filterset.before_timeliness if filterset.before_timeliness is not None else base)
    context = {
        **context,
        "filter": filterset,
        "page_obj": page_obj,
        "timeliness_counts": [(code, counts.get(code, 0)) for code in TIMELINESS_ORDER],
        "total": sum(counts.values()),
        "is_filtered": any(value for key, value in request.GET.items() if key != "page"),
        "show_agency": agencies is not None,
    }
    return render(request, "tasks/assignment_list.html", context)


@login_required
@kept_page
def work_list(request: HttpRequest) -> HttpResponse:
    """The agency's assignments across directives; leaders and admins see every agency's."""
    user = request.user
    agency_id, everything = user_work_scope(user)
    if agency_id is None and not everything:
        return render(request, "tasks/assignment_list.html", {"no_agency": True, "title": _("Work of my agency")})
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
        agencies=active_agencies() if everything else None,
        context=context,
    )


@login_required
@kept_page
def directive_assignments(request: HttpRequest, pk: int) -> HttpResponse:
    """Every assignment of one directive, for its coordinator, leaders and admins."""
    try:
        directive = directive_get(directive_id=pk)
    except Directive.DoesNotExist as missing:
        raise Http404 from missing
    if not user_can_monitor_directive(request.user, directive):
        raise PermissionDenied
    directives, groups = workspace_filter_choices(directive_id=directive.pk)
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
        agencies=directive_agencies(directive_id=directive.pk, with_units=True),
        context=context,
    )
