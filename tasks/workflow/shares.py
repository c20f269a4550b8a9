"""What the agency that passed work down is told about its delegated shares: one declared done, all confirmed."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from agencies.models import Agency, Notification, User
from agencies.selectors import agency_members
from agencies.services import notification_create

from ..delegation import CLOSED_SHARE
from ..models import Assignment


def share_task_label(share: Assignment) -> str:
    return f"{share.task.group.directive.number} · {share.task.code}"


def share_declared_done(share: Assignment) -> None:
    """The parent agency's managers are asked to confirm (or return) the share, as the coordinator would."""
    parent = Assignment.objects.select_related("agency").get(pk=share.parent_id)
    unit = Agency.objects.get(pk=share.agency_id)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("%(unit)s declared its share done: %(task)s; confirm or return it") % {
            "unit": unit.display_name,
            "task": share_task_label(share),
        }
    managers = agency_members(agency_ids=[parent.agency_id]).filter(role=User.Role.MANAGER)
    notification_create(
        users=managers, kind=Notification.Kind.DECISION, title=title, url=share.get_absolute_url(), email_now=True
    )


def share_confirmed(share: Assignment) -> None:
    """When the last share is confirmed, the parent agency is told its own share can now be declared done."""
    if Assignment.objects.filter(parent_id=share.parent_id).exclude(status__in=CLOSED_SHARE).exists():
        return
    parent = Assignment.objects.get(pk=share.parent_id)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Every unit's share is done: %(task)s; declare your agency's share done") % {
            "task": share_task_label(share)
        }
    notification_create(
        users=agency_members(agency_ids=[parent.agency_id]),
        kind=Notification.Kind.DECISION,
        title=title,
        url=parent.get_absolute_url(),
        email_now=True,
    )
