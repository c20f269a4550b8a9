"""The consolidated report: compiled from the accepted agency reports and frozen statistics, edited, then issued
with its number for the year."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from agencies.models import Agency, Signer, User
from agencies.selectors import head_signer

from ..errors import Errors
from ..models import ConsolidatedReport, ReportPeriod
from ..selectors.consolidated import accepted_reports
from ..statistics import statistics_snapshot
from .common import check_version
from .drafting import draft_narrative
from .signing import apply_signer, check_signer


@transaction.atomic
def consolidated_compile(*, period: ReportPeriod, user: User, today: date | None = None) -> ConsolidatedReport:
    """Freeze the statistics at the cutoff and pre-fill the narrative from the accepted agency reports."""
    if period.directive.coordinating_agency_id is None:
        raise ValidationError(Errors.NO_COORDINATOR, code="no_coordinator")
    if ConsolidatedReport.objects.filter(period=period).exists():
        raise ValidationError(Errors.ALREADY_COMPILED, code="already_compiled")
    stats = statistics_snapshot(period=period, today=today)
    head = head_signer(agency_id=period.directive.coordinating_agency_id)
    report = ConsolidatedReport(
        period=period,
        issuing_agency_id=period.directive.coordinating_agency_id,
        statistics=stats,
        signer_name=head.name if head else "",
        signer_title=head.title.upper() if head else "",
        recipients="Ủy ban nhân dân tỉnh (b/c)\nCác cơ quan, đơn vị liên quan",
        compiled_by=user,
        **draft_narrative(stats, accepted_reports(period=period)),
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as clash:
        raise ValidationError(Errors.ALREADY_COMPILED, code="already_compiled") from clash
    return report


def _locked_consolidated(report: ConsolidatedReport, expected_version: int | None) -> ConsolidatedReport:
    report = ConsolidatedReport.objects.select_for_update().select_related("issuing_agency", "period").get(pk=report.pk)
    check_version(report.version, expected_version)
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
    recipients: str,
) -> ConsolidatedReport:
    report = _locked_consolidated(report, expected_version)
    report.results = results.strip()
    report.limitations = limitations.strip()
    report.tasks_ahead = tasks_ahead.strip()
    report.proposals = proposals.strip()
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


def _next_document_number(*, agency_id: int, year: int) -> int:
    used = ConsolidatedReport.objects.filter(issuing_agency_id=agency_id, year=year).aggregate(top=Max("number"))
    return (used["top"] or 0) + 1


def _number_taken(number: int, year: int) -> ValidationError:
    return ValidationError({"number": Errors.NUMBER_TAKEN % {"number": number, "year": year}}, code="number_taken")


@transaction.atomic
def consolidated_issue(
    *,
    report: ConsolidatedReport,
    user: User,
    expected_version: int | None,
    issued_on: date,
    number: int | None = None,
    signer: Signer | None = None,
    authority: str = "",
    head_title: str = "",
    today: date | None = None,
) -> ConsolidatedReport:
    """Give the report its number within the year for the issuing agency, its date and its signer, and lock it.

    The signer is one of the issuing agency's signers (None keeps the draft's). The issuing agency's row is
    locked while the next number is chosen; the unique constraint backs it up on databases without row locks,
    and a clash is retried with the following number.
    """
    report = _locked_consolidated(report, expected_version)
    if signer is not None:
        apply_signer(report, signer=signer, authority=authority, head_title=head_title)
    check_signer(report)
    Agency.objects.select_for_update().filter(pk=report.issuing_agency_id).first()
    year = issued_on.year
    chosen = number
    if (
        chosen is not None
        and ConsolidatedReport.objects.filter(issuing_agency_id=report.issuing_agency_id, year=year, number=chosen)
        .exclude(pk=report.pk)
        .exists()
    ):
        raise _number_taken(chosen, year)
    report.statistics = statistics_snapshot(period=report.period, today=today)
    new_version = report.version + 1
    for _attempt in range(5):
        report.number = chosen or _next_document_number(agency_id=report.issuing_agency_id, year=year)
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
                raise _number_taken(chosen, year) from clash
            continue
        return report
    raise ValidationError(Errors.STALE, code="stale")
