"""The directive page (its groups, tasks and every assignment's state) and the search across directives and tasks."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from agencies.page_cache import kept_page
from directives.models import Directive
from directives.permissions import user_can_view_directive, user_is_coordinator
from directives.selectors import directive_list

from ..overview import directive_page
from ..permissions import user_can_monitor_directive
from ..selectors import TIMELINESS_ORDER, task_search
from ..timeliness import TIMELINESS_COLOURS
from ..workflow.table import Action, sources
from .paging import note_page_past_the_end


@login_required
@kept_page
def directive_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        page = directive_page(
            directive_id=pk,
            page=request.GET.get("page"),
            group=request.GET.get("group"),
            agency_id=request.user.agency_id,
        )
    except Directive.DoesNotExist as missing:
        raise Http404 from missing
    overview = page.overview
    if not user_can_view_directive(request.user, overview.directive):
        raise PermissionDenied
    if "group" not in request.GET:  # ?group= picks the page itself
        note_page_past_the_end(request, page.page_obj)
    context = {
        "overview": overview,
        "page_obj": page.page_obj,
        "directive": overview.directive,
        "timeliness_order": TIMELINESS_ORDER,
        "timeliness_colours": TIMELINESS_COLOURS,
        "is_coordinator": user_is_coordinator(request.user, overview.directive),
        "can_monitor": user_can_monitor_directive(request.user, overview.directive),
        # The states the coordinator may urge from (the transition table's; no query per assignment).
        "urgeable_statuses": sources(Action.URGE),
    }
    return render(request, "tasks/directive_detail.html", context)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    directives = list(directive_list(query=query)[:50]) if query else []
    tasks = task_search(query=query) if query else []
    return render(request, "tasks/search.html", {"query": query, "directives": directives, "tasks": tasks})
