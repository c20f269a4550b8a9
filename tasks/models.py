"""Tasks of a directive and their assignments to lead and cooperating agencies."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from agencies.text import NormalizedTextModel, fold
from directives.models import TaskGroup
from directives.validators import validate_deadline

from .list_order import ORDER_FIELDS, AssignmentQuerySet, fill_list_order, refresh_list_order
from .timeliness import Status, Timeliness, timeliness


class Task(NormalizedTextModel):
    group = models.ForeignKey(TaskGroup, verbose_name=_("task group"), on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("Order within the group."))
    text = models.TextField(_("task"))
    deadline = models.DateField(
        _("deadline"), null=True, blank=True, help_text=_("Leave empty for standing work (thường xuyên).")
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["group__directive", "group__number", "number"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "number"],
                name="task_unique_number",
                violation_error_message=_("This group already has a task with this number."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.group.number}.{self.number} {self.text[:80]}"

    @property
    def code(self) -> str:
        return f"{self.group.number}.{self.number}"

    def clean(self):
        if self.group_id:
            try:
                validate_deadline(self.deadline, issued_on=self.group.directive.issued_on)
            except ValidationError as error:
                raise ValidationError({"deadline": error}) from error

    def save(self, *args, **kwargs):
        self.normalize_text_fields()
        self.search_text = fold(self.text)
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:  # renumbered or moved to another item: its assignments' list copies follow
            refresh_list_order(self.assignments.all())


class Assignment(models.Model):
    """One agency's share of a task: the unit agencies update."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        COOPERATING = "cooperating", _("Cooperating")

    Status = Status

    # PROTECT: deleting a task must not delete assignments and their history with it.
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="assignments")
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="assignments")
    # A delegated share (tasks.delegation): the part of the parent's work its agency passed down to one of its units.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("delegated by"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LEAD)
    deadline = models.DateField(
        _("deadline"), null=True, blank=True, help_text=_("Leave empty for standing work (thường xuyên).")
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.NOT_STARTED)
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    status_note = models.TextField(_("status note"), blank=True)
    # Bumped on every change: a form posted from a stale page is refused instead of overwriting.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The list's tie-breakers, copies of the task's directive, item and number and the agency's sort order, so a
    # list sorts without joins; tasks.list_order keeps them equal on every write (its docstring).
    order_directive = models.BigIntegerField(default=0, editable=False)
    order_group = models.PositiveSmallIntegerField(default=0, editable=False)
    order_task = models.PositiveSmallIntegerField(default=0, editable=False)
    order_agency = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=list(ORDER_FIELDS))

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["task__group__directive", "task__group__number", "task__number", "role", "agency__sort_order"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "agency"],
                name="assignment_unique_agency",
                violation_error_message=_("This agency is already assigned to this task."),
            ),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="assignment_percent_range"),
        ]
        indexes = [models.Index(fields=["agency", "status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.task.code} – {self.agency}"

    def save(self, *args, **kwargs):
        # New, or moved to another task or agency: its list copies follow (tasks.list_order).
        if self._state.adding or getattr(self, "_saved_keys", None) != (self.task_id, self.agency_id):
            fill_list_order([self])
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], *ORDER_FIELDS}
        super().save(*args, **kwargs)
        self._saved_keys = (self.task_id, self.agency_id)

    def get_absolute_url(self) -> str:
        return self.url_of(self.pk)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_keys = (instance.__dict__.get("task_id"), instance.__dict__.get("agency_id"))
        return instance  # what save() compares to know a move

    @staticmethod
    def url_of(pk: int) -> str:
        """The assignment's page, from its id alone (the reminder scan words thousands of rows without instances)."""
        return reverse("tasks:assignment_detail", args=[pk])

    def clean(self):
        if self.task_id:
            try:
                validate_deadline(self.deadline, issued_on=self.task.group.directive.issued_on)
            except ValidationError as error:
                raise ValidationError({"deadline": error}) from error

    def own_timeliness(self, today=None) -> Timeliness:
        """Its own state and dates only, as tasks.timeliness.timeliness() judges them (no query)."""
        return timeliness(
            status=self.status,
            deadline=self.deadline,
            completed_on=self.completed_on,
            today=today or timezone.localdate(),
            due_soon_days=settings.DONDOC_DUE_SOON_DAYS,
        )

    def timeliness(self, today=None) -> Timeliness:
        """As lists and the dashboard count it (tasks.selectors.with_timeliness): open work passed down is overdue
        as soon as one of its shares is (tasks.delegation.rolled_up_timeliness). One query when it may have shares,
        none when `children` is prefetched or when it is not open."""
        from .delegation import OPEN_SHARE, rolled_up_timeliness

        today = today or timezone.localdate()
        own = self.own_timeliness(today)
        if self.pk is None or self.status not in OPEN_SHARE:
            return own
        shares = [share.own_timeliness(today) for share in self.children.all()]
        return rolled_up_timeliness(own, status=self.status, shares=shares)


class Subordinate(models.Model):
    """An agency's unit or commune, to which the agency may delegate its shares of tasks (tasks.delegation)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="subordinate_links"
    )
    unit = models.ForeignKey(
        Agency, verbose_name=_("unit or commune"), on_delete=models.CASCADE, related_name="superior_links"
    )

    class Meta:
        ordering = ["agency", "unit__sort_order", "unit__name"]
        verbose_name = _("unit or commune under an agency")
        verbose_name_plural = _("units and communes under agencies")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "unit"],
                name="subordinate_unique",
                violation_error_message=_("This unit is already under this agency."),
            ),
            models.CheckConstraint(
                condition=~models.Q(agency=models.F("unit")),
                name="subordinate_not_itself",
                violation_error_message=_("An agency is not its own unit."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} → {self.unit}"


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    # Stored under a generated name: the user's file name is kept only as data, never as a path.
    return f"evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class ProgressUpdate(NormalizedTextModel):
    """An append-only report on an assignment; a mistake is corrected by a newer update."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.PROTECT, related_name="updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="progress_updates"
    )
    created_at = models.DateTimeField(_("reported at"), default=timezone.now, db_index=True)
    percent = models.PositiveSmallIntegerField(_("percent done"))
    results = models.TextField(_("results"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    declares_done = models.BooleanField(_("declares the work done"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [models.CheckConstraint(condition=models.Q(percent__lte=100), name="update_percent_range")]
        indexes = [
            models.Index(fields=["assignment", "created_at"]),
            # "Returned to you" in every page's inbox asks which assignments ever declared done: without it PostgreSQL
            # read all 100,000 updates on every page (bench/web.py: the inbox's count query 28 to 11 ms).
            models.Index(fields=["assignment"], condition=models.Q(declares_done=True), name="update_declares_done"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} – {self.percent}% ({self.created_at:%d/%m/%Y})"


class Evidence(models.Model):
    """A file attached to a progress update; served only to users who may see the assignment."""

    update = models.ForeignKey(
        ProgressUpdate, verbose_name=_("progress update"), on_delete=models.PROTECT, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class ExtensionRequest(NormalizedTextModel):
    """A request to move an assignment's deadline; a leader or an admin decides."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.PROTECT, related_name="extension_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="extension_requests",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    current_deadline = models.DateField(_("current deadline"), null=True, blank=True)
    new_deadline = models.DateField(_("requested deadline"))
    reason = models.TextField(_("reason"))
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="extension_decisions",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        constraints = [
            # One open request per assignment: a second is refused instead of piling up.
            models.UniqueConstraint(
                fields=["assignment"],
                condition=models.Q(decision="pending"),
                name="extension_one_pending_per_assignment",
                violation_error_message=_("This assignment already has a pending extension request."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} → {self.new_deadline:%d/%m/%Y}"


class ReminderLedger(models.Model):
    """One row per reminder sent: the unique key makes a second scan, a retry or a racing worker a no-op.

    `source` names the reminder source ("assignment"; report due dates may add theirs) and `object_id`
    the row it is about; `due_on` is the scheduled reminder date, not the day the scan ran.
    """

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the deadline")
        DUE_DAY = "due_day", _("On the due day")
        OVERDUE = "overdue", _("Overdue")
        ESCALATION = "escalation", _("Escalation")
        ASSIGNED = "assigned", _("New assignment")

    source = models.CharField(_("source"), max_length=30, default="assignment")
    object_id = models.PositiveBigIntegerField(_("object"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    due_on = models.DateField(_("scheduled for"))
    # The scan that inserted the row: it notifies only for rows carrying its own run id.
    run_id = models.UUIDField(_("scan"), db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-due_on", "-pk"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id", "kind", "due_on"], name="reminder_ledger_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.object_id} {self.kind} {self.due_on:%d/%m/%Y}"


class DigestLedger(models.Model):
    """The daily digest of one user for one day: locked while it is sent, marked sent in the same transaction
    once the SMTP server accepted it (tasks.reminders.digest.digest_send); `claimed_at` is when sending began."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="digests"
    )
    day = models.DateField(_("day"))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    item_count = models.PositiveIntegerField(_("items"), default=0)

    class Meta:
        ordering = ["-day", "user"]
        verbose_name = _("daily digest")
        verbose_name_plural = _("daily digests")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_ledger_unique")]

    def __str__(self) -> str:
        return f"{self.user} {self.day:%d/%m/%Y}"


class Urge(models.Model):
    """One urge (đôn đốc) of the coordinating agency to an agency about an assignment: at most one a day."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.PROTECT, related_name="urges"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    # The local day (Asia/Ho_Chi_Minh) it was sent on: one urge per assignment per day, even from racing requests.
    sent_on = models.DateField(_("sent on"))
    message = models.TextField(_("message"))

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("urge")
        verbose_name_plural = _("urges")
        constraints = [models.UniqueConstraint(fields=["assignment", "sent_on"], name="urge_once_a_day")]

    def __str__(self) -> str:
        return f"{self.assignment} {self.sent_on:%d/%m/%Y}"
