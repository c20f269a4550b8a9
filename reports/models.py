"""Reporting schedules and periods, agency reports with every submitted version, and consolidated reports."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from agencies.text import NormalizedTextModel
from directives.models import Directive

from .periods import Kind, period_label

DEFAULT_CADENCES = [Kind.HALF_YEAR.value, Kind.YEAR.value]
# The four sections of a report's text (DESIGN §5), the same fields on AgencyReport and ConsolidatedReport.
NARRATIVE_FIELDS = ("results", "limitations", "tasks_ahead", "proposals")


def default_cadences() -> list[str]:
    return list(DEFAULT_CADENCES)


class ReportSchedule(models.Model):
    """How often a directive is reported on, and how many working days after the cutoff each report is due."""

    directive = models.OneToOneField(
        Directive, verbose_name=_("directive"), on_delete=models.CASCADE, related_name="report_schedule"
    )
    cadences = models.JSONField(
        _("cadences"),
        default=default_cadences,
        help_text=_("Any of: month, quarter, half_year, nine_months, year."),
    )
    agency_due_working_days = models.PositiveSmallIntegerField(
        _("agency reports due (working days after the cutoff)"), default=2
    )
    consolidated_due_working_days = models.PositiveSmallIntegerField(
        _("consolidated report due (working days after the cutoff)"), default=4
    )
    periods_ahead = models.PositiveSmallIntegerField(
        _("periods created ahead"), default=2, help_text=_("Future periods of each cadence created in advance.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting schedule")
        verbose_name_plural = _("reporting schedules")

    def __str__(self) -> str:
        return f"{self.directive}"

    def clean(self):
        if not isinstance(self.cadences, list) or not self.cadences:
            raise ValidationError({"cadences": _("Choose at least one cadence.")})
        unknown = set(self.cadences) - set(Kind.values)
        if unknown:
            raise ValidationError(
                {"cadences": _("Unknown cadence: %(value)s.") % {"value": ", ".join(sorted(unknown))}}
            )
        if self.consolidated_due_working_days < self.agency_due_working_days:
            raise ValidationError(
                {"consolidated_due_working_days": _("The consolidated report cannot be due before the agency reports.")}
            )


class ReportPeriod(models.Model):
    Kind = Kind

    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), on_delete=models.CASCADE, related_name="report_periods"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    index = models.PositiveSmallIntegerField(_("number in the year"), default=1)
    starts_on = models.DateField(_("data from"))
    cutoff_on = models.DateField(_("data cutoff"))
    agency_due_on = models.DateField(_("agency reports due"))
    consolidated_due_on = models.DateField(_("consolidated report due"))
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-cutoff_on", "kind"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "kind", "year", "index"],
                name="report_period_unique",
                violation_error_message=_("This directive already has this reporting period."),
            ),
            models.CheckConstraint(condition=models.Q(starts_on__lte=models.F("cutoff_on")), name="period_dates_order"),
        ]

    def __str__(self) -> str:
        return f"{self.directive} – {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("reports:period_detail", args=[self.pk])

    @property
    def label(self) -> str:
        return period_label(self.kind, self.year, self.index)

    def clean(self):
        if self.starts_on and self.cutoff_on and self.starts_on > self.cutoff_on:
            raise ValidationError({"cutoff_on": _("The cutoff cannot be before the start of the period.")})
        if self.cutoff_on and self.agency_due_on and self.agency_due_on <= self.cutoff_on:
            raise ValidationError({"agency_due_on": _("Reports are due at least one working day after the cutoff.")})
        if self.agency_due_on and self.consolidated_due_on and self.consolidated_due_on < self.agency_due_on:
            raise ValidationError(
                {"consolidated_due_on": _("The consolidated report cannot be due before the agency reports.")}
            )


class PdfStatus(models.TextChoices):
    NONE = "none", _("Not made")
    PENDING = "pending", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReviewOutcome(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class AgencyReport(NormalizedTextModel):
    """One agency's report for a period; each submission is also kept as an AgencyReportVersion."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    period = models.ForeignKey(
        ReportPeriod, verbose_name=_("reporting period"), on_delete=models.PROTECT, related_name="agency_reports"
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    results = models.TextField(_("results achieved"), blank=True)
    limitations = models.TextField(_("limitations and causes"), blank=True)
    tasks_ahead = models.TextField(_("tasks ahead"), blank=True)
    proposals = models.TextField(_("proposals and recommendations"), blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # Bumped on every change: a form posted from a stale page is refused instead of overwriting.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "agency__sort_order", "agency__name"]
        verbose_name = _("agency report")
        verbose_name_plural = _("agency reports")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "agency"],
                name="agency_report_unique",
                violation_error_message=_("This agency already has a report for this period."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} – {self.period.label}"

    def get_absolute_url(self) -> str:
        return reverse("reports:agency_report", args=[self.period_id, self.agency_id])


class AgencyReportVersion(models.Model):
    """A frozen copy of one submission, with what the coordinator decided about it."""

    report = models.ForeignKey(
        AgencyReport, verbose_name=_("agency report"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    content = models.JSONField(_("content"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(
        _("review outcome"), max_length=20, choices=ReviewOutcome.choices, default=ReviewOutcome.PENDING
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    # The PDF of this submitted text, made on request (reports/services/pdf.py); the text is frozen, so is its PDF.
    pdf = models.FileField(_("PDF"), upload_to="reports/pdf/agency/", max_length=200, blank=True)
    pdf_status = models.CharField(_("PDF status"), max_length=20, choices=PdfStatus.choices, default=PdfStatus.NONE)
    pdf_error = models.CharField(_("PDF error"), max_length=300, blank=True)

    class Meta:
        ordering = ["report", "-number"]
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="agency_report_version_unique")]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class SignerAuthority(models.TextChoices):
    """NĐ 30/2020 Điều 13: signing on one's own authority or for someone else's."""

    HEAD = "", _("The head signs")
    TM = "TM.", _("TM. (on behalf of the collective)")
    KT = "KT.", _("KT. (a deputy for the head)")
    Q = "Q.", _("Q. (acting head)")
    TL = "TL.", _("TL. (by order of the head)")
    TUQ = "TUQ.", _("TUQ. (authorised by the head)")


class ConsolidatedReport(NormalizedTextModel):
    """The coordinator's report for a period: statistics frozen at the cutoff plus edited narrative."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    period = models.OneToOneField(
        ReportPeriod, verbose_name=_("reporting period"), on_delete=models.PROTECT, related_name="consolidated"
    )
    issuing_agency = models.ForeignKey(
        Agency, verbose_name=_("issuing agency"), on_delete=models.PROTECT, related_name="consolidated_reports"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year of the number"), null=True, blank=True)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    results = models.TextField(_("results achieved"), blank=True)
    limitations = models.TextField(_("limitations and causes"), blank=True)
    tasks_ahead = models.TextField(_("tasks ahead"), blank=True)
    proposals = models.TextField(_("proposals and recommendations"), blank=True)
    statistics = models.JSONField(_("statistics at the cutoff"), default=dict)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    signer_authority = models.CharField(
        _("signing authority"), max_length=8, choices=SignerAuthority.choices, default=SignerAuthority.HEAD, blank=True
    )
    signer_title = models.CharField(
        _("head's title"), max_length=150, blank=True, help_text=_("e.g. CHỈ HUY TRƯỞNG (for TM.: the collective body)")
    )
    signer_own_title = models.CharField(
        _("signer's own title"), max_length=150, blank=True, help_text=_("e.g. PHÓ CHỈ HUY TRƯỞNG, where it is KT.")
    )
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One recipient per line."))
    compiled_at = models.DateTimeField(_("compiled at"), auto_now_add=True)
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("compiled by"), on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    pdf = models.FileField(_("PDF"), upload_to="reports/pdf/", max_length=200, blank=True)
    pdf_status = models.CharField(_("PDF status"), max_length=20, choices=PdfStatus.choices, default=PdfStatus.NONE)
    pdf_error = models.CharField(_("PDF error"), max_length=300, blank=True)
    # The report's version the PDF was rendered from: a PDF of an older text is never served.
    pdf_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["statistics", "pdf", "pdf_status", "pdf_error", "pdf_version"])

    class Meta:
        ordering = ["-period__cutoff_on"]
        verbose_name = _("consolidated report")
        verbose_name_plural = _("consolidated reports")
        constraints = [
            # Numbers restart every 1 January and are unique within the year per issuing agency (NĐ 30/2020).
            models.UniqueConstraint(
                fields=["issuing_agency", "year", "number"],
                condition=models.Q(number__isnull=False),
                name="consolidated_report_unique_number",
                violation_error_message=_("This number is already used this year."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(number__isnull=False, issued_on__isnull=False),
                name="consolidated_issued_has_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_number} – {self.period}"

    @property
    def document_number(self) -> str:
        """'07/BC-BCH'; a draft has no number yet, as a paper draft leaves it blank."""
        suffix = f"BC-{self.issuing_agency.document_code}" if self.issuing_agency.document_code else "BC"
        if self.number is None:
            return f"     /{suffix}"
        return f"{self.number:02d}/{suffix}"

    def get_absolute_url(self) -> str:
        return reverse("reports:consolidated", args=[self.period_id])
