"""Who may see and do what with periodic reports; every report view goes through these helpers.

Only the agency's own users see its drafts. Coordinators of the directive, leaders and admins see what an
agency submitted. Agency staff draft; the agency manager submits; the coordinator reviews and compiles.
A report page asks its policy once (agency_report_access, consolidated_report_access) and hands the answer to
its template, so the page, its actions and its links never disagree.
"""

from dataclasses import dataclass

from agencies.models import User
from agencies.permissions import user_sees_everything
from directives.permissions import user_is_coordinator

from .errors import Errors
from .models import AgencyReport, AgencyReportVersion, ConsolidatedReport, ReportPeriod
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


def user_can_view_dashboard(user: User) -> bool:
    """Leaders and admins, and users of an agency that coordinates at least one tracked directive.

    The one rule behind the dashboard page, the home page's link to it and the menu link (signals.py).
    """
    if user_sees_everything(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return dashboard_directives(user).exists()


# ---------------------------------------------------------------- one agency's report


@dataclass(frozen=True)
class AgencyReportAccess:
    """What one user may see and do with one agency's report for one period.

    `may_*` answer what the user's role allows: a request outside them is refused (403). `can_*` answer what
    the page offers now, given the report's state; a post the state no longer allows gets the service's
    reason on the page instead.
    """

    may_view: bool  # the page: the agency's own users, the coordinators, leaders and admins
    may_track: bool  # the period's submission tracker (the breadcrumb back to it)
    sees_draft: bool  # the text being drafted and the live assignment table stay inside the agency
    may_draft: bool  # save the text: the agency's staff and managers
    may_submit: bool  # submit it to the coordinator: the agency's managers
    may_review: bool  # accept or return it: the directive's coordinators
    can_edit: bool  # the text form: the agency's drafter, while the report is not started, a draft or returned
    can_submit: bool  # the submit button, on the same terms for the manager
    can_review: bool  # the review form: the coordinator, while a submission awaits review
    may_download: bool  # the .docx: of the working text for the agency, of the last submission for others
    shown_version: AgencyReportVersion | None  # what others see: the latest submitted version
    pdf_version: AgencyReportVersion | None  # the PDF: of the latest submission, for the agency and those who track
    locked_reason: str  # why the agency cannot edit it now (accepted, or awaiting review)


def agency_report_access(
    user: User,
    *,
    period: ReportPeriod,
    agency_id: int,
    report: AgencyReport | None,
    versions: list[AgencyReportVersion],
) -> AgencyReportAccess:
    """The policy of one agency report; `versions` are its submitted versions, newest first."""
    member = user_is_agency_member(user, agency_id)
    tracks = user_can_track_period(user, period)
    coordinates = user_is_coordinator(user, period.directive)
    may_draft = member and user.role in User.AGENCY_ROLES
    may_submit = member and user.role == User.Role.MANAGER
    editable = report is None or report.status in (AgencyReport.Status.DRAFT, AgencyReport.Status.RETURNED)
    # Outside the agency, only what was submitted is shown: the latest submitted version.
    shown_version = versions[0] if tracks and not member and versions else None
    return AgencyReportAccess(
        may_view=member or tracks,
        may_track=tracks,
        sees_draft=member,
        may_draft=may_draft,
        may_submit=may_submit,
        may_review=coordinates,
        can_edit=may_draft and editable,
        can_submit=may_submit and editable,
        can_review=coordinates and report is not None and report.status == AgencyReport.Status.SUBMITTED,
        may_download=report is not None and (member or shown_version is not None),
        shown_version=shown_version,
        pdf_version=versions[0] if (member or tracks) and versions else None,
        locked_reason=_locked_reason(report) if member and not editable else "",
    )


def _locked_reason(report: AgencyReport) -> str:
    if report.status == AgencyReport.Status.ACCEPTED:
        return str(Errors.ACCEPTED_LOCKED)
    if report.status == AgencyReport.Status.SUBMITTED:
        return str(Errors.SUBMITTED_LOCKED)
    return ""


# ---------------------------------------------------------------- the consolidated report


@dataclass(frozen=True)
class ConsolidatedReportAccess:
    """What one user may see and do with the consolidated report of one period (`may_*` and `can_*` as above)."""

    may_view: bool  # the page: coordinators of the directive, leaders, admins
    may_compile: bool  # compile, edit and issue it: the directive's coordinators
    can_compile: bool  # the compile button: nothing compiled yet
    can_edit: bool  # the text and issue forms: a compiled draft
    may_download: bool  # the .docx and the .xlsx annex, once compiled


def consolidated_report_access(
    user: User, *, period: ReportPeriod, report: ConsolidatedReport | None
) -> ConsolidatedReportAccess:
    may_view = user_can_track_period(user, period)
    coordinates = user_is_coordinator(user, period.directive)
    return ConsolidatedReportAccess(
        may_view=may_view,
        may_compile=coordinates,
        can_compile=coordinates and report is None,
        can_edit=coordinates and report is not None and report.status == ConsolidatedReport.Status.DRAFT,
        may_download=may_view and report is not None,
    )
