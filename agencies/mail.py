"""E-mail delivery of notifications (the job in agencies/jobs.py calls it; the services enqueue the job)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification


def notifications_email(*, notification_ids: list[int]) -> int:
    """E-mail each notification not yet e-mailed; a retry after a failure sends only what is left."""
    sent = 0
    pending = Notification.objects.select_related("user").filter(pk__in=notification_ids, emailed_at__isnull=True)
    with translation.override(settings.LANGUAGE_CODE):
        for notification in pending:
            if not notification.user.email or not notification.user.is_active:
                continue
            context = {"notification": notification, "site_url": settings.SITE_URL}
            message = EmailMultiAlternatives(
                subject=f"[Đôn đốc] {notification.title}",
                body=render_to_string("agencies/email/notification.txt", context),
                to=[notification.user.email],
            )
            message.attach_alternative(render_to_string("agencies/email/notification.html", context), "text/html")
            message.send()
            # Marked only after the SMTP server accepted it: a failure leaves it for the retry.
            Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
            sent += 1
    return sent
