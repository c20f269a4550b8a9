"""The demo seed on the edge days of the calendar: its deadlines and its past period are placed relative to the day
it is loaded, so it must make sense whatever that day is.

Each case loads `manage.py seed --demo` twice with the wall clock on that moment (local time, Asia/Ho_Chi_Minh)
and checks what a demo user meets: every timeliness on the directive page, the latest past period with its reports
(accepted, and submitted on time), three issued consolidated reports, statistics for every assignment, nothing
dated in the future.
"""

from datetime import UTC, date, datetime, time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from agencies.models import User
from directives.models import Directive
from reports.models import AgencyReport, ConsolidatedReport
from reports.selectors.tracker import TrackerState, period_tracker
from reports.statistics import statistics_snapshot
from tasks.models import Assignment, ExtensionRequest, ProgressUpdate
from tests.conftest import LOCAL, travel_to

from .test_seed import counts, latest_past_period

# moment -> (local day, local time, the past period the demo reports on: kind and year, worked out by hand from
# NĐ 09/2019's cutoffs (14/06, 14/12) and the schedule's 2 working days to the agencies' due date).
EDGE_MOMENTS = {
    "ordinary working day": (date(2026, 11, 18), time(10, 0), ("half_year", 2026)),
    "31/12 late evening (31/12 in UTC too)": (date(2026, 12, 31), time(23, 30), ("year", 2026)),
    "01/01 early morning (still 31/12 in UTC)": (date(2027, 1, 1), time(5, 30), ("year", 2026)),
    "inside the Tết holiday": (date(2027, 2, 8), time(9, 0), ("year", 2026)),
    "29/02 of a leap year": (date(2028, 2, 29), time(9, 0), ("year", 2027)),
    "last day of a reporting period (cutoff 14/06)": (date(2027, 6, 14), time(16, 0), ("year", 2026)),
    "the day after the cutoff": (date(2027, 6, 15), time(8, 0), ("year", 2026)),
    "the agencies' due date (16/06), not yet past": (date(2027, 6, 16), time(9, 0), ("year", 2026)),
    "the day after the agencies' due date": (date(2027, 6, 17), time(9, 0), ("half_year", 2027)),
    "year's cutoff on a Monday (14/12/2026)": (date(2026, 12, 14), time(9, 0), ("half_year", 2026)),
    "a week after the year's cutoff": (date(2026, 12, 21), time(9, 0), ("year", 2026)),
}
TIMELINESS_LABELS = ["Quá hạn", "Sắp đến hạn", "Trong hạn", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Thường xuyên"]


@pytest.mark.django_db
@pytest.mark.parametrize(("day", "at", "expected_past"), EDGE_MOMENTS.values(), ids=EDGE_MOMENTS.keys())
def test_demo_seed_makes_sense_on_the_edge_days(client, day, at, expected_past):
    with travel_to(day, at):
        assert timezone.localdate() == day
        call_command("seed", "--demo")
        first = counts()
        call_command("seed", "--demo")
        assert counts() == first

        directive = Directive.objects.get(number="249-KL/TU")
        client.force_login(User.objects.get(username="chuyenvien.cat"))
        html = client.get(reverse("tasks:directive_detail", args=[directive.pk])).content.decode()
        for label in TIMELINESS_LABELS:
            assert label in html, label

        past = latest_past_period(directive, day)
        assert (past.kind, past.year) == expected_past
        assert past.agency_due_on < day
        issued = ConsolidatedReport.objects.filter(status=ConsolidatedReport.Status.ISSUED).select_related("period")
        assert len(issued) == 3
        assert max(report.period.cutoff_on for report in issued) == past.cutoff_on
        assert all(report.issued_on <= day and report.issued_at <= timezone.now() for report in issued)
        reports = {report.agency.code: report for report in AgencyReport.objects.filter(period=past)}
        assert reports["so-noi-vu"].status == AgencyReport.Status.ACCEPTED
        assert reports["cong-an"].status == AgencyReport.Status.SUBMITTED
        states = {row.agency.code: row.state for row in period_tracker(period=past).rows}
        assert states["so-noi-vu"] == TrackerState.ACCEPTED
        assert states["cong-an"] == TrackerState.SUBMITTED_ON_TIME
        # The directive's own shares: those passed down to units count in the share they came from.
        assigned = Assignment.objects.filter(task__group__directive=directive, parent__isnull=True).count()
        assert statistics_snapshot(period=past)["total"] == assigned
        assert not ConsolidatedReport.objects.filter(period__cutoff_on__gte=day).exists()

        now = timezone.now()
        assert not ProgressUpdate.objects.filter(created_at__gt=now).exists()
        assert not AgencyReport.objects.filter(submitted_at__gt=now).exists()
        assert not AgencyReport.objects.filter(reviewed_at__gt=now).exists()
        assert not ExtensionRequest.objects.filter(requested_at__gt=now).exists()
        assert not Assignment.objects.filter(completed_on__gt=day).exists()

        client.force_login(User.objects.get(username="bchqs"))
        assert client.get(reverse("reports:dashboard")).status_code == 200
        assert client.get(reverse("reports:period_detail", args=[past.pk])).status_code == 200


def test_the_edge_moments_straddle_midnight_in_utc_as_named():
    """The two new-year cases are the two sides of a UTC day boundary: same day in both zones, or not."""
    evening = datetime.combine(*EDGE_MOMENTS["31/12 late evening (31/12 in UTC too)"][:2], tzinfo=LOCAL)
    morning = datetime.combine(*EDGE_MOMENTS["01/01 early morning (still 31/12 in UTC)"][:2], tzinfo=LOCAL)
    assert evening.astimezone(LOCAL).date() == evening.astimezone(UTC).date() == date(2026, 12, 31)
    assert morning.astimezone(LOCAL).date() == date(2027, 1, 1)
    assert morning.astimezone(UTC).date() == date(2026, 12, 31)
