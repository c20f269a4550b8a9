"""An agency's report: drafting, submitting a frozen version, the coordinator's review, and urging latecomers."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from agencies.models import Agency, Notification, User
from agencies.models import Signer as AgencySigner
from agencies.selectors import agency_members, head_signer
from agencies.services import notification_create

from ..documents.signature import Signer
from ..errors import Errors
from ..models import NARRATIVE_FIELDS, AgencyReport, AgencyReportVersion, ReportPeriod, ReviewOutcome
from ..selectors.agency_reports import agency_report_prefill
from ..selectors.tracker import period_tracker
from .common import check_version
from .signing import UNNAMED_HEAD, check_signature, signature_as_json, signature_of


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
        check_version(0, expected_version)
        report = AgencyReport(period=period, agency=agency, version=0)
    else:
        check_version(report.version, expected_version)
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


def _signature(*, agency: Agency, signer: AgencySigner | None, authority: str, head_title: str) -> Signer:
    if signer is None:
        signer = head_signer(agency_id=agency.pk)
        if signer is None:
            return UNNAMED_HEAD
        authority = ""
    signature = signature_of(signer=signer, agency_id=agency.pk, authority=authority, head_title=head_title)
    check_signature(signature)
    return signature


@transaction.atomic
def agency_report_submit(
    *,
    period: ReportPeriod,
    agency: Agency,
    user: User,
    expected_version: int | None,
    today: date | None = None,
    signer: AgencySigner | None = None,
    authority: str = "",
    head_title: str = "",
    **narrative: str,
) -> AgencyReport:
    """Save the text and submit it: a frozen version with the pre-filled assignment table goes to the coordinator.

    The version keeps who signs it (`signer` under `authority`; none: the agency's head, or a head left unnamed
    where the agency keeps no signers), so its .docx and PDF always show the signature it was sent with.
    """
    existing = _locked_report(period=period, agency=agency)
    if existing is not None:
        if existing.status == AgencyReport.Status.SUBMITTED:
            raise ValidationError(Errors.ALREADY_SUBMITTED, code="already_submitted")
        if existing.status == AgencyReport.Status.ACCEPTED:
            raise ValidationError(Errors.ACCEPTED_LOCKED, code="accepted")
    if not (narrative.get("results") or "").strip():
        raise ValidationError({"results": Errors.RESULTS_REQUIRED}, code="results_required")
    signature = _signature(agency=agency, signer=signer, authority=authority, head_title=head_title)
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
            "signer": signature_as_json(signature),
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
    check_version(report.version, expected_version)
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
