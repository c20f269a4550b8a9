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


def user_work_scope(user: User) -> tuple[int | None, bool]:
    """(the agency whose work the work list shows, or None; whether it shows every agency's).

    (None, False) when the user has no work list: no agency and no province-wide role. The work page, its API list
    and the calendar feed ask this one question.
    """
    if user_sees_everything(user):
        return None, True
    return user.agency_id, False


def user_can_decide_extensions(user: User) -> bool:
    """The list of pending extension requests: those who decide them, provincial leaders and administrators."""
    return user_sees_everything(user)
