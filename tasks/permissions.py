"""Who may see or act on an assignment: every view of the workspace goes through these helpers.

Each condition sits on its own line so the access tests show every case was exercised.
"""

from agencies.models import User
from agencies.permissions import user_sees_everything
from directives.models import Directive
from directives.permissions import user_is_coordinator

from .models import Assignment, Evidence, ExtensionRequest
from .timeliness import Status

CLOSED_STATES = (Status.DONE, Status.CANCELLED, Status.PAUSED)


def _is_agency_member(user: User, assignment: Assignment) -> bool:
    """Active staff or manager of the assigned agency."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if user.role not in User.AGENCY_ROLES:
        return False
    if user.agency_id is None:
        return False
    return user.agency_id == assignment.agency_id


def user_can_view_assignment(user: User, assignment: Assignment) -> bool:
    """The assigned agency, agencies on the same task (read-only), the directive's coordinator, leaders, admins."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if user_sees_everything(user):
        return True
    if user.agency_id is None:
        return False
    if user.agency_id == assignment.agency_id:
        return True
    if user_is_coordinator(user, assignment.task.group.directive):
        return True
    # Lead and cooperating agencies of one task see what each other report.
    return Assignment.objects.filter(task_id=assignment.task_id, agency_id=user.agency_id).exists()


def user_can_report_on_assignment(user: User, assignment: Assignment) -> bool:
    """Add progress updates and declare the work done: the assigned agency, while the work is open."""
    if not _is_agency_member(user, assignment):
        return False
    return assignment.status not in CLOSED_STATES


def user_can_confirm_assignment(user: User, assignment: Assignment) -> bool:
    """Confirm or return declared-done work: the directive's coordinating agency."""
    return user_is_coordinator(user, assignment.task.group.directive)


def user_can_request_extension(user: User, assignment: Assignment) -> bool:
    """Ask to move the deadline: staff or manager of the assigned agency."""
    return _is_agency_member(user, assignment)


def user_can_decide_extension(user: User, extension_request: ExtensionRequest | None = None) -> bool:
    """Approve or refuse an extension: a provincial leader or an administrator."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if user.is_admin:
        return True
    return user.is_leader


def user_can_pause_or_cancel(user: User, assignment: Assignment) -> bool:
    """Pause, resume or cancel an assignment: a provincial leader or an administrator."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if user.is_admin:
        return True
    return user.is_leader


def user_can_download_evidence(user: User, evidence: Evidence) -> bool:
    """Evidence goes to whoever may see its assignment, nobody else."""
    return user_can_view_assignment(user, evidence.update.assignment)


def user_can_monitor_directive(user: User, directive: Directive) -> bool:
    """The list of every assignment of a directive: its coordinator, leaders and admins."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if user_sees_everything(user):
        return True
    return user_is_coordinator(user, directive)


def user_can_urge_assignment(user: User, assignment: Assignment) -> bool:
    """Urging (đôn đốc) is the coordinating agency's job, on the directive the assignment belongs to."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    return user_is_coordinator(user, assignment.task.group.directive)
