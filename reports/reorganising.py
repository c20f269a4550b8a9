"""The reports' share of a reorganisation (tasks.reorganising): unsent agency reports move to the main successor.

A report not yet with the coordinator (a draft, or returned) is the successor's to finish; a submitted or
accepted one stays with the agency that sent it. Where the successor already has a report for that period,
the predecessor's draft stays where it is (nothing is overwritten) and the preview says so.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from tasks.reorganising import Plan

from .models import AgencyReport

UNSENT = (AgencyReport.Status.DRAFT, AgencyReport.Status.RETURNED)


def _unsent(plan: Plan) -> QuerySet[AgencyReport]:
    return AgencyReport.objects.filter(agency__in=plan.request.predecessors, status__in=UNSENT)


def _split(plan: Plan) -> tuple[list[AgencyReport], list[AgencyReport]]:
    main = plan.request.main
    if main is None or plan.request.kind == "rename":
        return [], []
    reports = list(_unsent(plan).order_by("period_id", "pk"))
    taken = set()
    if main.pk:
        taken = set(AgencyReport.objects.filter(agency=main).values_list("period_id", flat=True))
    moving, staying = [], []
    for report in reports:
        (staying if report.period_id in taken else moving).append(report)
        taken.add(report.period_id)
    return moving, staying


class AgencyReportMove:
    def preview(self, plan: Plan) -> list[tuple[str, int]]:
        moving, staying = _split(plan)
        lines = [(_("Unsent agency reports that move"), len(moving))]
        if staying:
            lines.append(
                (_("Unsent agency reports that stay (the successor already has one for the period)"), len(staying))
            )
        return lines

    def apply(self, plan: Plan, change) -> dict[str, int]:
        moving, _staying = _split(plan)
        for report in moving:
            report.agency = plan.request.main
            report.version += 1
        reason = _("Moved by %(user)s under decision %(number)s") % {
            "user": change.performed_by.get_full_name() if change.performed_by else "",
            "number": change.decision_number,
        }
        bulk_update_with_history(
            moving, AgencyReport, ["agency", "version"], default_user=change.performed_by, default_change_reason=reason
        )
        return {"agency_reports": len(moving)}
