"""Writes to tasks and assignments: keyword-only, atomic, one place per rule."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from agencies.models import Agency, Notification, User
from agencies.services import notification_bulk_create, notification_create

from .links import assignment_url
from .models import Assignment, DigestLedger, ReminderLedger, Task
from .reminders import REMINDED_STATUSES, Candidate, Notice, ReminderSource, reminder_sources


@dataclass(frozen=True)
class BulkAssignResult:
    created: int
    skipped: int


@transaction.atomic
def assignment_bulk_create(
    *, tasks: Iterable[Task], agencies: Iterable[Agency], role: str, deadline: date | None, use_task_deadline: bool
) -> BulkAssignResult:
    """Assign each task to each agency once; an agency already on a task is left as it is."""
    tasks = list(tasks)
    agencies = list(agencies)
    if not tasks or not agencies:
        raise ValidationError(_("Choose at least one task and one agency."))
    if role not in Assignment.Role.values:
        raise ValidationError(_("Unknown role."))
    existing = set(Assignment.objects.filter(task__in=tasks, agency__in=agencies).values_list("task_id", "agency_id"))
    new = []
    for task in tasks:
        task_deadline = task.deadline if use_task_deadline else deadline
        directive = task.group.directive
        if task_deadline and directive.issued_on and task_deadline < directive.issued_on:
            raise ValidationError(_("The deadline cannot be before the directive's date."))
        for agency in agencies:
            if (task.pk, agency.pk) in existing:
                continue
            new.append(Assignment(task=task, agency=agency, role=role, deadline=task_deadline))
    # One INSERT for the lot (item 1 goes to every agency), each with its first history row.
    bulk_create_with_history(new, Assignment, batch_size=500)
    return BulkAssignResult(created=len(new), skipped=len(tasks) * len(agencies) - len(new))


# --- Reminders --------------------------------------------------------------------------------------------


@dataclass
class ReminderScanResult:
    run_id: uuid.UUID
    today: date
    reminders: int = 0  # ledger rows this scan inserted (or, in a dry run, would insert)
    notifications: int = 0
    # In a dry run: user id → the notices that user would get.
    preview: dict[int, list[Notice]] = field(default_factory=lambda: defaultdict(list))


def reminder_scan_run(*, today: date, dry_run: bool = False) -> ReminderScanResult:
    """Send every reminder due by today that the ledger does not hold yet, once, whoever else is scanning.

    Per chunk of a source: one read of the chunk, one read of the ledger, then (only when something is
    new) one transaction that inserts the ledger rows with ON CONFLICT DO NOTHING, re-reads which of them
    carry this run's id — a racing scan's rows do not — and creates the notifications of those alone.
    """
    result = ReminderScanResult(run_id=uuid.uuid4(), today=today)
    with translation.override(settings.LANGUAGE_CODE):
        for source in reminder_sources():
            for candidates in source.chunks(today=today):
                _reminder_chunk_process(source=source, candidates=candidates, result=result, dry_run=dry_run)
    return result


def _reminder_chunk_process(
    *, source: ReminderSource, candidates: list[Candidate], result: ReminderScanResult, dry_run: bool
) -> None:
    if not candidates:
        return
    low = min(candidate.object_id for candidate in candidates)
    high = max(candidate.object_id for candidate in candidates)
    in_chunk = ReminderLedger.objects.filter(source=source.name, object_id__gte=low, object_id__lte=high)
    sent = set(
        in_chunk.filter(due_on__gte=min(candidate.due_on for candidate in candidates)).values_list(
            "object_id", "kind", "due_on"
        )
    )
    new = [candidate for candidate in candidates if (candidate.object_id, candidate.kind, candidate.due_on) not in sent]
    if not new:
        return
    if dry_run:
        result.reminders += len(new)
        for notice in source.notices(candidates=new, today=result.today):
            for user_id in notice.user_ids:
                result.preview[user_id].append(notice)
            result.notifications += len(notice.user_ids)
        return
    with transaction.atomic():
        ReminderLedger.objects.bulk_create(
            [
                ReminderLedger(
                    source=source.name,
                    object_id=candidate.object_id,
                    kind=candidate.kind,
                    due_on=candidate.due_on,
                    run_id=result.run_id,
                )
                for candidate in new
            ],
            ignore_conflicts=True,
        )
        mine = set(in_chunk.filter(run_id=result.run_id).values_list("object_id", "kind", "due_on"))
        won = [candidate for candidate in new if (candidate.object_id, candidate.kind, candidate.due_on) in mine]
        notices = source.notices(candidates=won, today=result.today) if won else []
        result.reminders += len(won)
        result.notifications += notification_bulk_create(
            notices=((notice.user_ids, notice.kind, notice.title, notice.body, notice.url) for notice in notices)
        )


def reminder_daily_run(*, today: date) -> dict[str, int]:
    """The daily job: the scan, then one digest job per user with something to read, enqueued on commit."""
    from .jobs import send_digest

    scan = reminder_scan_run(today=today)
    with transaction.atomic():
        user_ids = digest_pending_user_ids(day=today)
        for user_id in user_ids:
            transaction.on_commit(partial(send_digest.delay, user_id, today.isoformat()))
    return {"reminders": scan.reminders, "notifications": scan.notifications, "digests": len(user_ids)}


# --- Daily digest -----------------------------------------------------------------------------------------

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
# A digest claimed by a worker that died before sending is claimed again after this long.
DIGEST_CLAIM_TIMEOUT = timedelta(minutes=15)


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

    The row of (user, day) is claimed first, so two workers never both send it; it is marked sent, and
    its notices e-mailed, only after the SMTP server accepted the message. A failure releases the claim
    and re-raises, for the job to retry with back-off.
    """
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return 0
    DigestLedger.objects.bulk_create([DigestLedger(user=user, day=day)], ignore_conflicts=True)
    now = timezone.now()
    claimed = (
        DigestLedger.objects.filter(user=user, day=day, sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - DIGEST_CLAIM_TIMEOUT))
        .update(claimed_at=now)
    )
    if not claimed:
        return 0
    ledger = DigestLedger.objects.filter(user=user, day=day)
    try:
        notifications = list(_digest_pending(day=day).filter(user=user).order_by("created_at", "pk"))
        if not notifications:
            ledger.update(claimed_at=None)
            return 0
        with translation.override(settings.LANGUAGE_CODE):
            _digest_message(user=user, day=day, notifications=notifications).send()
    except BaseException:
        ledger.update(claimed_at=None)
        raise
    with transaction.atomic():
        sent_at = timezone.now()
        ledger.update(sent_at=sent_at, item_count=len(notifications))
        Notification.objects.filter(pk__in=[notification.pk for notification in notifications]).update(
            emailed_at=sent_at
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


# --- Urging (đôn đốc) -------------------------------------------------------------------------------------


@transaction.atomic
def assignment_urge(*, assignment: Assignment, user: User, message: str) -> int:
    """The coordinator's urge: a notice to the agency's active staff and managers, e-mailed at once."""
    if assignment.status not in REMINDED_STATUSES:
        raise ValidationError(_("Only assignments that are not started or in progress can be urged."))
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write a short message to the agency.")})
    recipients = list(
        User.objects.filter(
            agency_id=assignment.agency_id, is_active=True, role__in=[User.Role.STAFF, User.Role.MANAGER]
        )
    )
    if not recipients:
        raise ValidationError(_("This agency has no active user to receive the message yet."))
    directive = assignment.task.group.directive
    names = {"code": assignment.task.code, "directive": f"{directive.get_kind_display()} {directive.number}"}
    deadline = date_format(assignment.deadline, "d/m/Y") if assignment.deadline else _("standing task")
    body = "\n\n".join(
        [
            message,
            _("From: %(sender)s, %(agency)s") % {"sender": user.get_full_name(), "agency": user.agency or ""},
            _("Task %(code)s: %(text)s") % {"code": names["code"], "text": assignment.task.text[:400]},
            _("Deadline: %(deadline)s") % {"deadline": deadline},
        ]
    )
    notifications = notification_create(
        users=recipients,
        kind=Notification.Kind.URGE,
        title=_("Urge: task %(code)s of %(directive)s") % names,
        body=body,
        url=assignment_url(assignment),
        email_now=True,
    )
    return len(notifications)
