"""Urging (đôn đốc): the coordinating agency's message to an agency about one assignment, e-mailed at once."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agencies.models import Notification, User
from agencies.selectors import agency_members
from agencies.services import notification_create
from agencies.text import nfc

from ..models import Assignment, Urge
from ..workflow.services import require
from ..workflow.table import Action


def already_urged(urge: Urge) -> str:
    return _("This assignment was urged today already (%(when)s, by %(who)s): one urge a day is enough.") % {
        "when": date_format(timezone.localtime(urge.sent_at), "H:i d/m/Y"),
        "who": urge.sent_by.get_full_name(),
    }


def _record(*, assignment: Assignment, user: User, message: str) -> None:
    """Claim today's urge of the assignment; a second one today (even a racing one) is refused, saying who sent it."""
    today = timezone.localdate()
    earlier = assignment.urges.select_related("sent_by").filter(sent_on=today).first()
    if earlier is not None:
        raise ValidationError(already_urged(earlier), code="urged_today")
    try:
        with transaction.atomic():
            Urge.objects.create(assignment=assignment, sent_by=user, sent_on=today, message=message)
    except IntegrityError as race:
        earlier = assignment.urges.select_related("sent_by").get(sent_on=today)
        raise ValidationError(already_urged(earlier), code="urged_today") from race


@transaction.atomic
def assignment_urge(*, assignment: Assignment, user: User, message: str) -> int:
    """The coordinator's urge: a notice to the agency's active staff and managers, e-mailed at once; once a day."""
    require(Action.URGE, assignment=assignment, user=user)
    message = nfc(message).strip()
    if not message:
        raise ValidationError({"message": _("Write a short message to the agency.")})
    recipients = list(agency_members(agency_ids=[assignment.agency_id]))
    if not recipients:
        raise ValidationError(_("This agency has no active user to receive the message yet."))
    _record(assignment=assignment, user=user, message=message)
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
        url=assignment.get_absolute_url(),
        email_now=True,
    )
    return len(notifications)
