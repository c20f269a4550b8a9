"""The home page's redirect and the dashboard of the directives a user follows.

Home lives in the reports app because the dashboard does and tasks must not import reports.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ..permissions import user_can_track_period, user_can_view_dashboard
from ..selectors.dashboard import dashboard as dashboard_get
from ..selectors.dashboard import default_dashboard_directive
from ..selectors.directives import dashboard_directives


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Leaders, admins and users of an agency coordinating a tracked directive land on the dashboard;
    staff and managers of the other agencies on their agency's work."""
    user = request.user
    # The dashboard view's own rule, so the redirect never leads to a refusal.
    if user_can_view_dashboard(user):
        return redirect("reports:dashboard")
    if user.agency_id is None:
        return redirect("directives:list")
    return redirect("tasks:work")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user_can_view_dashboard(user):
        raise PermissionDenied
    directives = list(dashboard_directives(user))
    wanted = request.GET.get("directive", "")
    if wanted.isdigit():
        chosen = next((d for d in directives if d.pk == int(wanted)), None)
        if chosen is None:
            raise Http404
    else:
        chosen = default_dashboard_directive(directives)
    data = dashboard_get(directive=chosen) if chosen else None
    context = {
        "directives": directives,
        "directive": chosen,
        # Reversed once: the heatmap links every cell to it (hundreds of reverse() calls otherwise).
        "directive_url": chosen.get_absolute_url() if chosen else "",
        "data": data,
        "can_track": bool(data and data.period and user_can_track_period(user, data.period)),
    }
    return render(request, "reports/dashboard.html", context)
