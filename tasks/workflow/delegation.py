"""Passing a share down: the agency's manager gives parts of its assignment to its units or communes."""

from collections.abc import Sequence
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency, Notification, User
from agencies.selectors import agency_members
from agencies.services import notification_create
from agencies.text import nfc
from directives.validators import validate_deadline

from ..delegation import delegable_units
from ..models import Assignment
from .services import check_length, locked_assignment, require, roll_up, save_change
from .table import Action

NO_UNIT = gettext_lazy("Choose at least one unit or commune.")
NOT_A_UNIT = gettext_lazy(
    "%(names)s is not among the units or communes of %(agency)s: work can only be passed down to them."
)
DEADLINE_REQUIRED = gettext_lazy("Give the deadline: the work passed down has one (%(deadline)s).")
DEADLINE_AFTER_PARENT = gettext_lazy(
    "The deadline cannot be after the deadline of the work being passed down (%(deadline)s)."
)
DEADLINE_PAST = gettext_lazy("The deadline cannot be in the past.")
ALREADY_ON_TASK = gettext_lazy("%(names)s already has a share of this task.")


def _names(agencies) -> str:
    return ", ".join(agency.display_name for agency in agencies)


def _check_units(parent: Assignment, agency: Agency, units: Sequence[Agency]) -> list[Agency]:
    if not units:
        raise ValidationError({"units": NO_UNIT}, code="no_unit")
    allowed = set(delegable_units(agency).values_list("pk", flat=True))
    outside = [unit for unit in units if unit.pk not in allowed]
    if outside:
        message = NOT_A_UNIT % {"names": _names(outside), "agency": agency.display_name}
        raise ValidationError({"units": message}, code="not_a_unit")
    taken = set(Assignment.objects.filter(task_id=parent.task_id, agency__in=units).values_list("agency_id", flat=True))
    if taken:
        raise ValidationError(
            {"units": ALREADY_ON_TASK % {"names": _names(u for u in units if u.pk in taken)}}, code="taken"
        )
    return list(dict.fromkeys(units))


def _check_deadline(parent: Assignment, deadline: date | None, today: date) -> date | None:
    shown = {"deadline": f"{parent.deadline:%d/%m/%Y}"} if parent.deadline else {}
    if deadline is None:
        if parent.deadline is not None:
            raise ValidationError({"deadline": DEADLINE_REQUIRED % shown}, code="required")
        return None
    try:
        validate_deadline(deadline, issued_on=parent.task.group.directive.issued_on)
    except ValidationError as error:
        raise ValidationError({"deadline": error}) from error
    if deadline < today:
        raise ValidationError({"deadline": DEADLINE_PAST}, code="past")
    if parent.deadline is not None and deadline > parent.deadline:
        raise ValidationError({"deadline": DEADLINE_AFTER_PARENT % shown}, code="after_parent")
    return deadline


@transaction.atomic
def assignment_delegate(
    *,
    assignment: Assignment,
    user: User,
    units: Sequence[Agency],
    deadline: date | None,
    note: str = "",
    expected_version: int,
    today: date | None = None,
) -> list[Assignment]:
    """Create one delegated share per unit, each due no later than the work it comes from; all or nothing."""
    today = today or timezone.localdate()
    note = check_length(nfc(note or "").strip(), field="note")
    locked = locked_assignment(assignment, expected_version=expected_version)
    require(Action.DELEGATE, assignment=locked, user=user)
    agency = Agency.objects.get(pk=locked.agency_id)
    units = _check_units(locked, agency, list(units))
    deadline = _check_deadline(locked, deadline, today)
    with translation.override(settings.LANGUAGE_CODE):
        reason = note or _("Passed down by %(agency)s") % {"agency": agency.display_name}
    shares = []
    for unit in units:
        share = Assignment(task=locked.task, agency=unit, role=locked.role, deadline=deadline, parent=locked)
        share._history_user = user
        share._change_reason = reason[:100]
        share.save()
        shares.append(share)
    save_change(locked, user=user, reason=gettext_lazy("Passed down to units"), fields=[])
    roll_up(parent_id=locked.pk, user=user)
    _announce(locked, agency, shares, note)
    return shares


def _announce(parent: Assignment, parent_agency: Agency, shares: list[Assignment], note: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(agency)s passed a share of task %(task)s down to your agency") % {
            "agency": parent_agency.display_name,
            "task": f"{parent.task.group.directive.number} · {parent.task.code}",
        }
    for share in shares:
        notification_create(
            users=agency_members(agency_ids=[share.agency_id]),
            kind=Notification.Kind.ASSIGNED,
            title=title,
            body=note,
            url=share.get_absolute_url(),
            email_now=True,
        )
