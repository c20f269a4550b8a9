"""The assignment's life, written: progress updates, declare done, confirm or return, pause, resume, cancel, and a
supervisor's change of deadline. Keyword-only and atomic; each locks the row, checks the page's version, then asks
the access policy whether the transition table lets this user take this action now.
"""

from collections.abc import Sequence
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Notification, User
from agencies.selectors import agency_members
from agencies.services import notification_create
from agencies.text import nfc

from ..delegation import rolled_up_percent
from ..models import Assignment, Evidence, ExtensionRequest, ProgressUpdate
from ..policy import assignment_access
from ..timeliness import Status
from ..uploads import clean_file_name, evidence_content_type
from .shares import share_confirmed, share_declared_done
from .table import Action, Transition, transition

STALE_VERSION = gettext_lazy(
    "Someone else changed this assignment after you opened the page; nothing was saved. "
    "The page now shows its current state: check it and try again."
)
EMPTY_UPDATE = gettext_lazy("Write the results, the difficulties or the proposals, or attach a file.")
PERCENT_RANGE = gettext_lazy("Enter a whole number from 0 to 100.")
TOO_MANY_FILES = gettext_lazy("Attach at most %(count)d files to one update.")
COMMENT_REQUIRED = gettext_lazy("Say what must be done again.")
REASON_REQUIRED = gettext_lazy("Give the reason.")
# The longest text a field takes: a report of several pages, not a pasted book (DESIGN §11: bad input, no harm).
TEXT_LIMIT = 5000
TOO_LONG = gettext_lazy("At most %(limit)s characters (this text has %(count)s); shorten it or attach a file.")


def check_length(value: str, *, field: str) -> str:
    if len(value) > TEXT_LIMIT:
        counts = {"limit": f"{TEXT_LIMIT:,}".replace(",", "."), "count": f"{len(value):,}".replace(",", ".")}
        raise ValidationError({field: ValidationError(TOO_LONG % counts, code="too_long")})
    return value


def locked_assignment(assignment: Assignment, *, expected_version: int | None) -> Assignment:
    """Re-read the assignment under a row lock; refuse when the page it came from is out of date."""
    locked = Assignment.objects.select_for_update().select_related("task__group__directive").get(pk=assignment.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(STALE_VERSION, code="stale")
    return locked


def require(action: Action, *, assignment: Assignment, user: User) -> Transition:
    """The table's row for this action now, or a refusal in the user's language (the same the page would give)."""
    refusal = assignment_access(user, assignment).refusal(action)
    if refusal is not None:
        raise refusal
    return transition(assignment.status, action)


def save_change(assignment: Assignment, *, user: User, reason, fields: list[str]) -> Assignment:
    """Save under a new version, with who and why in the history row simple_history writes.

    A delegated share's change rolls up into the work it was passed down from, in the same transaction.
    """
    assignment.version += 1
    assignment._history_user = user
    # The history is data: its reasons are written in the site's language, whatever the user's.
    with translation.override(settings.LANGUAGE_CODE):
        assignment._change_reason = str(reason)[:100]
    assignment.save(update_fields=[*fields, "version", "updated_at"])
    if assignment.parent_id is not None:
        roll_up(parent_id=assignment.parent_id, user=user)
    return assignment


def roll_up(*, parent_id: int, user: User) -> None:
    """Write the parent's percent from its shares (tasks.delegation.rolled_up_percent) when it changed.

    Work declared done or done keeps its 100 %; work without a counted share keeps what its agency reported. The
    first progress on a share starts the work it came from, as the first report would (the table's REPORT row).
    """
    parent = Assignment.objects.select_for_update().get(pk=parent_id)
    if parent.status not in (Status.NOT_STARTED, Status.IN_PROGRESS, Status.PAUSED):
        return
    percent = rolled_up_percent(parent.children.values_list("status", "percent"))
    if percent is None or percent == parent.percent:
        return
    parent.percent = percent
    fields = ["percent"]
    if parent.status == Status.NOT_STARTED and percent:
        parent.status = transition(parent.status, Action.REPORT).target_status()
        fields.append("status")
    save_change(parent, user=user, reason=gettext_lazy("Progress rolled up from the units"), fields=fields)


def require_text(value: str, *, field: str, message) -> str:
    value = nfc(value or "").strip()
    if not value:
        raise ValidationError({field: message}, code="required")
    return check_length(value, field=field)


def progress_update_check(
    *, results: str, difficulties: str, proposals: str, files: Sequence
) -> tuple[dict[str, str], list[str]]:
    """The rules of an update's content, shared with the form so every error shows at once.

    Returns the cleaned texts and each file's content type (sniffed once per upload, see tasks.uploads).
    """
    texts = {
        "results": nfc(results or "").strip(),
        "difficulties": nfc(difficulties or "").strip(),
        "proposals": nfc(proposals or "").strip(),
    }
    for name, value in texts.items():
        check_length(value, field=name)
    if not any(texts.values()) and not files:
        raise ValidationError(EMPTY_UPDATE, code="empty")
    if len(files) > settings.DONDOC_MAX_FILES_PER_UPDATE:
        raise ValidationError(
            {"files": TOO_MANY_FILES % {"count": settings.DONDOC_MAX_FILES_PER_UPDATE}}, code="too_many_files"
        )
    errors, content_types = [], []
    for file in files:
        try:
            content_types.append(evidence_content_type(file))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"files": errors}, code="file")
    return texts, content_types


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
    texts, content_types = progress_update_check(
        results=results, difficulties=difficulties, proposals=proposals, files=files
    )
    # No version check: an update never overwrites anything. The lock only orders the percent bumps.
    locked = locked_assignment(assignment, expected_version=None)
    row = require(Action.REPORT, assignment=locked, user=author)
    update = ProgressUpdate.objects.create(assignment=locked, author=author, percent=percent, **texts)
    _attach_evidence(update, files, content_types)
    fields = []
    if row.target_status() != locked.status:
        locked.status = row.target_status()
        fields.append("status")
    # Declared-done work keeps its 100 % until the coordinator returns it; work passed down shows its shares'.
    rolled_up = rolled_up_percent(locked.children.values_list("status", "percent"))
    if locked.status != Status.AWAITING_CONFIRMATION:
        locked.percent = percent if rolled_up is None else rolled_up
        fields.append("percent")
    save_change(locked, user=author, reason=gettext_lazy("Progress update"), fields=fields)
    return update


def _attach_evidence(update: ProgressUpdate, files: list, content_types: list[str]) -> None:
    for file, content_type in zip(files, content_types, strict=True):
        Evidence.objects.create(
            update=update,
            file=file,
            original_name=clean_file_name(file.name),
            content_type=content_type,
            size=file.size,
        )


@transaction.atomic
def assignment_finish(
    *,
    assignment: Assignment,
    user: User,
    expected_version: int | None,
    results: str = "",
    difficulties: str = "",
    proposals: str = "",
    files: Sequence = (),
    today: date | None = None,
) -> ProgressUpdate:
    """One step to finish: the last update, at 100 % with its evidence, declares the work done.

    Both the update and the declaration must be allowed now (the same refusals as each on its own); the
    completion date is today, and the work waits for the coordinator.
    """
    files = list(files)
    texts, content_types = progress_update_check(
        results=results, difficulties=difficulties, proposals=proposals, files=files
    )
    locked = locked_assignment(assignment, expected_version=expected_version)
    require(Action.REPORT, assignment=locked, user=user)
    row = require(Action.DECLARE_DONE, assignment=locked, user=user)
    update = ProgressUpdate.objects.create(assignment=locked, author=user, percent=100, declares_done=True, **texts)
    _attach_evidence(update, files, content_types)
    locked.status = row.target_status()
    locked.completed_on = today or timezone.localdate()
    locked.percent = 100
    save_change(locked, user=user, reason=gettext_lazy("Declared done"), fields=["status", "completed_on", "percent"])
    return update


@transaction.atomic
def assignment_declare_done(
    *, assignment: Assignment, user: User, expected_version: int, note: str = "", today: date | None = None
) -> Assignment:
    """The agency says the work is finished: it waits for the coordinator, dated today."""
    locked = locked_assignment(assignment, expected_version=expected_version)
    row = require(Action.DECLARE_DONE, assignment=locked, user=user)
    note = check_length(nfc(note or "").strip(), field="note")
    ProgressUpdate.objects.create(assignment=locked, author=user, percent=100, results=note, declares_done=True)
    locked.status = row.target_status()
    locked.completed_on = today or timezone.localdate()
    locked.percent = 100
    save_change(locked, user=user, reason=gettext_lazy("Declared done"), fields=["status", "completed_on", "percent"])
    if locked.parent_id is not None:
        share_declared_done(locked)
    return locked


@transaction.atomic
def assignment_confirm(*, assignment: Assignment, user: User, expected_version: int) -> Assignment:
    """The coordinator accepts declared-done work; on time or late follows from the declared date."""
    locked = locked_assignment(assignment, expected_version=expected_version)
    locked.status = require(Action.CONFIRM, assignment=locked, user=user).target_status()
    if locked.parent_id is None:
        return save_change(locked, user=user, reason=gettext_lazy("Confirmed by the coordinator"), fields=["status"])
    reason = gettext_lazy("Confirmed by the agency that passed it down")
    save_change(locked, user=user, reason=reason, fields=["status"])
    share_confirmed(locked)
    return locked


@transaction.atomic
def assignment_return(*, assignment: Assignment, user: User, expected_version: int, comment: str) -> Assignment:
    """The coordinator sends declared-done work back to be done again, saying why."""
    comment = require_text(comment, field="comment", message=COMMENT_REQUIRED)
    locked = locked_assignment(assignment, expected_version=expected_version)
    locked.status = require(Action.RETURN, assignment=locked, user=user).target_status()
    locked.completed_on = None
    locked.percent = _percent_before_declared_done(locked)
    locked.status_note = comment
    save_change(locked, user=user, reason=comment, fields=["status", "completed_on", "percent", "status_note"])
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
def assignment_pause(*, assignment: Assignment, user: User, expected_version: int | None, reason: str) -> Assignment:
    reason = require_text(reason, field="reason", message=REASON_REQUIRED)
    locked = locked_assignment(assignment, expected_version=expected_version)
    locked.status = require(Action.PAUSE, assignment=locked, user=user).target_status()
    locked.status_note = reason
    return save_change(locked, user=user, reason=reason, fields=["status", "status_note"])


def _status_before(locked: Assignment, *, leaving: str) -> str:
    """The state the work was in before it entered `leaving` (paused, cancelled), from its history.

    In progress when that cannot be told, or when it was done or cancelled, or not started yet with progress.
    """
    previous = (
        locked.history.exclude(status=leaving)
        .order_by("-history_date", "-history_id")
        .values_list("status", flat=True)
        .first()
    )
    if previous in (None, Status.DONE, Status.CANCELLED) or (previous == Status.NOT_STARTED and locked.percent):
        return Status.IN_PROGRESS
    return previous


def _percent_before_declared_done(locked: Assignment) -> int:
    """What the agency had reported before it declared the work done; work being done again is not 100 %."""
    reported = (
        locked.updates.filter(declares_done=False).order_by("-created_at", "-pk").values_list("percent", flat=True)
    ).first()
    return min(reported or 0, 99)


@transaction.atomic
def assignment_resume(
    *, assignment: Assignment, user: User, expected_version: int | None, reason: str = ""
) -> Assignment:
    """Back to the state it was paused from (in progress if that cannot be told)."""
    reason = check_length(nfc(reason or "").strip(), field="reason")
    locked = locked_assignment(assignment, expected_version=expected_version)
    row = require(Action.RESUME, assignment=locked, user=user)
    locked.status = row.target_status(previous=_status_before(locked, leaving=Status.PAUSED))
    locked.status_note = reason
    return save_change(locked, user=user, reason=reason or gettext_lazy("Resumed"), fields=["status", "status_note"])


@transaction.atomic
def assignment_reopen(*, assignment: Assignment, user: User, expected_version: int | None, reason: str) -> Assignment:
    """A supervisor reopens confirmed work (back in progress) or cancelled work (back where it was), saying why."""
    reason = require_text(reason, field="reason", message=REASON_REQUIRED)
    locked = locked_assignment(assignment, expected_version=expected_version)
    row = require(Action.REOPEN, assignment=locked, user=user)
    fields = ["status", "status_note"]
    if locked.status == Status.DONE:
        locked.completed_on = None
        locked.percent = _percent_before_declared_done(locked)
        fields += ["completed_on", "percent"]
    locked.status = row.target_status(previous=_status_before(locked, leaving=Status.CANCELLED))
    locked.status_note = reason
    return save_change(locked, user=user, reason=reason, fields=fields)


@transaction.atomic
def assignment_cancel(*, assignment: Assignment, user: User, expected_version: int | None, reason: str) -> Assignment:
    """Cancel with a reason; a pending extension request is withdrawn with it."""
    reason = require_text(reason, field="reason", message=REASON_REQUIRED)
    locked = locked_assignment(assignment, expected_version=expected_version)
    locked.status = require(Action.CANCEL, assignment=locked, user=user).target_status()
    locked.status_note = reason
    locked.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING).update(
        decision=ExtensionRequest.Decision.WITHDRAWN, decided_by=user, decided_at=timezone.now(), decision_note=reason
    )
    return save_change(locked, user=user, reason=reason, fields=["status", "status_note"])
