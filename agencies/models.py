"""Agencies (Sở, Ban, Ngành, đoàn thể, UBND huyện ...) and the users who belong to them."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .text import NormalizedTextModel, fold


class Agency(NormalizedTextModel):
    class Kind(models.TextChoices):
        PEOPLES_COMMITTEE = "peoples_committee", _("Provincial People's Committee")
        DEPARTMENT = "department", _("Department")
        BOARD = "board", _("Board")
        SECTOR = "sector", _("Sector")
        MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
        MILITARY = "military", _("Military command")
        POLICE = "police", _("Police")
        DISTRICT = "district", _("District or city People's Committee")
        COMMUNE = "commune", _("Commune People's Committee")
        WARD = "ward", _("Ward People's Committee")
        SPECIAL_ZONE = "special_zone", _("Special zone People's Committee")
        UNIT = "unit", _("Unit of an agency")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("Stable identifier, e.g. so-noi-vu."))
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent_body = models.CharField(
        _("parent body"),
        max_length=120,
        blank=True,
        help_text=_("Shown above the agency's name on official documents, e.g. UBND TỈNH HÒA BÌNH."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.PROTECT,
        related_name="units",
        null=True,
        blank=True,
        help_text=_("The agency this one is a unit of, if any."),
    )
    valid_from = models.DateField(_("exists from"), null=True, blank=True)
    valid_to = models.DateField(
        _("exists until"), null=True, blank=True, help_text=_("Its last day, once it is merged, split or dissolved.")
    )
    document_code = models.CharField(
        _("document code"), max_length=20, blank=True, help_text=_("Suffix of document numbers, e.g. BCH in 07/BC-BCH.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name

    @property
    def is_dissolved(self) -> bool:
        """Merged, split or dissolved away: it takes no new work (a renamed agency lives on under its new name)."""
        return self.valid_to is not None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        self.normalize_text_fields()
        self.search_text = fold(f"{self.name} {self.short_name}")
        super().save(*args, **kwargs)


class User(AbstractUser):
    """A civil servant: one agency, one role. Coordinator rights come from directives, not from here."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("System administrator")
        LEADER = "leader", _("Provincial leader")
        MANAGER = "manager", _("Agency manager")
        STAFF = "staff", _("Agency staff")

    # The roles that work an agency's assignments and reports (admins and leaders oversee them).
    AGENCY_ROLES = (Role.STAFF, Role.MANAGER)

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    receives_daily_digest = models.BooleanField(
        _("daily digest e-mail"),
        default=True,
        help_text=_(
            "One e-mail a day listing what is overdue, due soon and newly assigned. "
            "Overdue items and urges are e-mailed even when this is off."
        ),
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="admin") | models.Q(agency__isnull=False),
                name="user_agency_required_unless_admin",
                violation_error_message=_("Every user except administrators belongs to an agency."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def save(self, *args, **kwargs):
        # The Django admin is the administrators' tool; the role decides who may open it.
        self.is_staff = self.role == self.Role.ADMIN or self.is_superuser
        super().save(*args, **kwargs)

    @property
    def is_admin(self) -> bool:
        return self.is_active and (self.role == self.Role.ADMIN or self.is_superuser)

    @property
    def is_leader(self) -> bool:
        return self.is_active and self.role == self.Role.LEADER

    @property
    def is_agency_manager(self) -> bool:
        return self.is_active and self.role == self.Role.MANAGER


class Notification(models.Model):
    """An in-app notice to one user (reminder, urge, decision); e-mail is a separate delivery of it."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        OVERDUE = "overdue", _("Overdue")
        URGE = "urge", _("Urge")
        ASSIGNED = "assigned", _("New assignment")
        DECISION = "decision", _("Decision")
        REPORT = "report", _("Report")

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("content"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class Signer(models.Model):
    """A person who signs the agency's documents: the head or a deputy, with the title printed above the name."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="signers")
    name = models.CharField(
        _("name"), max_length=150, help_text=_("As printed under the signature, e.g. Đại tá Nguyễn Văn A.")
    )
    title = models.CharField(_("title"), max_length=120, help_text=_("e.g. CHỈ HUY TRƯỞNG or PHÓ CHỈ HUY TRƯỞNG."))
    is_head = models.BooleanField(_("head of the agency"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=10)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-is_head", "sort_order", "name"]
        verbose_name = _("signer")
        verbose_name_plural = _("signers")

    def __str__(self) -> str:
        return f"{self.title} {self.name}"


class AgencyChange(models.Model):
    """One reorganisation of agencies under a decision: what came before, what came after (DESIGN §12).

    A merge has several predecessors and one successor, a split one predecessor and several successors, a
    dissolution one predecessor and at most one successor (who takes its open work); a rename has the agency
    on both sides and keeps its former name and code here, so reports of earlier periods show the name it had.
    """

    class Kind(models.TextChoices):
        MERGE = "merge", _("Merge")
        SPLIT = "split", _("Split")
        RENAME = "rename", _("Rename")
        DISSOLVE = "dissolve", _("Dissolve")

    kind = models.CharField(_("kind of change"), max_length=20, choices=Kind.choices)
    decision_number = models.CharField(_("decision number"), max_length=100)
    decision_date = models.DateField(_("decision date"))
    issuer = models.CharField(_("issued by"), max_length=200)
    effective_on = models.DateField(_("effective from"))
    predecessors = models.ManyToManyField(
        Agency, verbose_name=_("agencies before"), related_name="changes_as_predecessor"
    )
    successors = models.ManyToManyField(
        Agency, verbose_name=_("agencies after"), related_name="changes_as_successor", blank=True
    )
    main_successor = models.ForeignKey(
        Agency,
        verbose_name=_("main successor"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Takes the users, the unsent reports and the figures of closed work."),
    )
    old_name = models.CharField(_("former name"), max_length=200, blank=True)
    old_short_name = models.CharField(_("former short name"), max_length=60, blank=True)
    old_code = models.CharField(_("former code"), max_length=40, blank=True)
    summary = models.JSONField(_("what moved"), default=dict, blank=True)
    performed_by = models.ForeignKey(
        "User", verbose_name=_("performed by"), on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    performed_at = models.DateTimeField(_("performed at"), auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-pk"]
        verbose_name = _("agency change")
        verbose_name_plural = _("agency changes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.decision_number} ({self.effective_on:%d/%m/%Y})"
