"""Reporting periods created from a directive's schedule, with NĐ 09/2019 dates and working-day due dates."""

from datetime import date

from django.db import transaction

from directives.calendar import WorkingCalendar

from ..models import ReportPeriod, ReportSchedule
from ..periods import period_dates, periods_from


def report_period_get_or_create(
    *, schedule: ReportSchedule, kind: str, year: int, index: int, calendar: WorkingCalendar | None = None
) -> tuple[ReportPeriod, bool]:
    """A period with its NĐ 09/2019 dates and due dates N working days after the cutoff (holidays skipped)."""
    calendar = calendar or WorkingCalendar()
    dates = period_dates(kind, year, index)
    return ReportPeriod.objects.get_or_create(
        directive_id=schedule.directive_id,
        kind=kind,
        year=year,
        index=index,
        defaults={
            "starts_on": dates.starts_on,
            "cutoff_on": dates.cutoff_on,
            "agency_due_on": calendar.add_working_days(dates.cutoff_on, max(1, schedule.agency_due_working_days)),
            "consolidated_due_on": calendar.add_working_days(
                dates.cutoff_on, max(1, schedule.consolidated_due_working_days)
            ),
        },
    )


@transaction.atomic
def report_periods_generate(*, schedule: ReportSchedule, today: date) -> list[ReportPeriod]:
    """For each cadence: the period still being reported on (or the next one) and `periods_ahead` after it.

    Idempotent: get_or_create on (directive, kind, year, index), and an admin's edits to an existing period stay.
    """
    calendar = WorkingCalendar()
    created = []
    for kind in schedule.cadences:
        wanted = 1 + schedule.periods_ahead
        for dates in periods_from(kind, today.year - 1):
            consolidated_due = calendar.add_working_days(
                dates.cutoff_on, max(1, schedule.consolidated_due_working_days)
            )
            if consolidated_due < today:
                continue
            period, was_created = report_period_get_or_create(
                schedule=schedule, kind=kind, year=dates.year, index=dates.index, calendar=calendar
            )
            if was_created:
                created.append(period)
            wanted -= 1
            if not wanted:
                break
    return created
