"""Who may see and do what with periodic reports; every report view goes through these helpers.

Only the agency's own users see its drafts. Coordinators of the directive, leaders and admins see what an
agency submitted. Agency staff draft; the agency manager submits; the coordinator reviews and compiles.
"""

from agencies.models import User
from agencies.permissions import user_sees_everything
from directives.permissions import user_is_coordinator

from .models import ReportPeriod
from .selectors.directives import dashboard_directives


def user_is_agency_member(user: User, agency_id: int) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.agency_id is not None and user.agency_id == agency_id


def user_can_track_period(user: User, period: ReportPeriod) -> bool:
    """The submission tracker and the consolidated report: coordinators of the directive, leaders, admins."""
    if user_sees_everything(user):
        return True
    return user_is_coordinator(user, period.directive)


def user_can_urge_agencies(user: User, period: ReportPeriod) -> bool:
    return user_is_coordinator(user, period.directive)


def user_can_view_agency_report(user: User, period: ReportPeriod, agency_id: int) -> bool:
    if user_is_agency_member(user, agency_id):
        return True
    return user_can_track_period(user, period)


def user_can_see_agency_report_draft(user: User, agency_id: int) -> bool:
    """The text being drafted (and a returned report being reworked) stays inside the agency."""
    return user_is_agency_member(user, agency_id)


def user_can_edit_agency_report(user: User, agency_id: int) -> bool:
    if not user_is_agency_member(user, agency_id):
        return False
    return user.role in User.AGENCY_ROLES


def user_can_submit_agency_report(user: User, agency_id: int) -> bool:
    if not user_is_agency_member(user, agency_id):
        return False
    return user.role == User.Role.MANAGER


def user_can_review_agency_report(user: User, period: ReportPeriod) -> bool:
    return user_is_coordinator(user, period.directive)


def user_can_compile_consolidated(user: User, period: ReportPeriod) -> bool:
    return user_is_coordinator(user, period.directive)


def user_can_view_dashboard(user: User) -> bool:
    """Leaders and admins, and users of an agency that coordinates at least one tracked directive.

    The one rule behind the dashboard page, the home page's redirect and the menu link (signals.py).
    """
    if user_sees_everything(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return dashboard_directives(user).exists()
