"""Pages of the reports app: periods, agency reports and their review, the consolidated report, the dashboard."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencies.models import Agency
from directives.models import Directive
from tasks.selectors import TIMELINESS_ORDER
from tasks.timeliness import TIMELINESS_COLOURS

from . import permissions
from .errors import Errors
from .exports import agency_report_docx, consolidated_docx, consolidated_xlsx
from .forms import AgencyReportForm, ConsolidatedForm, IssueForm, ReviewForm
from .models import NARRATIVE_FIELDS, AgencyReport, ConsolidatedReport, ReportPeriod
from .selectors import agency_reports as agency_reads
from .selectors import consolidated as consolidated_reads
from .selectors import dashboard as dashboard_reads
from .selectors import directives as directive_reads
from .selectors import periods as period_reads
from .selectors import tracker as tracker_reads
from .services import agency_reports as agency_writes
from .services import consolidated as consolidated_writes

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(pk: int) -> ReportPeriod:
    try:
        return period_reads.period_get(period_id=pk)
    except ReportPeriod.DoesNotExist as missing:
        raise Http404 from missing


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _expected_version(form) -> int | None:
    return form.cleaned_data.get("version")


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    items = period_reads.period_list(user=request.user)
    return render(request, "reports/period_list.html", {"items": items})


@login_required
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The submission tracker of a period."""
    period = _period(pk)
    if not permissions.user_can_track_period(request.user, period):
        raise PermissionDenied
    tracker = tracker_reads.period_tracker(period=period)
    context = {
        "period": period,
        "tracker": tracker,
        "consolidated": consolidated_reads.consolidated_get(period=period),
        "can_urge": permissions.user_can_urge_agencies(request.user, period),
        "today": timezone.localdate(),
    }
    return render(request, "reports/period_detail.html", context)


@login_required
@require_POST
def period_urge(request: HttpRequest, pk: int) -> HttpResponse:
    period = _period(pk)
    if not permissions.user_can_urge_agencies(request.user, period):
        raise PermissionDenied
    agencies, people = agency_writes.period_urge_missing(period=period, user=request.user)
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


def _agency_report_context(request, period: ReportPeriod, agency: Agency, *, form=None, review_form=None) -> dict:
    user = request.user
    report = agency_reads.agency_report_get(period=period, agency_id=agency.pk)
    sees_draft = permissions.user_can_see_agency_report_draft(user, agency.pk)
    versions = agency_reads.agency_report_versions(report=report)
    can_edit = permissions.user_can_edit_agency_report(user, agency.pk)
    editable = report is None or report.status in (AgencyReport.Status.DRAFT, AgencyReport.Status.RETURNED)
    rows = agency_reads.agency_report_prefill(period=period, agency_id=agency.pk) if sees_draft else []
    if sees_draft and can_edit and editable and form is None:
        if report is None:
            initial = agency_reads.prefill_narrative(rows) | {"version": 0}
        else:
            initial = {name: getattr(report, name) for name in NARRATIVE_FIELDS} | {"version": report.version}
        form = AgencyReportForm(initial=initial)
    can_review = (
        permissions.user_can_review_agency_report(user, period)
        and report is not None
        and report.status == AgencyReport.Status.SUBMITTED
    )
    if can_review and review_form is None:
        review_form = ReviewForm(initial={"version": report.version})
    # Outside the agency, only what was submitted is shown: the latest submitted version.
    shown_version = None if sees_draft else (versions[0] if versions else None)
    if shown_version is not None:
        rows = agency_reads.rows_from_content(shown_version.content)
    return {
        "period": period,
        "agency": agency,
        "report": report,
        "versions": versions,
        "shown_version": shown_version,
        "sees_draft": sees_draft,
        "rows": rows,
        "form": form if (sees_draft and can_edit and editable) else None,
        "can_submit": permissions.user_can_submit_agency_report(user, agency.pk) and editable,
        "review_form": review_form if can_review else None,
        "locked_reason": _locked_reason(report) if sees_draft and not editable else "",
        "is_coordinator": permissions.user_can_review_agency_report(user, period),
    }


def _locked_reason(report: AgencyReport | None) -> str:
    if report is None:
        return ""
    if report.status == AgencyReport.Status.ACCEPTED:
        return str(Errors.ACCEPTED_LOCKED)
    if report.status == AgencyReport.Status.SUBMITTED:
        return str(Errors.SUBMITTED_LOCKED)
    return ""


def _agency_for(agency_id: int) -> Agency:
    try:
        return Agency.objects.get(pk=agency_id)
    except Agency.DoesNotExist as missing:
        raise Http404 from missing


@login_required
def agency_report(request: HttpRequest, pk: int, agency_id: int) -> HttpResponse:
    """The agency's report: pre-filled table and narrative for the agency, the submitted text for reviewers."""
    period = _period(pk)
    if not permissions.user_can_view_agency_report(request.user, period, agency_id):
        raise PermissionDenied
    agency = _agency_for(agency_id)
    if not agency_reads.agency_reports_directive(directive_id=period.directive_id, agency_id=agency.pk):
        raise Http404
    form = None
    if request.method == "POST":
        if not permissions.user_can_edit_agency_report(request.user, agency.pk):
            raise PermissionDenied
        submitting = "submit" in request.POST
        if submitting and not permissions.user_can_submit_agency_report(request.user, agency.pk):
            raise PermissionDenied
        form = AgencyReportForm(request.POST)
        if form.is_valid():
            narrative = {name: form.cleaned_data[name] for name in NARRATIVE_FIELDS}
            service = agency_writes.agency_report_submit if submitting else agency_writes.agency_report_save
            try:
                service(
                    period=period,
                    agency=agency,
                    user=request.user,
                    expected_version=_expected_version(form),
                    **narrative,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The report was submitted to the coordinator.") if submitting else _("The draft was saved."),
                )
                return redirect("reports:agency_report", pk=period.pk, agency_id=agency.pk)
    context = _agency_report_context(request, period, agency, form=form)
    if form is not None and context["form"] is None:
        # Posted against a report that is locked now: show why instead of a silent loss.
        context["form"] = form
    status = 400 if form is not None and form.errors else 200
    return render(request, "reports/agency_report.html", context, status=status)


@login_required
@require_POST
def agency_report_review(request: HttpRequest, pk: int, agency_id: int) -> HttpResponse:
    period = _period(pk)
    if not permissions.user_can_review_agency_report(request.user, period):
        raise PermissionDenied
    agency = _agency_for(agency_id)
    report = agency_reads.agency_report_get(period=period, agency_id=agency.pk)
    if report is None:
        raise Http404
    review_form = ReviewForm(request.POST)
    if review_form.is_valid():
        accept = request.POST.get("decision") == "accept"
        try:
            if accept:
                agency_writes.agency_report_accept(
                    report=report,
                    user=request.user,
                    expected_version=_expected_version(review_form),
                    comment=review_form.cleaned_data["comment"],
                )
            else:
                agency_writes.agency_report_return(
                    report=report,
                    user=request.user,
                    expected_version=_expected_version(review_form),
                    comment=review_form.cleaned_data["comment"],
                )
        except ValidationError as error:
            _add_errors(review_form, error)
        else:
            messages.success(
                request, _("The report was accepted.") if accept else _("The report was returned to the agency.")
            )
            return redirect("reports:agency_report", pk=period.pk, agency_id=agency.pk)
    context = _agency_report_context(request, period, agency, review_form=review_form)
    if context["review_form"] is None:
        context["review_form"] = review_form
        context["review_locked"] = True
    return render(request, "reports/agency_report.html", context, status=400)


@login_required
def agency_report_download(request: HttpRequest, pk: int, agency_id: int) -> HttpResponse:
    period = _period(pk)
    if not permissions.user_can_view_agency_report(request.user, period, agency_id):
        raise PermissionDenied
    agency = _agency_for(agency_id)
    report = agency_reads.agency_report_get(period=period, agency_id=agency.pk)
    if report is None:
        raise Http404
    report.period = period
    report.agency = agency
    if permissions.user_can_see_agency_report_draft(request.user, agency.pk):
        content = {name: getattr(report, name) for name in NARRATIVE_FIELDS}
        content["assignments"] = [
            row.as_json() for row in agency_reads.agency_report_prefill(period=period, agency_id=agency.pk)
        ]
    else:
        version = report.versions.order_by("-number").first()
        if version is None:
            raise Http404
        content = version.content
    signer = report.submitted_by
    data = agency_report_docx(
        report=report,
        content=content,
        signer_name=signer.get_full_name() if signer else "",
        signer_title=(signer.job_title if signer else "").upper(),
    )
    return _file(data, DOCX, f"bao-cao-{slugify(agency.code)}-{period.year}-{period.kind}-{period.index}.docx")


# ---------------------------------------------------------------- consolidated report


def _consolidated_context(request, period, report, *, form=None, issue_form=None) -> dict:
    can_compile = permissions.user_can_compile_consolidated(request.user, period)
    editable = report is not None and report.status == ConsolidatedReport.Status.DRAFT and can_compile
    if editable and form is None:
        form = ConsolidatedForm(
            initial={
                "version": report.version,
                **{name: getattr(report, name) for name in NARRATIVE_FIELDS},
                "signer_name": report.signer_name,
                "signer_title": report.signer_title,
                "recipients": report.recipients,
            }
        )
    if editable and issue_form is None:
        issue_form = IssueForm(initial={"version": report.version})
    stats = report.statistics if report else {}
    as_of = date.fromisoformat(stats["as_of"]) if stats.get("as_of") else None
    return {
        "as_of": as_of,
        "period": period,
        "report": report,
        "stats": stats,
        "timeliness_items": [(code, (stats.get("by_timeliness") or {}).get(code, 0)) for code in TIMELINESS_ORDER],
        "status_items": sorted((stats.get("by_status") or {}).items()),
        "accepted_count": len(consolidated_reads.accepted_reports(period=period)) if report is None else None,
        "can_compile": can_compile,
        "form": form if editable else None,
        "issue_form": issue_form if editable else None,
        "timeliness_colours": TIMELINESS_COLOURS,
    }


@login_required
def consolidated(request: HttpRequest, pk: int) -> HttpResponse:
    period = _period(pk)
    if not permissions.user_can_track_period(request.user, period):
        raise PermissionDenied
    report = consolidated_reads.consolidated_get(period=period)
    form = None
    if request.method == "POST":
        if not permissions.user_can_compile_consolidated(request.user, period):
            raise PermissionDenied
        if report is None:
            raise Http404
        form = ConsolidatedForm(request.POST)
        if form.is_valid():
            try:
                if "refresh" in request.POST:
                    consolidated_writes.consolidated_refresh_statistics(
                        report=report, user=request.user, expected_version=_expected_version(form)
                    )
                else:
                    consolidated_writes.consolidated_save(
                        report=report,
                        user=request.user,
                        expected_version=_expected_version(form),
                        **{name: form.cleaned_data[name] for name in NARRATIVE_FIELDS},
                        signer_name=form.cleaned_data["signer_name"],
                        signer_title=form.cleaned_data["signer_title"],
                        recipients=form.cleaned_data["recipients"],
                    )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The consolidated report was saved."))
                return redirect("reports:consolidated", pk=period.pk)
    context = _consolidated_context(request, period, report, form=form)
    status = 400 if form is not None and form.errors else 200
    return render(request, "reports/consolidated.html", context, status=status)


@login_required
@require_POST
def consolidated_compile(request: HttpRequest, pk: int) -> HttpResponse:
    period = _period(pk)
    if not permissions.user_can_compile_consolidated(request.user, period):
        raise PermissionDenied
    try:
        consolidated_writes.consolidated_compile(period=period, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The consolidated report was compiled from the data at the cutoff."))
    return redirect("reports:consolidated", pk=period.pk)


@login_required
@require_POST
def consolidated_issue(request: HttpRequest, pk: int) -> HttpResponse:
    period = _period(pk)
    if not permissions.user_can_compile_consolidated(request.user, period):
        raise PermissionDenied
    report = consolidated_reads.consolidated_get(period=period)
    if report is None:
        raise Http404
    issue_form = IssueForm(request.POST)
    if issue_form.is_valid():
        try:
            issued = consolidated_writes.consolidated_issue(
                report=report,
                user=request.user,
                expected_version=_expected_version(issue_form),
                issued_on=issue_form.cleaned_data["issued_on"],
                number=issue_form.cleaned_data["number"],
            )
        except ValidationError as error:
            _add_errors(issue_form, error)
        else:
            messages.success(request, _("Report %(number)s was issued.") % {"number": issued.document_number})
            return redirect("reports:consolidated", pk=period.pk)
    report = consolidated_reads.consolidated_get(period=period)
    context = _consolidated_context(request, period, report, issue_form=issue_form)
    if context["issue_form"] is None:
        context["issue_form"] = issue_form
    return render(request, "reports/consolidated.html", context, status=400)


def _consolidated_for_download(request, pk: int) -> ConsolidatedReport:
    period = _period(pk)
    if not permissions.user_can_track_period(request.user, period):
        raise PermissionDenied
    report = consolidated_reads.consolidated_get(period=period)
    if report is None:
        raise Http404
    report.period = period
    return report


def _file_stem(report: ConsolidatedReport) -> str:
    period = report.period
    number = f"{report.number:02d}-" if report.number else "du-thao-"
    return f"bao-cao-{number}{period.year}-{period.kind}-{period.index}"


@login_required
def consolidated_download_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _consolidated_for_download(request, pk)
    return _file(consolidated_docx(report), DOCX, f"{_file_stem(report)}.docx")


@login_required
def consolidated_download_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _consolidated_for_download(request, pk)
    # The annex shows the same day as the frozen statistics.
    day = min(report.period.cutoff_on, report.issued_on or timezone.localdate())
    if report.statistics.get("as_of"):
        day = date.fromisoformat(report.statistics["as_of"])
    return _file(consolidated_xlsx(period=report.period, day=day), XLSX, f"{_file_stem(report)}-phu-luc.xlsx")


# ---------------------------------------------------------------- home and dashboard


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Leaders, admins and users of an agency coordinating a tracked directive land on the dashboard;
    staff and managers of the other agencies on their agency's work.

    It lives in the reports app because the dashboard does and tasks must not import reports.
    """
    user = request.user
    # The dashboard view's own rule, so the redirect never leads to a refusal.
    if permissions.user_can_view_dashboard(user):
        return redirect("reports:dashboard")
    if user.agency_id is None:
        return redirect("directives:list")
    return redirect("tasks:work")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.user_can_view_dashboard(user):
        raise PermissionDenied
    directives = list(directive_reads.dashboard_directives(user))
    chosen = None
    wanted = request.GET.get("directive", "")
    if wanted.isdigit():
        chosen = next((d for d in directives if d.pk == int(wanted)), None)
        if chosen is None:
            raise Http404
    elif directives:
        with_work = set(
            Directive.objects.filter(Q(pk__in=[d.pk for d in directives]), groups__tasks__assignments__isnull=False)
            .values_list("pk", flat=True)
            .distinct()
        )
        chosen = next((d for d in directives if d.pk in with_work), directives[0])
    data = dashboard_reads.dashboard(directive=chosen) if chosen else None
    context = {
        "directives": directives,
        "directive": chosen,
        "data": data,
        "timeliness_colours": TIMELINESS_COLOURS,
        "can_track": bool(data and data.period and permissions.user_can_track_period(user, data.period)),
        "chart_rows": list(zip(data.chart["labels"], data.chart["rates"], data.chart["urls"], strict=True))
        if data
        else [],
    }
    return render(request, "reports/dashboard.html", context)
