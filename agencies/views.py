"""Pages of the agencies app: the user's notifications and notification settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import AgencyDocumentForm, NotificationSettingsForm, SignerFormSet
from .models import Notification
from .page_cache import kept_page
from .permissions import user_can_manage_signers
from .selectors import agency_get
from .selectors import notification_list as select_notifications
from .services import (
    agency_update_document_settings,
    notification_mark_all_read,
    notification_mark_read,
    user_update_notification_settings,
)

PAGE_SIZE = 25


@login_required
@kept_page
def notification_list(request: HttpRequest) -> HttpResponse:
    # Only the user's own notices are ever read here: the selector filters by request.user.
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(select_notifications(user=request.user, unread_only=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "agencies/notification_list.html",
        {"page_obj": page, "notifications": page.object_list, "unread_only": unread_only},
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        notification = notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist as missing:
        raise Http404 from missing
    # "Open" marks the notice read and follows its link; "Mark as read" stays on the list.
    if request.POST.get("open") and notification.url and _is_local(request, notification.url):
        return redirect(notification.url)
    return redirect(_back(request))


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notification_mark_all_read(user=request.user)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("agencies:notification_list")


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    initial = {"receives_daily_digest": request.user.receives_daily_digest}
    form = NotificationSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user_update_notification_settings(
            user=request.user, receives_daily_digest=form.cleaned_data["receives_daily_digest"]
        )
        messages.success(request, _("Your notification settings were saved."))
        return redirect("agencies:notification_settings")
    return render(request, "agencies/notification_settings.html", {"form": form})


def _is_local(request: HttpRequest, url: str) -> bool:
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and _is_local(request, target):
        return target
    return "agencies:notification_list"


@login_required
def agency_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """The parent body and the signers an agency's official documents carry, kept by the agency's manager."""
    agency = agency_get(agency_id=pk)
    if agency is None:
        raise Http404
    if not user_can_manage_signers(request.user, agency.pk):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = AgencyDocumentForm(data, initial={"parent_body": agency.parent_body})
    formset = SignerFormSet(data, instance=agency, prefix="signers")
    if data is not None and form.is_valid() and formset.is_valid():
        agency_update_document_settings(
            agency=agency, parent_body=form.cleaned_data["parent_body"], signers_formset=formset
        )
        messages.success(request, _("The agency's signers were saved."))
        return redirect("agency_documents", pk=agency.pk)
    status = 400 if data is not None else 200
    return render(
        request, "agencies/agency_documents.html", {"agency": agency, "form": form, "formset": formset}, status=status
    )
