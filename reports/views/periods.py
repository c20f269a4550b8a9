"""The list of reporting periods, a period's submission tracker, and urging the agencies that have not reported."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencies.page_cache import kept_page

from ..permissions import user_can_track_period, user_can_urge_agencies
from ..selectors import periods as period_selectors
from ..selectors.consolidated import consolidated_get
from ..selectors.tracker import period_tracker
from ..services.agency_reports import period_urge_missing
from .helpers import period_or_404


@login_required
@kept_page
def period_list(request: HttpRequest) -> HttpResponse:
    items = period_selectors.period_list(user=request.user)
    return render(request, "reports/period_list.html", {"items": items})


@login_required
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The submission tracker of a period."""
    period = period_or_404(pk)
    if not user_can_track_period(request.user, period):
        raise PermissionDenied
    context = {
        "period": period,
        "tracker": period_tracker(period=period),
        "consolidated": consolidated_get(period=period),
        "can_urge": user_can_urge_agencies(request.user, period),
        "today": timezone.localdate(),
    }
    return render(request, "reports/period_detail.html", context)


@login_required
@require_POST
def period_urge(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_or_404(pk)
    if not user_can_urge_agencies(request.user, period):
        raise PermissionDenied
    agencies, people = period_urge_missing(period=period, user=request.user)
    if agencies:
        messages.success(
            request,
            ngettext(
                "Urged %(agencies)d agency (%(people)d people notified by e-mail).",
                "Urged %(agencies)d agencies (%(people)d people notified by e-mail).",
                agencies,
            )
            % {"agencies": agencies, "people": people},
        )
    else:
        messages.info(request, _("Every agency has submitted: nobody to urge."))
    return redirect("reports:period_detail", pk=period.pk)
