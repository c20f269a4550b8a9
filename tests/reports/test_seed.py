"""The seed command (moved to the reports app): Kết luận 249's schedule, periods and past periods with reports."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from agencies.models import User
from reports.models import AgencyReport, AgencyReportVersion, ReportPeriod, ReportSchedule
from reports.selectors.tracker import TrackerState, period_tracker
from reports.statistics import statistics_snapshot
from tasks.models import Assignment


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (ReportSchedule, ReportPeriod, AgencyReport, AgencyReportVersion)
    }


def latest_past_period(directive, today):
    """The period the demo reports on: the latest (by cutoff) whose agency reports were due before today."""
    return ReportPeriod.objects.filter(directive=directive, agency_due_on__lt=today).order_by("-cutoff_on").first()


@pytest.mark.django_db
def test_seed_creates_the_schedule_periods_and_a_past_period_idempotently_whatever_today_is(client):
    """The seed command loads on the clock's today (the real one, or --clock's): the past period follows it."""
    call_command("seed", "--demo")
    first = counts()
    call_command("seed", "--demo")
    assert counts() == first

    schedule = ReportSchedule.objects.get(directive__number="249-KL/TU")
    assert schedule.cadences == ["half_year", "year"]
    past = latest_past_period(schedule.directive, timezone.localdate())
    assert past is not None
    reports = {report.agency.code: report for report in AgencyReport.objects.filter(period=past)}
    assert reports["so-noi-vu"].status == AgencyReport.Status.ACCEPTED
    assert reports["cong-an"].status == AgencyReport.Status.SUBMITTED
    states = {row.agency.code: row.state for row in period_tracker(period=past).rows}
    assert states["so-noi-vu"] == TrackerState.ACCEPTED
    assert states["cong-an"] == TrackerState.SUBMITTED_ON_TIME
    # The demo's past period has figures to show: every assignment of Kết luận 249 existed at its cutoff (its own
    # shares: those passed down to units count in the share they came from).
    own = Assignment.objects.filter(task__group__directive=schedule.directive, parent__isnull=True)
    assert statistics_snapshot(period=past)["total"] == own.count()

    client.force_login(User.objects.get(username="bchqs"))
    assert client.get(reverse("reports:period_detail", args=[past.pk])).status_code == 200
    assert client.get(reverse("reports:dashboard")).status_code == 200


@pytest.mark.django_db
def test_seed_without_demo_creates_periods_but_no_report():
    call_command("seed")
    assert ReportSchedule.objects.count() == 1
    assert ReportPeriod.objects.exists()
    assert AgencyReport.objects.count() == 0
