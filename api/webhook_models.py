"""Webhooks: an admin's registered receivers and the log of every delivery to them."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    ASSIGNMENT_STATUS_CHANGED = "assignment.status_changed", _("Assignment status changed")
    PROGRESS_UPDATE_ADDED = "progress_update.added", _("Progress update added")
    EXTENSION_DECIDED = "extension.decided", _("Extension request decided")
    AGENCY_REPORT_SUBMITTED = "agency_report.submitted", _("Agency report submitted")
    AGENCY_REPORT_ACCEPTED = "agency_report.accepted", _("Agency report accepted")
    CONSOLIDATED_REPORT_ISSUED = "consolidated_report.issued", _("Consolidated report issued")


class WebhookEndpoint(models.Model):
    name = models.CharField(_("name"), max_length=100)
    url = models.CharField(_("address"), max_length=500, help_text=_("http:// or https://, not this server."))
    # Kept as entered: every delivery is signed with it (HMAC-SHA256 of the body).
    secret = models.CharField(_("secret"), max_length=200)
    events = models.JSONField(_("events"), default=list)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=40, choices=WebhookEvent.choices)
    # What happened, once: the same change seen twice (a repeated save) makes no second delivery.
    key = models.CharField(_("event key"), max_length=120)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("last answer"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["endpoint", "key"], name="webhook_delivery_once_per_event")]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"
