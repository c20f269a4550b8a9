"""Writes of the reports app: periods, agency reports and their review, consolidated reports and their numbers."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Notification, User
from agencies.selectors import agency_members
from agencies.services import notification_create
from directives.calendar import WorkingCalendar

from .models import (
    AgencyReport,
    AgencyReportVersion,
    ConsolidatedReport,
    ReportPeriod,
    ReportSchedule,
    ReviewOutcome,
)
from .periods import period_dates, periods_from
from .selectors.agency_reports import agency_report_prefill
from .selectors.consolidated import accepted_reports
from .selectors.tracker import period_tracker
from .statistics import statistics_snapshot

NARRATIVE_FIELDS = ("results", "limitations", "tasks_ahead", "proposals")


class Errors:
    """Messages defined once, so the tests and the UI say the same thing."""

    STALE = _("Someone changed this report after you opened it. Reload the page, check the changes and try again.")
    ALREADY_SUBMITTED = _(
        "This report has already been submitted and is awaiting review; it cannot be submitted again."
    )
    ACCEPTED_LOCKED = _("This report has been accepted and can no longer be edited or submitted.")
    SUBMITTED_LOCKED = _(
        "This report is awaiting the coordinator's review and cannot be edited; "
        "it can be edited again if it is returned."
    )
    NOT_SUBMITTED = _("This report has not been submitted yet, so there is nothing to review.")
    RETURNED_NEEDS_RESUBMIT = _(
        "This report was returned to the agency; it can be accepted only after the agency resubmits it."
    )
    ALREADY_ACCEPTED = _("This report has already been accepted.")
    RESULTS_REQUIRED = _("Describe the results achieved before submitting.")
    COMMENT_REQUIRED = _("Say what the agency must change: a returned report needs a comment.")
    ALREADY_COMPILED = _("The consolidated report of this period has already been compiled.")
    ISSUED_LOCKED = _("This report has been issued and can no longer be changed.")
    NUMBER_TAKEN = _("Number %(number)02d is already used in %(year)d by this agency.")
    SIGNER_REQUIRED = _("Enter the name of the person who signs the report.")
    NO_COORDINATOR = _("This directive has no coordinating agency, so nobody can compile its report.")


# ---------------------------------------------------------------- periods


def report_schedule_ensure(*, directive) -> ReportSchedule:
    schedule, _created = ReportSchedule.objects.get_or_create(directive=directive)
    return schedule


def report_period_get_or_create(
    *, schedule: ReportSchedule, kind: str, year: int, index: int, calendar: WorkingCalendar | None = None
) -> tuple[ReportPeriod, bool]:
    """A period with its NĐ 09/2019 dates and due dates N working days after the cutoff (holidays skipped)."""
    calendar = calendar or WorkingCalendar()
    dates = period_dates(kind, year, index)
    return ReportPeriod.objects.get_or_create(
        directive_id=schedule.directive_id,
        kind=kind,
        year=year,
        index=index,
        defaults={
            "starts_on": dates.starts_on,
            "cutoff_on": dates.cutoff_on,
            "agency_due_on": calendar.add_working_days(dates.cutoff_on, max(1, schedule.agency_due_working_days)),
            "consolidated_due_on": calendar.add_working_days(
                dates.cutoff_on, max(1, schedule.consolidated_due_working_days)
            ),
        },
    )


@transaction.atomic
def report_periods_generate(*, schedule: ReportSchedule, today: date) -> list[ReportPeriod]:
    """For each cadence: the period still being reported on (or the next one) and `periods_ahead` after it.

    Idempotent: get_or_create on (directive, kind, year, index), and an admin's edits to an existing period stay.
    """
    calendar = WorkingCalendar()
    created = []
    for kind in schedule.cadences:
        wanted = 1 + schedule.periods_ahead
        for dates in periods_from(kind, today.year - 1):
            consolidated_due = calendar.add_working_days(
                dates.cutoff_on, max(1, schedule.consolidated_due_working_days)
            )
            if consolidated_due < today:
                continue
            period, was_created = report_period_get_or_create(
                schedule=schedule, kind=kind, year=dates.year, index=dates.index, calendar=calendar
            )
            if was_created:
                created.append(period)
            wanted -= 1
            if not wanted:
                break
    return created


# ---------------------------------------------------------------- agency reports


def _check_version(current: int, expected: int | None) -> None:
    if expected is not None and current != expected:
        raise ValidationError(Errors.STALE, code="stale")


def _check_editable(report: AgencyReport) -> None:
    if report.status == AgencyReport.Status.ACCEPTED:
        raise ValidationError(Errors.ACCEPTED_LOCKED, code="accepted")
    if report.status == AgencyReport.Status.SUBMITTED:
        raise ValidationError(Errors.SUBMITTED_LOCKED, code="submitted")


def _locked_report(*, period: ReportPeriod, agency: Agency) -> AgencyReport | None:
    return AgencyReport.objects.select_for_update().filter(period=period, agency=agency).first()


def _write_narrative(
    *, period: ReportPeriod, agency: Agency, user: User, expected_version: int | None, narrative: dict[str, str]
) -> AgencyReport:
    report = _locked_report(period=period, agency=agency)
    if report is None:
        # A report not yet saved is version 0 on the page that showed it.
        _check_version(0, expected_version)
        report = AgencyReport(period=period, agency=agency, version=0)
    else:
        _check_version(report.version, expected_version)
        _check_editable(report)
    for name in NARRATIVE_FIELDS:
        setattr(report, name, (narrative.get(name) or "").strip())
    report.version += 1
    report.updated_by = user
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as clash:
        # Two first saves at once: the second one is told to reload rather than silently overwriting.
        raise ValidationError(Errors.STALE, code="stale") from clash
    return report


@transaction.atomic
def agency_report_save(
    *, period: ReportPeriod, agency: Agency, user: User, expected_version: int | None, **narrative: str
) -> AgencyReport:
    """Save the four narrative sections as a draft (a returned report stays returned until resubmitted)."""
    return _write_narrative(
        period=period, agency=agency, user=user, expected_version=expected_version, narrative=narrative
    )


@transaction.atomic
def agency_report_submit(
    *,
    period: ReportPeriod,
    agency: Agency,
    user: User,
    expected_version: int | None,
    today: date | None = None,
    **narrative: str,
) -> AgencyReport:
    """Save the text and submit it: a frozen version with the pre-filled assignment table goes to the coordinator."""
    existing = _locked_report(period=period, agency=agency)
    if existing is not None:
        if existing.status == AgencyReport.Status.SUBMITTED:
            raise ValidationError(Errors.ALREADY_SUBMITTED, code="already_submitted")
        if existing.status == AgencyReport.Status.ACCEPTED:
            raise ValidationError(Errors.ACCEPTED_LOCKED, code="accepted")
    if not (narrative.get("results") or "").strip():
        raise ValidationError({"results": Errors.RESULTS_REQUIRED}, code="results_required")
    report = _write_narrative(
        period=period, agency=agency, user=user, expected_version=expected_version, narrative=narrative
    )
    now = timezone.now()
    rows = agency_report_prefill(period=period, agency_id=agency.pk, today=today)
    number = report.versions.count() + 1
    AgencyReportVersion.objects.create(
        report=report,
        number=number,
        content={
            **{name: getattr(report, name) for name in NARRATIVE_FIELDS},
            "assignments": [row.as_json() for row in rows],
        },
        submitted_at=now,
        submitted_by=user,
    )
    report.status = AgencyReport.Status.SUBMITTED
    report.submitted_at = now
    report.submitted_by = user
    report.first_submitted_at = report.first_submitted_at or now
    report.review_comment = ""
    report.save(update_fields=["status", "submitted_at", "submitted_by", "first_submitted_at", "review_comment"])
    coordinator_id = period.directive.coordinating_agency_id
    if coordinator_id:
        notification_create(
            users=agency_members(agency_ids=[coordinator_id]),
            kind=Notification.Kind.REPORT,
            title=gettext("%(agency)s submitted its report for %(period)s")
            % {"agency": agency.name, "period": period.label},
            body=gettext("Version %(number)d, submitted by %(user)s.") % {"number": number, "user": user},
            url=report.get_absolute_url(),
        )
    return report


def _review(*, report: AgencyReport, user: User, expected_version: int | None) -> AgencyReport:
    report = AgencyReport.objects.select_for_update().select_related("period", "agency").get(pk=report.pk)
    _check_version(report.version, expected_version)
    if report.status == AgencyReport.Status.RETURNED:
        raise ValidationError(Errors.RETURNED_NEEDS_RESUBMIT, code="returned")
    if report.status == AgencyReport.Status.ACCEPTED:
        raise ValidationError(Errors.ALREADY_ACCEPTED, code="accepted")
    if report.status != AgencyReport.Status.SUBMITTED:
        raise ValidationError(Errors.NOT_SUBMITTED, code="not_submitted")
    return report


def _close_review(*, report: AgencyReport, user: User, outcome: str, comment: str) -> None:
    now = timezone.now()
    report.status = AgencyReport.Status.ACCEPTED if outcome == ReviewOutcome.ACCEPTED else AgencyReport.Status.RETURNED
    report.reviewed_at = now
    report.reviewed_by = user
    report.review_comment = comment
    report.version += 1
    report.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment", "version", "updated_at"])
    report.versions.filter(outcome=ReviewOutcome.PENDING).update(
        outcome=outcome, reviewed_at=now, reviewed_by=user, review_comment=comment
    )


@transaction.atomic
def agency_report_accept(
    *, report: AgencyReport, user: User, expected_version: int | None, comment: str = ""
) -> AgencyReport:
    report = _review(report=report, user=user, expected_version=expected_version)
    _close_review(report=report, user=user, outcome=ReviewOutcome.ACCEPTED, comment=comment.strip())
    notification_create(
        users=agency_members(agency_ids=[report.agency_id]),
        kind=Notification.Kind.DECISION,
        title=gettext("Your report for %(period)s was accepted") % {"period": report.period.label},
        body=comment.strip(),
        url=report.get_absolute_url(),
    )
    return report


@transaction.atomic
def agency_report_return(
    *, report: AgencyReport, user: User, expected_version: int | None, comment: str
) -> AgencyReport:
    if not comment.strip():
        raise ValidationError({"comment": Errors.COMMENT_REQUIRED}, code="comment_required")
    report = _review(report=report, user=user, expected_version=expected_version)
    _close_review(report=report, user=user, outcome=ReviewOutcome.RETURNED, comment=comment.strip())
    notification_create(
        users=agency_members(agency_ids=[report.agency_id]),
        kind=Notification.Kind.DECISION,
        title=gettext("Your report for %(period)s was returned for changes") % {"period": report.period.label},
        body=comment.strip(),
        url=report.get_absolute_url(),
        email_now=True,
    )
    return report


@transaction.atomic
def period_urge_missing(*, period: ReportPeriod, user: User) -> tuple[int, int]:
    """Notify (and e-mail) the managers and staff of every agency that has not submitted; returns (agencies, people)."""
    missing = period_tracker(period=period).missing
    users_by_agency: dict[int, list[User]] = {}
    for person in agency_members(agency_ids=(row.agency.pk for row in missing)):
        users_by_agency.setdefault(person.agency_id, []).append(person)
    people = 0
    for row in missing:
        recipients = users_by_agency.get(row.agency.pk, [])
        if not recipients:
            continue
        notification_create(
            users=recipients,
            kind=Notification.Kind.URGE,
            title=gettext("Please submit your report for %(period)s on %(directive)s")
            % {"period": period.label, "directive": period.directive},
            body=gettext("The report was due on %(due)s. Sent by %(user)s.")
            % {"due": period.agency_due_on.strftime("%d/%m/%Y"), "user": user},
            url=reverse("reports:agency_report", args=[period.pk, row.agency.pk]),
            email_now=True,
        )
        people += len(recipients)
    return len(missing), people


# ---------------------------------------------------------------- consolidated report


def _combined(reports: list[AgencyReport], field: str) -> str:
    parts = []
    for report in reports:
        text = getattr(report, field).strip()
        if text:
            parts.append(f"{report.agency.name}: {text}")
    return "\n\n".join(parts)


@transaction.atomic
def consolidated_compile(*, period: ReportPeriod, user: User, today: date | None = None) -> ConsolidatedReport:
    """Freeze the statistics at the cutoff and pre-fill the narrative from the accepted agency reports."""
    if period.directive.coordinating_agency_id is None:
        raise ValidationError(Errors.NO_COORDINATOR, code="no_coordinator")
    if ConsolidatedReport.objects.filter(period=period).exists():
        raise ValidationError(Errors.ALREADY_COMPILED, code="already_compiled")
    reports = accepted_reports(period=period)
    report = ConsolidatedReport(
        period=period,
        issuing_agency_id=period.directive.coordinating_agency_id,
        statistics=statistics_snapshot(period=period, today=today),
        signer_name=user.get_full_name() if user.full_name else "",
        signer_title=(user.job_title or "").upper(),
        recipients="Ủy ban nhân dân tỉnh (b/c)\nCác cơ quan, đơn vị liên quan",
        compiled_by=user,
        **{name: _combined(reports, name) for name in NARRATIVE_FIELDS},
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as clash:
        raise ValidationError(Errors.ALREADY_COMPILED, code="already_compiled") from clash
    return report


def _locked_consolidated(report: ConsolidatedReport, expected_version: int | None) -> ConsolidatedReport:
    report = ConsolidatedReport.objects.select_for_update().select_related("issuing_agency", "period").get(pk=report.pk)
    _check_version(report.version, expected_version)
    if report.status == ConsolidatedReport.Status.ISSUED:
        raise ValidationError(Errors.ISSUED_LOCKED, code="issued")
    return report


@transaction.atomic
def consolidated_save(
    *,
    report: ConsolidatedReport,
    user: User,
    expected_version: int | None,
    results: str,
    limitations: str,
    tasks_ahead: str,
    proposals: str,
    signer_name: str,
    signer_title: str,
    recipients: str,
) -> ConsolidatedReport:
    report = _locked_consolidated(report, expected_version)
    report.results = results.strip()
    report.limitations = limitations.strip()
    report.tasks_ahead = tasks_ahead.strip()
    report.proposals = proposals.strip()
    report.signer_name = signer_name.strip()
    report.signer_title = signer_title.strip()
    report.recipients = recipients.strip()
    report.version += 1
    report.save()
    return report


@transaction.atomic
def consolidated_refresh_statistics(
    *, report: ConsolidatedReport, user: User, expected_version: int | None, today: date | None = None
) -> ConsolidatedReport:
    """Recompute the frozen figures (useful when the draft was compiled before the cutoff)."""
    report = _locked_consolidated(report, expected_version)
    report.statistics = statistics_snapshot(period=report.period, today=today)
    report.version += 1
    report.save(update_fields=["statistics", "version"])
    return report


def next_document_number(*, agency_id: int, year: int) -> int:
    used = ConsolidatedReport.objects.filter(issuing_agency_id=agency_id, year=year).aggregate(top=Max("number"))
    return (used["top"] or 0) + 1


@transaction.atomic
def consolidated_issue(
    *,
    report: ConsolidatedReport,
    user: User,
    expected_version: int | None,
    issued_on: date,
    number: int | None = None,
    today: date | None = None,
) -> ConsolidatedReport:
    """Give the report its number within the year for the issuing agency and its date, and lock it.

    The issuing agency's row is locked while the next number is chosen; the unique constraint backs it up
    on databases without row locks, and a clash is retried with the following number.
    """
    report = _locked_consolidated(report, expected_version)
    if not report.signer_name.strip():
        raise ValidationError({"signer_name": Errors.SIGNER_REQUIRED}, code="signer_required")
    Agency.objects.select_for_update().filter(pk=report.issuing_agency_id).first()
    year = issued_on.year
    chosen = number
    if (
        chosen is not None
        and ConsolidatedReport.objects.filter(issuing_agency_id=report.issuing_agency_id, year=year, number=chosen)
        .exclude(pk=report.pk)
        .exists()
    ):
        raise ValidationError({"number": Errors.NUMBER_TAKEN % {"number": chosen, "year": year}}, code="number_taken")
    report.statistics = statistics_snapshot(period=report.period, today=today)
    new_version = report.version + 1
    for _attempt in range(5):
        report.number = chosen or next_document_number(agency_id=report.issuing_agency_id, year=year)
        report.year = year
        report.issued_on = issued_on
        report.status = ConsolidatedReport.Status.ISSUED
        report.issued_at = timezone.now()
        report.issued_by = user
        report.version = new_version
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError as clash:
            if chosen is not None:
                raise ValidationError(
                    {"number": Errors.NUMBER_TAKEN % {"number": chosen, "year": year}}, code="number_taken"
                ) from clash
            continue
        return report
    raise ValidationError(Errors.STALE, code="stale")
