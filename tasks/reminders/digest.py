"""The daily digest: one e-mail per user per day of what is overdue, due soon and newly assigned, sent once."""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Notification, User

from ..models import DigestLedger

# Notices the digest carries, in the order of its sections; urges and decisions are e-mailed at once instead.
DIGEST_SECTIONS = [
    (Notification.Kind.OVERDUE, gettext_lazy("Overdue")),
    (Notification.Kind.REMINDER, gettext_lazy("Due soon")),
    (Notification.Kind.ASSIGNED, gettext_lazy("Newly assigned")),
]
# Users who turned the digest off still get a digest of these alone.
DIGEST_ALWAYS = [Notification.Kind.OVERDUE]
# Older notices never e-mailed (digest off at the time, e-mail address missing) are left in the app.
DIGEST_WINDOW_DAYS = 7


def _digest_pending(*, day: date):
    # The window counts from now, not from `day`: a digest run for an earlier day still sees today's notices.
    since = timezone.now() - timedelta(days=DIGEST_WINDOW_DAYS)
    kinds = [kind for kind, _label in DIGEST_SECTIONS]
    return Notification.objects.filter(emailed_at__isnull=True, created_at__gte=since).filter(
        Q(kind__in=kinds, user__receives_daily_digest=True) | Q(kind__in=DIGEST_ALWAYS)
    )


def digest_pending_user_ids(*, day: date) -> list[int]:
    """Active users with an e-mail address, something to read and no digest sent for the day: one query."""
    already_sent = DigestLedger.objects.filter(user=OuterRef("user"), day=day, sent_at__isnull=False)
    pending = _digest_pending(day=day).filter(user__is_active=True).exclude(user__email="")
    return sorted(set(pending.exclude(Exists(already_sent)).values_list("user_id", flat=True)))


def digest_send(*, user_id: int, day: date) -> int:
    """E-mail one user's digest for the day, at most once; returns how many notices it carried.

    The rule: the ledger row of (user, day) is locked (SELECT ... FOR UPDATE SKIP LOCKED) for the whole
    send, and marked sent, with its notices e-mailed, in the same transaction, committed only after the SMTP
    server accepted the message. A second worker meanwhile skips the locked row and sends nothing. A failure
    rolls back and re-raises, for the job to retry with back-off; a worker killed in the middle (SIGKILL, lost
    machine) loses its database connection, which releases the lock and leaves the row unsent, so the job
    redelivered by the broker sends it. Only a death between the server's "250" and the commit can send a
    digest twice.
    """
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return 0
    DigestLedger.objects.bulk_create([DigestLedger(user=user, day=day)], ignore_conflicts=True)
    with transaction.atomic():
        ledger = (
            DigestLedger.objects.select_for_update(skip_locked=True)
            .filter(user=user, day=day, sent_at__isnull=True)
            .first()
        )
        if ledger is None:
            return 0  # sent already, or being sent by another worker right now
        notifications = list(_digest_pending(day=day).filter(user=user).order_by("created_at", "pk"))
        if not notifications:
            return 0
        ledger.claimed_at = timezone.now()
        with translation.override(settings.LANGUAGE_CODE):
            _digest_message(user=user, day=day, notifications=notifications).send()
        ledger.sent_at = timezone.now()
        ledger.item_count = len(notifications)
        ledger.save(update_fields=["claimed_at", "sent_at", "item_count"])
        Notification.objects.filter(pk__in=[notification.pk for notification in notifications]).update(
            emailed_at=ledger.sent_at
        )
    return len(notifications)


def _digest_message(*, user: User, day: date, notifications: list[Notification]) -> EmailMultiAlternatives:
    sections = []
    for kind, label in DIGEST_SECTIONS:
        items = [notification for notification in notifications if notification.kind == kind]
        if items:
            sections.append({"label": label, "items": items})
    counts = ", ".join(f"{len(section['items'])} {str(section['label']).lower()}" for section in sections)
    subject = _("[Đôn đốc] Daily reminders of %(day)s: %(counts)s") % {
        "day": date_format(day, "d/m/Y"),
        "counts": counts,
    }
    context = {
        "user": user,
        "day": day,
        "sections": sections,
        "site_url": settings.SITE_URL.rstrip("/"),
        "digest_off": not user.receives_daily_digest,
        "settings_path": reverse("agencies:notification_settings"),
        "notifications_path": reverse("agencies:notification_list"),
    }
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string("tasks/email/digest.txt", context), to=[user.email]
    )
    message.attach_alternative(render_to_string("tasks/email/digest.html", context), "text/html")
    return message
