"""The pages of the exchange: the user's connections (API tokens, calendar address) and the calendar feed itself."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from directives.models import Directive
from directives.selectors import directive_get
from reports.selectors.periods import period_list
from tasks.permissions import user_can_monitor_directive, user_work_scope
from tasks.selectors import assignment_list, directives_coordinated_by

from ..feeds import calendar, calendar_feed_rotate, calendar_feed_user, open_deadlines, report_due_dates
from ..forms import TokenForm
from ..selectors import user_tokens
from ..tokens import api_token_create, api_token_revoke

TEMPLATE = "api/connections.html"


def _context(request, **extra) -> dict:
    return {
        "tokens": list(user_tokens(user=request.user)),
        "form": extra.pop("form", None) or TokenForm(),
        "has_feed": hasattr(request.user, "calendar_feed"),
        "coordinated": list(directives_coordinated_by(agency_id=request.user.agency_id)),
        **extra,
    }


@login_required
def connections(request: HttpRequest) -> HttpResponse:
    """Make, see and revoke API tokens; get (or rotate) the calendar address. A new secret is shown once."""
    if request.method != "POST":
        return render(request, TEMPLATE, _context(request))
    action = request.POST.get("action")
    if action == "token":
        form = TokenForm(request.POST)
        if not form.is_valid():
            return render(request, TEMPLATE, _context(request, form=form), status=400)
        made = api_token_create(user=request.user, **form.cleaned_data)
        return render(request, TEMPLATE, _context(request, new_token=made.raw))
    if action == "revoke":
        token = next((t for t in user_tokens(user=request.user) if str(t.pk) == request.POST.get("token")), None)
        if token is None:
            raise Http404
        api_token_revoke(token=token)
        return render(request, TEMPLATE, _context(request, revoked=token))
    if action == "calendar":
        secret = calendar_feed_rotate(user=request.user)
        url = request.build_absolute_uri(reverse("api_pages:calendar_feed", args=[secret]))
        return render(request, TEMPLATE, _context(request, feed_url=url))
    return HttpResponseBadRequest(_("Unknown action."))


def _directive_feed(user, directive_id: str):
    try:
        directive = directive_get(directive_id=int(directive_id))
    except (ValueError, Directive.DoesNotExist) as missing:
        raise Http404 from missing
    if not user_can_monitor_directive(user, directive):
        raise PermissionDenied
    return directive


@require_GET
def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """The feed: the work list's open deadlines and the report due dates; `?directive=` one directive's, for its
    coordinator, leaders and admins."""
    user = calendar_feed_user(secret=secret)
    if user is None:
        raise Http404
    directive_id = request.GET.get("directive")
    if directive_id:
        directive = _directive_feed(user, directive_id)
        assignments = assignment_list(directive_id=directive.pk)
        name = f"Đôn đốc · {directive.number}"
    else:
        agency_id, everything = user_work_scope(user)
        assignments = assignment_list(agency_id=agency_id)
        if agency_id is None and not everything:
            assignments = assignments.none()  # no agency and no province-wide role: no work list, no deadlines
        name = f"Đôn đốc · {user.agency.name if user.agency else user}"
    items = period_list(user=user)
    dates = report_due_dates(items, agency_id=user.agency_id, directive_id=int(directive_id) if directive_id else None)
    body = calendar(name=name, assignments=open_deadlines(assignments), due_dates=dates)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="dondoc.ics"'
    return response
