"""Writes to tasks and assignments: keyword-only, atomic, one place per rule."""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from agencies.models import Agency, Notification, User
from agencies.selectors import agency_members
from agencies.services import notification_bulk_create, notification_create
from agencies.text import nfc
from directives.models import Directive, DirectiveLink, TaskGroup
from directives.permissions import user_can_import_directive
from directives.selectors import directives_by_kind_and_number

from .importing import ReviewedCitation, ReviewedDirective, ReviewedGroup, propose_title
from .links import assignment_url
from .models import Assignment, DigestLedger, Evidence, ExtensionRequest, ProgressUpdate, ReminderLedger, Task
from .reminders import REMINDED_STATUSES, Candidate, Notice, ReminderSource, reminder_sources
from .timeliness import Status
from .uploads import clean_file_name, evidence_content_type


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


# --------------------------------------------------------------------------- directive import


def _duplicate_message(directive: Directive) -> str:
    return _(
        "%(document)s of %(issuer)s is already registered; open it from the list of directives instead of "
        "importing it again."
    ) % {"document": directive, "issuer": directive.issuer}


def _registered_directive(*, proposal: ReviewedDirective, kind: str, number: str, issuer: str) -> Directive:
    """The new directive, or a cited-only record of the same document promoted to a tracked one."""
    fields = {
        "issued_on": proposal.issued_on,
        "subject": nfc(proposal.subject.strip()),
        "body": nfc(proposal.body.strip()),
        "coordinating_agency": proposal.coordinating_agency,
        "is_tracked": True,
    }
    existing = Directive.objects.filter(kind=kind, number=number, issuer=issuer).first()
    if existing is not None:
        # A document first registered only because another one cited it becomes tracked when its
        # own text is imported; anything else with this type, number and issuer is a duplicate.
        if existing.is_tracked or existing.groups.exists():
            raise ValidationError({"number": _duplicate_message(existing)})
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save()
        return existing
    directive = Directive(kind=kind, number=number, issuer=issuer, **fields)
    try:
        # A savepoint, so a concurrent import of the same document surfaces as a clear error.
        with transaction.atomic():
            directive.save()
    except IntegrityError as race:
        raise ValidationError({"number": _duplicate_message(directive)}) from race
    return directive


def _link_citations(*, directive: Directive, citations: list[ReviewedCitation]) -> None:
    wanted: dict[tuple[str, str], ReviewedCitation] = {}
    for citation in citations:
        key = (citation.kind, nfc(citation.number.strip()))
        if key != (directive.kind, directive.number):
            wanted.setdefault(key, citation)
    existing = directives_by_kind_and_number(wanted)
    for key, citation in wanted.items():
        target = existing.get(key)
        if target is None:
            target = Directive.objects.create(
                kind=key[0],
                number=key[1],
                issuer=nfc(citation.issuer.strip()),
                issued_on=citation.issued_on,
                is_tracked=False,
            )
        if target.pk == directive.pk:
            continue
        DirectiveLink.objects.get_or_create(source=directive, target=target, defaults={"relation": citation.relation})


def _lead_agencies(group: ReviewedGroup) -> list[Agency]:
    chosen = {agency.pk for agency in group.agencies}
    active = Agency.objects.filter(is_active=True)
    if group.all_agencies:
        agencies = list(active.exclude(kind=Agency.Kind.PEOPLES_COMMITTEE) | active.filter(pk__in=chosen))
    else:
        agencies = list(active.filter(pk__in=chosen))
    missing = chosen - {agency.pk for agency in agencies}
    if missing:
        raise ValidationError(
            _("Item %(number)s: an agency chosen for it no longer exists or is inactive; choose again.")
            % {"number": group.number}
        )
    return agencies


@transaction.atomic
def directive_import_confirm(*, proposal: ReviewedDirective, user: User) -> Directive:
    """Save a reviewed import: the directive, its links, groups, tasks and lead assignments, or nothing."""
    if not user_can_import_directive(user):
        raise PermissionDenied
    kind, number, issuer = proposal.kind, nfc(proposal.number.strip()), nfc(proposal.issuer.strip())
    if kind not in Directive.Kind.values:
        raise ValidationError({"kind": _("Choose the type of the document.")})
    if not number or not issuer:
        raise ValidationError(_("Enter the number and the issuer of the document."))
    numbers = [group.number for group in proposal.groups]
    if not numbers:
        raise ValidationError(_("Keep at least one item: a directive without items has nothing to assign."))
    if len(set(numbers)) != len(numbers):
        raise ValidationError(_("Item numbers must be different."))
    for group in proposal.groups:
        if group.deadline and proposal.issued_on and group.deadline < proposal.issued_on:
            raise ValidationError(
                _("Item %(number)s: the deadline cannot be before the directive's date.") % {"number": group.number}
            )

    directive = _registered_directive(proposal=proposal, kind=kind, number=number, issuer=issuer)
    _link_citations(directive=directive, citations=proposal.citations)
    for group in sorted(proposal.groups, key=lambda g: g.number):
        task_group = TaskGroup.objects.create(
            directive=directive,
            number=group.number,
            title=group.title.strip() or propose_title(group.text),
            text=group.text.strip(),
        )
        tasks = []
        for index, text in enumerate(group.tasks, start=1):
            task = Task(group=task_group, number=index, text=text, deadline=group.deadline)
            task.save()
            tasks.append(task)
        agencies = _lead_agencies(group)
        assignments = [
            Assignment(task=task, agency=agency, role=Assignment.Role.LEAD, deadline=group.deadline)
            for task in tasks
            for agency in agencies
        ]
        bulk_create_with_history(assignments, Assignment, batch_size=500, default_user=user)
    return directive


# --- The agency workspace: progress updates, the confirm/return workflow, extensions, pause and cancel. ---

STALE_VERSION = gettext_lazy(
    "Someone else changed this assignment after you opened the page; nothing was saved. "
    "The page now shows its current state: check it and try again."
)
NOT_REPORTABLE = gettext_lazy("This assignment is done, paused or cancelled: progress can no longer be reported on it.")
EMPTY_UPDATE = gettext_lazy("Write the results, the difficulties or the proposals, or attach a file.")
PERCENT_RANGE = gettext_lazy("Enter a whole number from 0 to 100.")
TOO_MANY_FILES = gettext_lazy("Attach at most %(count)d files to one update.")
CANNOT_DECLARE_DONE = gettext_lazy("Only work that is not started or in progress can be declared done.")
NOT_AWAITING = gettext_lazy("This assignment is not awaiting confirmation.")
COMMENT_REQUIRED = gettext_lazy("Say what must be done again.")
REASON_REQUIRED = gettext_lazy("Give the reason.")
EXTENSION_CLOSED = gettext_lazy("A deadline extension cannot be requested for work that is done or cancelled.")
EXTENSION_STANDING = gettext_lazy("Standing work has no deadline to extend.")
EXTENSION_PAST = gettext_lazy("The new deadline cannot be in the past.")
EXTENSION_NOT_LATER = gettext_lazy("The new deadline must be after the current deadline (%(deadline)s).")
EXTENSION_PENDING = gettext_lazy("This assignment already has a pending extension request.")
EXTENSION_DECIDED = gettext_lazy("This request has already been decided.")
CANNOT_PAUSE = gettext_lazy("Only open work can be paused.")
NOT_PAUSED = gettext_lazy("This assignment is not paused.")
CANNOT_CANCEL = gettext_lazy("Work that is done or already cancelled cannot be cancelled.")

CLOSED_FOR_UPDATES = (Status.DONE, Status.CANCELLED, Status.PAUSED)


def _locked_assignment(assignment: Assignment, *, expected_version: int | None) -> Assignment:
    """Re-read the assignment under a row lock; refuse when the page it came from is out of date."""
    locked = Assignment.objects.select_for_update().select_related("task__group__directive").get(pk=assignment.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(STALE_VERSION, code="stale")
    return locked


def _save_change(assignment: Assignment, *, user: User, reason, fields: list[str]) -> Assignment:
    """Save under a new version, with who and why in the history row simple_history writes."""
    assignment.version += 1
    assignment._history_user = user
    # The history is data: its reasons are written in the site's language, whatever the user's.
    with translation.override(settings.LANGUAGE_CODE):
        assignment._change_reason = str(reason)[:100]
    assignment.save(update_fields=[*fields, "version", "updated_at"])
    return assignment


def _require_text(value: str, *, field: str, message) -> str:
    value = nfc(value or "").strip()
    if not value:
        raise ValidationError({field: message}, code="required")
    return value


def progress_update_check(*, results: str, difficulties: str, proposals: str, files: Sequence) -> dict[str, str]:
    """The rules of an update's content, shared with the form so every error shows at once; returns the texts."""
    texts = {
        "results": nfc(results or "").strip(),
        "difficulties": nfc(difficulties or "").strip(),
        "proposals": nfc(proposals or "").strip(),
    }
    if not any(texts.values()) and not files:
        raise ValidationError(EMPTY_UPDATE, code="empty")
    if len(files) > settings.DONDOC_MAX_FILES_PER_UPDATE:
        raise ValidationError(
            {"files": TOO_MANY_FILES % {"count": settings.DONDOC_MAX_FILES_PER_UPDATE}}, code="too_many_files"
        )
    errors = []
    for file in files:
        try:
            evidence_content_type(file)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"files": errors}, code="file")
    return texts


@transaction.atomic
def progress_update_create(
    *,
    assignment: Assignment,
    author: User,
    percent: int,
    results: str = "",
    difficulties: str = "",
    proposals: str = "",
    files: Sequence = (),
) -> ProgressUpdate:
    """Append a progress update with its evidence. Updates are inserts, so two at once are both kept."""
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ValidationError({"percent": PERCENT_RANGE}, code="percent_range")
    files = list(files)
    texts = progress_update_check(results=results, difficulties=difficulties, proposals=proposals, files=files)
    content_types = [evidence_content_type(file) for file in files]
    # No version check: an update never overwrites anything. The lock only orders the percent bumps.
    locked = _locked_assignment(assignment, expected_version=None)
    if locked.status in CLOSED_FOR_UPDATES:
        raise ValidationError(NOT_REPORTABLE, code="closed")
    update = ProgressUpdate.objects.create(assignment=locked, author=author, percent=percent, **texts)
    for file, content_type in zip(files, content_types, strict=True):
        Evidence.objects.create(
            update=update,
            file=file,
            original_name=clean_file_name(file.name),
            content_type=content_type,
            size=file.size,
        )
    fields = []
    if locked.status == Status.NOT_STARTED:
        locked.status = Status.IN_PROGRESS
        fields.append("status")
    # Declared-done work keeps its 100 % until the coordinator returns it.
    if locked.status != Status.AWAITING_CONFIRMATION:
        locked.percent = percent
        fields.append("percent")
    _save_change(locked, user=author, reason=gettext_lazy("Progress update"), fields=fields)
    return update


@transaction.atomic
def assignment_declare_done(
    *, assignment: Assignment, user: User, expected_version: int, note: str = "", today: date | None = None
) -> Assignment:
    """The agency says the work is finished: it waits for the coordinator, dated today."""
    locked = _locked_assignment(assignment, expected_version=expected_version)
    if locked.status not in (Status.NOT_STARTED, Status.IN_PROGRESS):
        raise ValidationError(CANNOT_DECLARE_DONE, code="state")
    ProgressUpdate.objects.create(
        assignment=locked, author=user, percent=100, results=nfc(note or "").strip(), declares_done=True
    )
    locked.status = Status.AWAITING_CONFIRMATION
    locked.completed_on = today or timezone.localdate()
    locked.percent = 100
    return _save_change(
        locked, user=user, reason=gettext_lazy("Declared done"), fields=["status", "completed_on", "percent"]
    )


@transaction.atomic
def assignment_confirm(*, assignment: Assignment, user: User, expected_version: int) -> Assignment:
    """The coordinator accepts declared-done work; on time or late follows from the declared date."""
    locked = _locked_assignment(assignment, expected_version=expected_version)
    if locked.status != Status.AWAITING_CONFIRMATION:
        raise ValidationError(NOT_AWAITING, code="state")
    locked.status = Status.DONE
    return _save_change(locked, user=user, reason=gettext_lazy("Confirmed by the coordinator"), fields=["status"])


@transaction.atomic
def assignment_return(*, assignment: Assignment, user: User, expected_version: int, comment: str) -> Assignment:
    """The coordinator sends declared-done work back to be done again, saying why."""
    comment = _require_text(comment, field="comment", message=COMMENT_REQUIRED)
    locked = _locked_assignment(assignment, expected_version=expected_version)
    if locked.status != Status.AWAITING_CONFIRMATION:
        raise ValidationError(NOT_AWAITING, code="state")
    locked.status = Status.IN_PROGRESS
    locked.completed_on = None
    locked.status_note = comment
    _save_change(locked, user=user, reason=comment, fields=["status", "completed_on", "status_note"])
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Work returned to be done again: %(task)s") % {
            "task": f"{locked.task.group.directive.number} · {locked.task.code}"
        }
    notification_create(
        users=agency_members(agency_ids=[locked.agency_id]),
        kind=Notification.Kind.DECISION,
        title=title,
        body=comment,
        url=locked.get_absolute_url(),
        email_now=True,
    )
    return locked


@transaction.atomic
def extension_request_create(
    *,
    assignment: Assignment,
    user: User,
    new_deadline: date,
    reason: str,
    expected_version: int,
    today: date | None = None,
) -> ExtensionRequest:
    """Ask for a later deadline; one pending request per assignment."""
    today = today or timezone.localdate()
    reason = _require_text(reason, field="reason", message=REASON_REQUIRED)
    locked = _locked_assignment(assignment, expected_version=expected_version)
    if locked.status in (Status.DONE, Status.CANCELLED):
        raise ValidationError(EXTENSION_CLOSED, code="state")
    if locked.deadline is None:
        raise ValidationError(EXTENSION_STANDING, code="standing")
    if new_deadline < today:
        raise ValidationError({"new_deadline": EXTENSION_PAST}, code="past")
    if new_deadline <= locked.deadline:
        raise ValidationError(
            {"new_deadline": EXTENSION_NOT_LATER % {"deadline": f"{locked.deadline:%d/%m/%Y}"}}, code="not_later"
        )
    if locked.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING).exists():
        raise ValidationError(EXTENSION_PENDING, code="pending")
    return ExtensionRequest.objects.create(
        assignment=locked,
        requested_by=user,
        current_deadline=locked.deadline,
        new_deadline=new_deadline,
        reason=reason,
    )


@transaction.atomic
def extension_request_decide(
    *, extension_request: ExtensionRequest, user: User, approve: bool, note: str = "", expected_version: int
) -> ExtensionRequest:
    """Approve (the deadline moves; the old one stays in the history) or refuse with a reason."""
    note = nfc(note or "").strip()
    if not approve and not note:
        raise ValidationError({"note": REASON_REQUIRED}, code="required")
    request = ExtensionRequest.objects.select_for_update().get(pk=extension_request.pk)
    locked = _locked_assignment(request.assignment, expected_version=expected_version)
    if request.decision != ExtensionRequest.Decision.PENDING:
        raise ValidationError(EXTENSION_DECIDED, code="decided")
    request.decision = ExtensionRequest.Decision.APPROVED if approve else ExtensionRequest.Decision.REFUSED
    request.decided_by = user
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])
    if approve:
        locked.deadline = request.new_deadline
        _save_change(locked, user=user, reason=gettext_lazy("Deadline extension approved"), fields=["deadline"])
    with translation.override(settings.LANGUAGE_CODE):
        values = {"task": f"{locked.task.group.directive.number} · {locked.task.code}"}
        if approve:
            title = _("Deadline extension approved: %(task)s") % values
        else:
            title = _("Deadline extension refused: %(task)s") % values
    notification_create(
        users=[request.requested_by],
        kind=Notification.Kind.DECISION,
        title=title,
        body=note,
        url=locked.get_absolute_url(),
        email_now=True,
    )
    return request


@transaction.atomic
def assignment_pause(*, assignment: Assignment, user: User, expected_version: int, reason: str) -> Assignment:
    reason = _require_text(reason, field="reason", message=REASON_REQUIRED)
    locked = _locked_assignment(assignment, expected_version=expected_version)
    if locked.status in (Status.DONE, Status.CANCELLED, Status.PAUSED):
        raise ValidationError(CANNOT_PAUSE, code="state")
    locked.status = Status.PAUSED
    locked.status_note = reason
    return _save_change(locked, user=user, reason=reason, fields=["status", "status_note"])


@transaction.atomic
def assignment_resume(*, assignment: Assignment, user: User, expected_version: int, reason: str = "") -> Assignment:
    """Back to the state it was paused from (in progress if that cannot be told)."""
    reason = nfc(reason or "").strip()
    locked = _locked_assignment(assignment, expected_version=expected_version)
    if locked.status != Status.PAUSED:
        raise ValidationError(NOT_PAUSED, code="state")
    previous = (
        locked.history.exclude(status=Status.PAUSED)
        .order_by("-history_date", "-history_id")
        .values_list("status", flat=True)
        .first()
    )
    if previous in (None, Status.DONE, Status.CANCELLED) or (previous == Status.NOT_STARTED and locked.percent):
        previous = Status.IN_PROGRESS
    locked.status = previous
    locked.status_note = reason
    return _save_change(locked, user=user, reason=reason or gettext_lazy("Resumed"), fields=["status", "status_note"])


@transaction.atomic
def assignment_cancel(*, assignment: Assignment, user: User, expected_version: int, reason: str) -> Assignment:
    """Cancel with a reason; a pending extension request is withdrawn with it."""
    reason = _require_text(reason, field="reason", message=REASON_REQUIRED)
    locked = _locked_assignment(assignment, expected_version=expected_version)
    if locked.status in (Status.DONE, Status.CANCELLED):
        raise ValidationError(CANNOT_CANCEL, code="state")
    locked.status = Status.CANCELLED
    locked.status_note = reason
    locked.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING).update(
        decision=ExtensionRequest.Decision.WITHDRAWN, decided_by=user, decided_at=timezone.now(), decision_note=reason
    )
    return _save_change(locked, user=user, reason=reason, fields=["status", "status_note"])


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
    recipients = list(agency_members(agency_ids=[assignment.agency_id]))
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
