"""Deadline extensions: the agency asks for a later deadline, a provincial leader or an administrator decides."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Notification, User
from agencies.services import notification_create
from agencies.text import nfc

from ..models import Assignment, ExtensionRequest
from .deadlines import check_within_parent, shares_follow_deadline
from .services import REASON_REQUIRED, locked_assignment, require, require_text, save_change
from .table import NEED_REFUSALS, Action, Need

EXTENSION_PAST = gettext_lazy("The new deadline cannot be in the past.")
EXTENSION_NOT_LATER = gettext_lazy("The new deadline must be after the current deadline (%(deadline)s).")
EXTENSION_AFTER_PARENT = gettext_lazy(
    "A share passed down cannot be due after the work it comes from (%(deadline)s): ask the agency that passed it "
    "down, which may ask for its own extension first."
)


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
    reason = require_text(reason, field="reason", message=REASON_REQUIRED)
    locked = locked_assignment(assignment, expected_version=expected_version)
    require(Action.REQUEST_EXTENSION, assignment=locked, user=user)
    if new_deadline < today:
        raise ValidationError({"new_deadline": EXTENSION_PAST}, code="past")
    if new_deadline <= locked.deadline:
        raise ValidationError(
            {"new_deadline": EXTENSION_NOT_LATER % {"deadline": f"{locked.deadline:%d/%m/%Y}"}}, code="not_later"
        )
    # A delegated share stays within the work it was passed down from (tasks.delegation).
    parent_deadline = locked.parent.deadline if locked.parent_id is not None else None
    if parent_deadline is not None and new_deadline > parent_deadline:
        raise ValidationError(
            {"new_deadline": EXTENSION_AFTER_PARENT % {"deadline": f"{parent_deadline:%d/%m/%Y}"}},
            code="after_parent",
        )
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
    locked = locked_assignment(request.assignment, expected_version=expected_version)
    if request.decision != ExtensionRequest.Decision.PENDING:
        raise ValidationError(NEED_REFUSALS[Need.PENDING_EXTENSION], code="decided")
    require(Action.DECIDE_EXTENSION, assignment=locked, user=user)
    if approve:
        # The parent's deadline may have moved earlier since the request: a share still cannot pass it.
        check_within_parent(locked, request.new_deadline, field="new_deadline")
    request.decision = ExtensionRequest.Decision.APPROVED if approve else ExtensionRequest.Decision.REFUSED
    request.decided_by = user
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])
    if approve:
        locked.deadline = request.new_deadline
        save_change(locked, user=user, reason=gettext_lazy("Deadline extension approved"), fields=["deadline"])
        # Approved after a supervisor had moved the deadline past it, the new deadline is earlier: shares follow.
        shares_follow_deadline(locked, user=user)
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
