"""Who may do what with assignments; every view of the tasks app goes through these helpers."""

from agencies.models import User
from directives.permissions import user_is_coordinator

from .models import Assignment


def user_can_urge_assignment(user: User, assignment: Assignment) -> bool:
    """Urging (đôn đốc) is the coordinating agency's job, on the directive the assignment belongs to."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    return user_is_coordinator(user, assignment.task.group.directive)
