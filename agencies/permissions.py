"""Who may do what, for rules that need no directive: every view goes through these helpers."""

from .models import User


def user_sees_everything(user: User) -> bool:
    """Admins and provincial leaders see every directive, assignment and report."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_admin:
        return True
    return user.is_leader


def user_can_manage_setup(user: User) -> bool:
    """Registering directives, agencies and users is the administrators' job."""
    if not user.is_authenticated:
        return False
    return user.is_admin


def user_can_manage_signers(user: User, agency_id: int) -> bool:
    """An agency's manager keeps its signers and the parent body on its documents; administrators too."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_admin:
        return True
    return user.is_agency_manager and user.agency_id == agency_id
