"""Who may open the workspace's lists. What a user may do with one assignment is its access policy's (tasks.policy).

Each condition sits on its own line so the access tests show every case was exercised.
"""

from agencies.models import User
from agencies.permissions import user_sees_everything
from directives.models import Directive
from directives.permissions import user_is_coordinator


def user_can_monitor_directive(user: User, directive: Directive) -> bool:
    """The list of every assignment of a directive: its coordinator, leaders and admins."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if user_sees_everything(user):
        return True
    return user_is_coordinator(user, directive)


def user_work_agency_id(user: User) -> int | None:
    """Whose work the work list shows: None for every agency's (leaders, admins), else the user's agency.

    A user with no agency and no such role has no work list; callers check `user.agency_id` first.
    """
    if user_sees_everything(user):
        return None
    return user.agency_id


def user_can_decide_extensions(user: User) -> bool:
    """The list of pending extension requests: those who decide them, provincial leaders and administrators."""
    return user_sees_everything(user)
