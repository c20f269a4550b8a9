"""The home page (the inbox of what needs the user now) and the dashboard of the directives a user follows.

Home lives in the reports app because its inbox shows reports as well as assignments, and tasks must not
import reports.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from agencies.page_cache import kept_page

from ..inbox import inbox as inbox_get
from ..permissions import user_can_track_period, user_can_view_dashboard
from ..selectors.dashboard import dashboard as dashboard_get
from ..selectors.dashboard import default_dashboard_directive
from ..selectors.directives import dashboard_directives
from ..signals import SESSION_KEY


@login_required
@kept_page
def home(request: HttpRequest) -> HttpResponse:
    """ "Việc cần xử lý": what waits for the user now, each item one click from its page, then where to go next."""
    user = request.user
    inbox = inbox_get(user)
    # The menu shows the same total: counted once.
    request._inbox_total = inbox.total
    context = {
        "inbox": inbox,
        # The menu's own rule (set at sign-in), so the link never leads to a refusal and costs no query.
        "may_view_dashboard": bool(request.session.get(SESSION_KEY)),
    }
    return render(request, "reports/home.html", context)


@login_required
@kept_page
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
