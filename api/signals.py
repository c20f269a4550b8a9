"""Where the other apps' changes become webhook events. The apps to the left cannot call the api app (imports
point left), so it listens to their saves; each event carries a key, and a repeat of the same change is no-op."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from reports.models import AgencyReport, ConsolidatedReport
from tasks.models import Assignment, ExtensionRequest, ProgressUpdate

from .models import WebhookEvent
from .webhooks import webhook_event_emit


def _changed(update_fields, name: str) -> bool:
    return update_fields is None or name in update_fields


@receiver(post_save, sender=Assignment, dispatch_uid="webhook_assignment")
def assignment_saved(sender, instance, created, update_fields, **kwargs):
    if created or update_fields is None or "status" not in update_fields:
        return
    webhook_event_emit(
        event=WebhookEvent.ASSIGNMENT_STATUS_CHANGED,
        key=f"assignment-{instance.pk}-v{instance.version}",
        data={"assignment": instance.pk, "status": instance.status, "version": instance.version},
    )


@receiver(post_save, sender=ProgressUpdate, dispatch_uid="webhook_progress_update")
def progress_update_saved(sender, instance, created, **kwargs):
    if created:
        webhook_event_emit(
            event=WebhookEvent.PROGRESS_UPDATE_ADDED,
            key=f"update-{instance.pk}",
            data={"assignment": instance.assignment_id, "update": instance.pk, "percent": instance.percent},
        )


@receiver(post_save, sender=ExtensionRequest, dispatch_uid="webhook_extension")
def extension_saved(sender, instance, created, update_fields, **kwargs):
    if created or instance.decision == ExtensionRequest.Decision.PENDING or not _changed(update_fields, "decision"):
        return
    webhook_event_emit(
        event=WebhookEvent.EXTENSION_DECIDED,
        key=f"extension-{instance.pk}-decided",
        data={"assignment": instance.assignment_id, "extension_request": instance.pk, "decision": instance.decision},
    )


@receiver(post_save, sender=AgencyReport, dispatch_uid="webhook_agency_report")
def agency_report_saved(sender, instance, update_fields, **kwargs):
    if not _changed(update_fields, "status"):
        return
    data = {"period": instance.period_id, "agency": instance.agency_id, "status": instance.status}
    if instance.status == AgencyReport.Status.SUBMITTED and instance.submitted_at:
        key = f"agency-report-{instance.pk}-submitted-{instance.submitted_at.isoformat()}"
        webhook_event_emit(event=WebhookEvent.AGENCY_REPORT_SUBMITTED, key=key, data=data)
    elif instance.status == AgencyReport.Status.ACCEPTED:
        key = f"agency-report-{instance.pk}-accepted"
        webhook_event_emit(event=WebhookEvent.AGENCY_REPORT_ACCEPTED, key=key, data=data)


@receiver(post_save, sender=ConsolidatedReport, dispatch_uid="webhook_consolidated")
def consolidated_saved(sender, instance, update_fields, **kwargs):
    if instance.status != ConsolidatedReport.Status.ISSUED or not _changed(update_fields, "status"):
        return
    webhook_event_emit(
        event=WebhookEvent.CONSOLIDATED_REPORT_ISSUED,
        key=f"consolidated-{instance.pk}-issued",
        data={"period": instance.period_id, "number": instance.number, "year": instance.year},
    )
