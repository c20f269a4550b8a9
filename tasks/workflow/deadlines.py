"""Deadlines down the tree of delegated shares: a share is never due after the work it was passed down from.

The rule (DESIGN §6, delegation): when a parent's deadline moves earlier (a supervisor's change of deadline, or an
extension approved after the deadline had been moved past it), every open share due later, or without a deadline,
moves to the parent's new deadline, with the reason in its history, and its agency is told; the shares' own shares
follow in turn. Done or cancelled shares keep their deadline (their timeliness was judged on it). A share's own
deadline cannot be moved, by a supervisor or by an extension, past its parent's: that is refused, naming the
parent's deadline. A reorganisation moves assignments to other agencies but never changes a deadline.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Notification, User
from agencies.selectors import agency_members
from agencies.services import notification_create
from directives.validators import validate_deadline

from ..delegation import CLOSED_SHARE
from ..models import Assignment
from .services import REASON_REQUIRED, locked_assignment, require, require_text, save_change
from .shares import share_task_label
from .table import Action

DEADLINE_UNCHANGED = gettext_lazy("The new deadline is the same as the current one.")
SHARE_AFTER_PARENT = gettext_lazy(
    "This work was passed down from %(agency)s, due %(deadline)s: its deadline cannot be later than that."
)
FOLLOWED_PARENT = gettext_lazy("Deadline moved to %(deadline)s with the work it was passed down from")


def check_within_parent(assignment: Assignment, deadline: date | None, *, field: str = "deadline") -> None:
    """Refuse a share's deadline later than its parent's (or none while the parent has one)."""
    if assignment.parent_id is None:
        return
    parent = Assignment.objects.select_related("agency").get(pk=assignment.parent_id)
    if parent.deadline is None or (deadline is not None and deadline <= parent.deadline):
        return
    message = SHARE_AFTER_PARENT % {"agency": parent.agency.display_name, "deadline": f"{parent.deadline:%d/%m/%Y}"}
    raise ValidationError({field: message}, code="after_parent")


def shares_follow_deadline(parent: Assignment, *, user: User | None) -> list[Assignment]:
    """Move every open share due after the parent's deadline to it (and theirs in turn); the moved shares."""
    if parent.deadline is None:
        return []
    late = (
        Assignment.objects.select_for_update()
        .filter(parent_id=parent.pk)
        .filter(Q(deadline__gt=parent.deadline) | Q(deadline__isnull=True))
        .exclude(status__in=CLOSED_SHARE)
        .select_related("task__group__directive")
        .order_by("pk")
    )
    moved = []
    for share in late:
        share.deadline = parent.deadline
        reason = FOLLOWED_PARENT % {"deadline": f"{parent.deadline:%d/%m/%Y}"}
        save_change(share, user=user, reason=reason, fields=["deadline"])
        _tell(share)
        moved.append(share)
        moved += shares_follow_deadline(share, user=user)
    return moved


def _tell(share: Assignment) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Deadline moved to %(deadline)s with the work it was passed down from: %(task)s") % {
            "deadline": f"{share.deadline:%d/%m/%Y}",
            "task": share_task_label(share),
        }
    notification_create(
        users=agency_members(agency_ids=[share.agency_id]),
        kind=Notification.Kind.DECISION,
        title=title,
        url=share.get_absolute_url(),
        email_now=True,
    )


@transaction.atomic
def assignment_change_deadline(
    *, assignment: Assignment, user: User, expected_version: int | None, deadline: date, reason: str
) -> Assignment:
    """A supervisor moves a deadline outside an extension request (the admin's correction), saying why.

    A share cannot go past its parent's deadline; a parent moved earlier takes its later shares with it.
    """
    reason = require_text(reason, field="reason", message=REASON_REQUIRED)
    locked = locked_assignment(assignment, expected_version=expected_version)
    require(Action.CHANGE_DEADLINE, assignment=locked, user=user)
    try:
        validate_deadline(deadline, issued_on=locked.task.group.directive.issued_on)
    except ValidationError as error:
        raise ValidationError({"deadline": error}) from error
    if deadline == locked.deadline:
        raise ValidationError({"deadline": DEADLINE_UNCHANGED}, code="unchanged")
    check_within_parent(locked, deadline)
    locked.deadline = deadline
    saved = save_change(locked, user=user, reason=reason, fields=["deadline"])
    shares_follow_deadline(saved, user=user)
    return saved
