"""The living demo (`manage.py seed --demo`): every state on the day it is loaded, a consistent past, and past
reporting periods whose figures, reports and consolidated reports a demo user can read.

The history-replay test walks each assignment's history against its progress updates: at the moment of every
update the recorded state says what the update said, the current row is the history's last state, and the
percent never changes in the history without an update or a return (which restores the percent from before
"done" was declared).
"""

from itertools import pairwise

import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.models import User
from directives.models import Directive
from reports.models import AgencyReport, ConsolidatedReport, ReportPeriod
from reports.selectors.dashboard import dashboard
from reports.selectors.tracker import TrackerState, period_tracker
from tasks.models import Assignment, ProgressUpdate
from tasks.selectors import with_timeliness
from tasks.timeliness import Status, Timeliness
from tests.conftest import travel_to

from .test_seed import latest_past_period

T = Timeliness
# Every (status, timeliness) pair the rules allow (tasks/timeliness.py): standing work is never declared done, work
# awaiting confirmation is not "due soon" (its clock stopped), paused and cancelled work is not assessed.
REACHABLE = {
    (Status.NOT_STARTED, T.WITHIN_DEADLINE),
    (Status.NOT_STARTED, T.DUE_SOON),
    (Status.NOT_STARTED, T.OVERDUE),
    (Status.NOT_STARTED, T.STANDING),
    (Status.IN_PROGRESS, T.WITHIN_DEADLINE),
    (Status.IN_PROGRESS, T.DUE_SOON),
    (Status.IN_PROGRESS, T.OVERDUE),
    (Status.IN_PROGRESS, T.STANDING),
    (Status.AWAITING_CONFIRMATION, T.WITHIN_DEADLINE),
    (Status.AWAITING_CONFIRMATION, T.OVERDUE),
    (Status.DONE, T.DONE_ON_TIME),
    (Status.DONE, T.DONE_LATE),
    (Status.PAUSED, T.NOT_APPLICABLE),
    (Status.CANCELLED, T.NOT_APPLICABLE),
}


@pytest.fixture
def demo(db, seed_today, clock):
    """The whole demo, as `make run` loads it, on `seed_today`."""
    with travel_to(seed_today):
        call_command("seed", "--demo")
    return Directive.objects.get(number="249-KL/TU")


def test_demo_shows_every_status_and_timeliness_pair(demo, seed_today):
    rows = with_timeliness(Assignment.objects.filter(task__group__directive=demo), today=seed_today)
    shown = set(rows.values_list("status", "timeliness_code").distinct())
    assert shown == REACHABLE


def test_demo_has_overdue_work_in_several_agencies(demo, seed_today):
    rows = with_timeliness(Assignment.objects.filter(task__group__directive=demo), today=seed_today)
    overdue = rows.filter(timeliness_code=T.OVERDUE)
    assert overdue.values("agency").distinct().count() >= 3


def test_demo_has_three_past_periods_with_every_report_state_and_an_issued_report_each(demo, seed_today):
    past = list(ReportPeriod.objects.filter(directive=demo, agency_due_on__lt=seed_today).order_by("-cutoff_on")[:3])
    assert len(past) == 3
    states = set()
    for period in past:
        consolidated = ConsolidatedReport.objects.get(period=period)
        assert consolidated.status == ConsolidatedReport.Status.ISSUED
        assert consolidated.number and consolidated.signer_name
        # Not "đã hoàn thành 0": work was done by each cutoff, and the figure is the history's at the cutoff.
        assert consolidated.statistics["by_status"].get(Status.DONE, 0) > 0
        assert consolidated.statistics["on_time_rate"] is not None
        states |= {row.state for row in period_tracker(period=period).rows}
    assert {
        TrackerState.ACCEPTED,
        TrackerState.SUBMITTED_ON_TIME,
        TrackerState.SUBMITTED_LATE,
        TrackerState.RETURNED,
        TrackerState.NOT_SUBMITTED,
    } <= states
    resubmitted = AgencyReport.objects.filter(period__in=past, versions__number=2).distinct().get()
    assert resubmitted.status == AgencyReport.Status.ACCEPTED
    assert AgencyReport.objects.filter(status=AgencyReport.Status.DRAFT, period__agency_due_on__gte=seed_today).exists()


def test_demo_trend_chart_draws_a_line(demo, seed_today):
    chart = dashboard(directive=demo, today=seed_today).chart
    rates = [rate for rate in chart["rates"] if rate is not None]
    assert len(rates) >= 3
    assert len(set(rates)) >= 2, "a flat line tells nothing"


def test_demo_history_agrees_with_the_progress_updates_at_every_date(demo):
    assignments = Assignment.objects.filter(task__group__directive=demo).prefetch_related("updates")
    checked = 0
    for assignment in assignments:
        history = list(assignment.history.order_by("history_date", "history_id"))
        assert history[0].history_type == "+"
        last = history[-1]
        assert (last.status, last.percent, last.deadline, last.completed_on) == (
            assignment.status,
            assignment.percent,
            assignment.deadline,
            assignment.completed_on,
        )
        updates = sorted(assignment.updates.all(), key=lambda update: update.created_at)
        for update in updates:
            state = [row for row in history if row.history_date <= update.created_at][-1]
            assert state.percent == update.percent, (assignment, update)
            expected = Status.AWAITING_CONFIRMATION if update.declares_done else Status.IN_PROGRESS
            assert state.status == expected, (assignment, update)
            assert history[0].history_date < update.created_at
            checked += 1
        update_moments = {update.created_at for update in updates}
        for before, after in pairwise(history):
            if after.percent == before.percent:
                continue
            returned = before.status == Status.AWAITING_CONFIRMATION and after.status == Status.IN_PROGRESS
            # Work passed down to units takes its percent from theirs (tasks/seed/delegation.py).
            rolled_up = after.history_change_reason == "Tiến độ tổng hợp từ đơn vị cấp dưới"
            assert after.history_date in update_moments or returned or rolled_up, (assignment, after.history_date)
    assert checked == ProgressUpdate.objects.filter(assignment__task__group__directive=demo).count() > 20


def test_demo_pages_are_alive_for_the_coordinator(demo, seed_today, client):
    client.force_login(User.objects.get(username="bchqs"))
    past = latest_past_period(demo, seed_today)
    with travel_to(seed_today):
        page = client.get(reverse("reports:period_detail", args=[past.pk]))
        assert page.status_code == 200
        assert "Đã tiếp nhận" in page.content.decode() or "Đã chấp nhận" in page.content.decode()
        assert client.get(reverse("reports:dashboard")).status_code == 200
