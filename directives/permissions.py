"""Who may see or coordinate a directive."""

from agencies.models import User

from .models import Directive


def user_can_view_directive(user: User, directive: Directive) -> bool:
    """Directives are the province's shared agenda: every signed-in, active user may read them."""
    if not user.is_authenticated:
        return False
    return user.is_active


def user_is_coordinator(user: User, directive: Directive) -> bool:
    """Coordinator rights come from the directive's coordinating agency, not from a global flag."""
    if not user.is_authenticated or not user.is_active:
        return False
    if directive.coordinating_agency_id is None:
        return False
    return user.agency_id == directive.coordinating_agency_id


def user_can_import_directive(user: User) -> bool:
    """Importing a directive creates its tasks and assignments: the administrators' set-up job."""
    if not user.is_authenticated:
        return False
    return user.is_admin
