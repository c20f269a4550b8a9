"""Directives (văn bản chỉ đạo), their numbered task groups, and the documents they cite."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from agencies.text import NormalizedTextModel, fold


class Directive(NormalizedTextModel):
    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Resolution")
        CONCLUSION = "conclusion", _("Conclusion")
        DIRECTIVE = "directive", _("Directive")
        ACTION_PROGRAM = "action_program", _("Action programme")
        PLAN = "plan", _("Plan")
        DECISION = "decision", _("Decision")
        DECREE = "decree", _("Decree")
        OFFICIAL_LETTER = "official_letter", _("Official letter")
        SCHEME = "scheme", _("Scheme")

    kind = models.CharField(_("document type"), max_length=30, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=60, help_text=_("As written on the document, e.g. 249-KL/TU."))
    issuer = models.CharField(_("issuer"), max_length=200)
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    subject = models.TextField(_("subject"), blank=True)
    body = models.TextField(_("text"), blank=True)
    coordinating_agency = models.ForeignKey(
        Agency,
        verbose_name=_("coordinating agency"),
        on_delete=models.PROTECT,
        related_name="coordinated_directives",
        null=True,
        blank=True,
        help_text=_("Presides, urges, monitors and compiles the periodic reports."),
    )
    is_tracked = models.BooleanField(
        _("tracked"), default=True, help_text=_("Untracked records are documents that are only cited.")
    )
    related = models.ManyToManyField(
        "self", through="DirectiveLink", symmetrical=False, related_name="cited_by", blank=True
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["-issued_on", "number"]
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number", "issuer"],
                name="directive_unique_number",
                violation_error_message=_("A document of this type with this number and issuer already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("tasks:directive_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.normalize_text_fields()
        self.search_text = fold(f"{self.get_kind_display()} {self.number} {self.issuer} {self.subject}")
        super().save(*args, **kwargs)


class DirectiveLink(models.Model):
    class Relation(models.TextChoices):
        IMPLEMENTS = "implements", _("implements")
        CITES = "cites", _("cites")

    source = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="outgoing_links")
    target = models.ForeignKey(
        Directive, verbose_name=_("document"), on_delete=models.PROTECT, related_name="incoming_links"
    )
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices, default=Relation.CITES)

    class Meta:
        ordering = ["relation", "target__issued_on", "pk"]
        verbose_name = _("linked document")
        verbose_name_plural = _("linked documents")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target"],
                name="directive_link_unique",
                violation_error_message=_("This document is already linked."),
            ),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="directive_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


# Vietnamese words are syllables: six make a short heading ("Xây dựng hệ thống chính trị…").
SHORT_TITLE_WORDS = 6


class TaskGroup(NormalizedTextModel):
    directive = models.ForeignKey(
        Directive, verbose_name=_("directive"), on_delete=models.CASCADE, related_name="groups"
    )
    number = models.PositiveSmallIntegerField(_("item number"))
    title = models.CharField(_("title"), max_length=300)
    short_title = models.CharField(
        _("short title"),
        max_length=40,
        blank=True,
        help_text=_("A few words for the dashboard's column headers; empty means the title's first words."),
    )
    text = models.TextField(_("text"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["directive", "number"]
        verbose_name = _("task group")
        verbose_name_plural = _("task groups")
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "number"],
                name="task_group_unique_number",
                violation_error_message=_("This directive already has an item with this number."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def heading(self) -> str:
        """The short title, or the title's first words up to its first comma or semicolon (at most six)."""
        if self.short_title:
            return self.short_title
        first = re.split(r"[,;:]", self.title, maxsplit=1)[0].strip()
        return Truncator(first).words(SHORT_TITLE_WORDS)


class CalendarDay(models.Model):
    """An exception to the VN public-holiday calendar: an extra day off or a swapped working day."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"

    def clean(self):
        if self.kind == self.Kind.WORKING_DAY and self.date and self.date.weekday() < 5:
            raise ValidationError({"kind": _("A weekday is a working day already; only a weekend day can be swapped.")})


def parse_reminder_days(value: str) -> list[int]:
    """'7, 3,1' → [7, 3, 1]: distinct whole days, largest first; raises ValidationError on anything else."""
    days = set()
    for part in (value or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 365:
            raise ValidationError(
                _("Enter whole numbers of days between 1 and 365, separated by commas, e.g. 7,3,1."),
                code="invalid_reminder_days",
            )
        days.add(int(part))
    return sorted(days, reverse=True)


def validate_reminder_days(value: str) -> None:
    parse_reminder_days(value)


class ReminderPolicy(models.Model):
    """When a directive's assignments are reminded; a directive without one uses the defaults below."""

    DEFAULT_DAYS_BEFORE = "7,3,1"

    directive = models.OneToOneField(
        Directive, verbose_name=_("directive"), on_delete=models.CASCADE, related_name="reminder_policy"
    )
    days_before = models.CharField(
        _("days before the deadline"),
        max_length=60,
        blank=True,
        default=DEFAULT_DAYS_BEFORE,
        validators=[validate_reminder_days],
        help_text=_("Days before the deadline on which agencies are reminded, separated by commas, e.g. 7,3,1."),
    )
    on_due_day = models.BooleanField(_("remind on the due day"), default=True)
    overdue_every_days = models.PositiveSmallIntegerField(
        _("repeat while overdue every (days)"),
        default=7,
        validators=[MaxValueValidator(365)],
        help_text=_("0 sends a single overdue notice, the day after the deadline."),
    )
    escalate_when_overdue = models.BooleanField(
        _("escalate when overdue"),
        default=True,
        help_text=_("Also tell the agency's managers and the coordinating agency when an assignment is overdue."),
    )

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self) -> str:
        return str(_("Reminder settings of %(directive)s") % {"directive": self.directive})

    def clean(self):
        # Stored in one canonical form: '3, 7,7' becomes '7,3'.
        self.days_before = ",".join(str(day) for day in parse_reminder_days(self.days_before))

    @property
    def day_list(self) -> list[int]:
        return parse_reminder_days(self.days_before)


class DirectiveScan(models.Model):
    """A scan uploaded to the import, read by OCR in a job: its progress page by page, then the text it read.

    Only a step of an import: the scanned file is deleted once read, and the text goes to the import's review.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Being read")
        DONE = "done", _("Read")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    name = models.CharField(max_length=255)
    file = models.FileField(upload_to="directive-scans/", blank=True)
    is_pdf = models.BooleanField(default=False)
    group_level = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    pages_total = models.PositiveIntegerField(default=1)
    pages_done = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)
    error = models.CharField(max_length=20, blank=True)

    def __str__(self) -> str:
        return self.name
