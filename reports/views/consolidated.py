"""The consolidated report of a period: compiled, edited and issued by the coordinator; read and downloaded by
those who track the period."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import User
from agencies.selectors import agency_signers, head_signer
from tasks.selectors import TIMELINESS_ORDER

from ..exports import consolidated_docx, consolidated_file_stem, consolidated_xlsx
from ..forms import ConsolidatedForm, IssueForm
from ..models import NARRATIVE_FIELDS, ConsolidatedReport, ReportPeriod
from ..permissions import ConsolidatedReportAccess, consolidated_report_access
from ..selectors.consolidated import accepted_reports, consolidated_get
from ..services import consolidated as services
from .helpers import DOCX, XLSX, add_errors, expected_version, file_response, period_or_404
from .pdf import consolidated_pdf_context

TEMPLATE = "reports/consolidated.html"
TEXT_FIELDS = (*NARRATIVE_FIELDS, "recipients")


def _access(user: User, period: ReportPeriod) -> tuple[ConsolidatedReport | None, ConsolidatedReportAccess]:
    report = consolidated_get(period=period)
    return report, consolidated_report_access(user, period=period, report=report)


def _context(
    period: ReportPeriod,
    report: ConsolidatedReport | None,
    access: ConsolidatedReportAccess,
    *,
    form: ConsolidatedForm | None = None,
    issue_form: IssueForm | None = None,
) -> dict:
    if access.can_edit and form is None:
        form = ConsolidatedForm(
            initial={"version": report.version} | {name: getattr(report, name) for name in TEXT_FIELDS}
        )
    if access.can_edit and issue_form is None:
        issue_form = _issue_form(report, initial={"version": report.version})
    stats = report.statistics if report else {}
    return {
        "as_of": date.fromisoformat(stats["as_of"]) if stats.get("as_of") else None,
        "period": period,
        "report": report,
        "access": access,
        "stats": stats,
        "timeliness_items": [(code, (stats.get("by_timeliness") or {}).get(code, 0)) for code in TIMELINESS_ORDER],
        "accepted_count": len(accepted_reports(period=period)) if report is None else None,
        "form": form if access.can_edit else None,
        "issue_form": issue_form if access.can_edit else None,
        "pdf": consolidated_pdf_context(report) if report and access.may_download else None,
    }


def _issue_form(report: ConsolidatedReport, data=None, **kwargs) -> IssueForm:
    agency_id = report.issuing_agency_id
    return IssueForm(data, signers=agency_signers(agency_id=agency_id), head=head_signer(agency_id=agency_id), **kwargs)


@login_required
def consolidated(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_or_404(pk)
    report, access = _access(request.user, period)
    if not access.may_view:
        raise PermissionDenied
    if request.method != "POST":
        return render(request, TEMPLATE, _context(period, report, access))
    if not access.may_compile:
        raise PermissionDenied
    if report is None:
        raise Http404
    form = ConsolidatedForm(request.POST)
    if form.is_valid():
        try:
            if "refresh" in request.POST:
                services.consolidated_refresh_statistics(
                    report=report, user=request.user, expected_version=expected_version(form)
                )
            else:
                services.consolidated_save(
                    report=report,
                    user=request.user,
                    expected_version=expected_version(form),
                    **{name: form.cleaned_data[name] for name in TEXT_FIELDS},
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The consolidated report was saved."))
            return redirect("reports:consolidated", pk=period.pk)
    return render(request, TEMPLATE, _context(period, report, access, form=form), status=400 if form.errors else 200)


@login_required
@require_POST
def consolidated_compile(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_or_404(pk)
    _report, access = _access(request.user, period)
    if not access.may_compile:
        raise PermissionDenied
    try:
        services.consolidated_compile(period=period, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The consolidated report was compiled from the data at the cutoff."))
    return redirect("reports:consolidated", pk=period.pk)


@login_required
@require_POST
def consolidated_issue(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_or_404(pk)
    report, access = _access(request.user, period)
    if not access.may_compile:
        raise PermissionDenied
    if report is None:
        raise Http404
    issue_form = _issue_form(report, request.POST)
    if issue_form.is_valid():
        data = issue_form.cleaned_data
        try:
            issued = services.consolidated_issue(
                report=report,
                user=request.user,
                expected_version=expected_version(issue_form),
                issued_on=data["issued_on"],
                number=data["number"],
                signer=data["signer"],
                authority=data["authority"],
                head_title=data["head_title"],
            )
        except ValidationError as error:
            add_errors(issue_form, error)
        else:
            messages.success(request, _("Report %(number)s was issued.") % {"number": issued.document_number})
            return redirect("reports:consolidated", pk=period.pk)
    # Read again: the post may have met a report that changed meanwhile.
    context = _context(period, *_access(request.user, period), issue_form=issue_form)
    if context["issue_form"] is None:
        context["issue_form"] = issue_form
    return render(request, TEMPLATE, context, status=400)


def _downloadable(request: HttpRequest, pk: int) -> ConsolidatedReport:
    period = period_or_404(pk)
    report, access = _access(request.user, period)
    if not access.may_view:
        raise PermissionDenied
    if not access.may_download:
        raise Http404
    return report


@login_required
def consolidated_download_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _downloadable(request, pk)
    return file_response(consolidated_docx(report), DOCX, f"{consolidated_file_stem(report)}.docx")


@login_required
def consolidated_download_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _downloadable(request, pk)
    data = consolidated_xlsx(report)
    return file_response(data, XLSX, f"{consolidated_file_stem(report)}-phu-luc.xlsx")
