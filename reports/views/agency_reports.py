"""One agency's report for a period: the agency drafts and submits it, the coordinator reviews it, both download it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import Agency, User
from agencies.selectors import agency_name_on, agency_signers, head_signer

from ..exports import agency_report_docx, agency_report_filename
from ..forms import AgencyReportForm, ReviewForm
from ..models import NARRATIVE_FIELDS, AgencyReport, AgencyReportVersion, ReportPeriod
from ..permissions import AgencyReportAccess, agency_report_access
from ..selectors.agency_reports import (
    PrefillRow,
    agency_get,
    agency_report_get,
    agency_report_prefill,
    agency_report_versions,
    agency_reports_directive,
    prefill_narrative,
    rows_from_content,
)
from ..services.agency_reports import (
    agency_report_accept,
    agency_report_return,
    agency_report_save,
    agency_report_submit,
)
from .helpers import DOCX, add_errors, expected_version, file_response, period_or_404
from .pdf import agency_pdf_context

TEMPLATE = "reports/agency_report.html"


def _access(
    user: User, period: ReportPeriod, agency_id: int
) -> tuple[AgencyReport | None, list[AgencyReportVersion], AgencyReportAccess]:
    report = agency_report_get(period=period, agency_id=agency_id)
    versions = agency_report_versions(report=report)
    access = agency_report_access(user, period=period, agency_id=agency_id, report=report, versions=versions)
    return report, versions, access


def _agency_or_404(agency_id: int) -> Agency:
    agency = agency_get(agency_id=agency_id)
    if agency is None:
        raise Http404
    return agency


def _draft_initial(report: AgencyReport | None, rows: list[PrefillRow]) -> dict:
    """The form as the agency left it, or a first draft from what it reported during the period."""
    if report is None:
        return prefill_narrative(rows) | {"version": 0}
    return {name: getattr(report, name) for name in NARRATIVE_FIELDS} | {"version": report.version}


def _report_form(data=None, *, agency: Agency, access: AgencyReportAccess, initial=None) -> AgencyReportForm:
    """The text form; whoever may submit also chooses who signs (the agency's signers, its head first)."""
    if not access.can_submit:
        return AgencyReportForm(data, initial=initial)
    return AgencyReportForm(
        data,
        initial=initial,
        with_signature=True,
        signers=agency_signers(agency_id=agency.pk),
        head=head_signer(agency_id=agency.pk),
    )


def _signature_choice(form: AgencyReportForm) -> dict:
    if "signer" not in form.fields:
        return {}
    data = form.cleaned_data
    return {"signer": data["signer"], "authority": data.get("authority") or "", "head_title": data.get("head_title")}


def _context(
    period: ReportPeriod,
    agency: Agency,
    report: AgencyReport | None,
    versions: list[AgencyReportVersion],
    access: AgencyReportAccess,
    *,
    form: AgencyReportForm | None = None,
    review_form: ReviewForm | None = None,
) -> dict:
    if access.sees_draft:
        rows = agency_report_prefill(period=period, agency_id=agency.pk)
    elif access.shown_version is not None:
        rows = rows_from_content(access.shown_version.content)
    else:
        rows = []
    if access.can_edit and form is None:
        form = _report_form(agency=agency, access=access, initial=_draft_initial(report, rows))
    if access.can_review and review_form is None:
        review_form = ReviewForm(initial={"version": report.version})
    return {
        "period": period,
        "agency": agency,
        # As named at the period's cutoff: a later rename does not rewrite a past report.
        "agency_name": agency_name_on(agency, period.cutoff_on),
        "report": report,
        "versions": versions,
        "access": access,
        "rows": rows,
        "form": form if access.can_edit else None,
        "review_form": review_form if access.can_review else None,
        "pdf": (
            agency_pdf_context(access.pdf_version, period_id=period.pk, agency_id=agency.pk)
            if access.pdf_version
            else None
        ),
    }


def _saved(
    request: HttpRequest, form: AgencyReportForm, *, period: ReportPeriod, agency: Agency, submitting: bool
) -> bool:
    """Save the draft or submit it; a refusal lands on the form."""
    arguments = {
        "period": period,
        "agency": agency,
        "user": request.user,
        "expected_version": expected_version(form),
        **{name: form.cleaned_data[name] for name in NARRATIVE_FIELDS},
    }
    try:
        if submitting:
            agency_report_submit(**arguments, **_signature_choice(form))
        else:
            agency_report_save(**arguments)
    except ValidationError as error:
        add_errors(form, error)
        return False
    return True


@login_required
def agency_report(request: HttpRequest, pk: int, agency_id: int) -> HttpResponse:
    """The agency's report: pre-filled table and narrative for the agency, the submitted text for reviewers."""
    period = period_or_404(pk)
    report, versions, access = _access(request.user, period, agency_id)
    if not access.may_view:
        raise PermissionDenied
    agency = _agency_or_404(agency_id)
    if not agency_reports_directive(directive_id=period.directive_id, agency_id=agency.pk):
        raise Http404
    if request.method != "POST":
        return render(request, TEMPLATE, _context(period, agency, report, versions, access))
    if not access.may_draft:
        raise PermissionDenied
    submitting = "submit" in request.POST
    if submitting and not access.may_submit:
        raise PermissionDenied
    form = _report_form(request.POST, agency=agency, access=access)
    if form.is_valid() and _saved(request, form, period=period, agency=agency, submitting=submitting):
        messages.success(
            request, _("The report was submitted to the coordinator.") if submitting else _("The draft was saved.")
        )
        return redirect("reports:agency_report", pk=period.pk, agency_id=agency.pk)
    # Read again: the post may have met a report that changed meanwhile.
    context = _context(period, agency, *_access(request.user, period, agency.pk), form=form)
    if context["form"] is None:
        # Posted against a report that is locked now: show why instead of a silent loss.
        context["form"] = form
    return render(request, TEMPLATE, context, status=400 if form.errors else 200)


@login_required
@require_POST
def agency_report_review(request: HttpRequest, pk: int, agency_id: int) -> HttpResponse:
    period = period_or_404(pk)
    report, _versions, access = _access(request.user, period, agency_id)
    if not access.may_review:
        raise PermissionDenied
    agency = _agency_or_404(agency_id)
    if report is None:
        raise Http404
    review_form = ReviewForm(request.POST)
    if review_form.is_valid():
        accept = request.POST.get("decision") == "accept"
        service = agency_report_accept if accept else agency_report_return
        try:
            service(
                report=report,
                user=request.user,
                expected_version=expected_version(review_form),
                comment=review_form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_errors(review_form, error)
        else:
            messages.success(
                request, _("The report was accepted.") if accept else _("The report was returned to the agency.")
            )
            return redirect("reports:agency_report", pk=period.pk, agency_id=agency.pk)
    context = _context(period, agency, *_access(request.user, period, agency.pk), review_form=review_form)
    if context["review_form"] is None:
        context["review_form"] = review_form
        context["review_locked"] = True
    return render(request, TEMPLATE, context, status=400)


@login_required
def agency_report_download(request: HttpRequest, pk: int, agency_id: int) -> HttpResponse:
    period = period_or_404(pk)
    report, _versions, access = _access(request.user, period, agency_id)
    if not access.may_view:
        raise PermissionDenied
    if not access.may_download:
        raise Http404
    data = agency_report_docx(report=report, submitted_version=access.shown_version)
    return file_response(data, DOCX, agency_report_filename(report))
