"""Statistics of the consolidated report: computed as of the cutoff, unchanged by what happens afterwards."""

from datetime import date

import pytest

from reports.models import ConsolidatedReport
from reports.services.consolidated import consolidated_compile, consolidated_refresh_statistics
from reports.statistics import assignments_as_of, statistics_snapshot
from tests.factories import TaskFactory
from tests.reports.conftest import add_update, local, make_assignment, save_at


@pytest.fixture
def history(world):
    """What happened before the cutoff of 14/06/2026."""
    a = world.assignments
    save_at(a["home_due_march"], local(date(2026, 3, 1)), status="in_progress", percent=50)
    save_at(a["home_due_march"], local(date(2026, 3, 20)), status="done", percent=100, completed_on=date(2026, 3, 20))
    save_at(a["home_due_may"], local(date(2026, 4, 2)), status="in_progress", percent=30)
    add_update(a["home_due_may"], world.staff, local(date(2026, 4, 2)), 30, results="Đang kiện toàn.")
    return world


def without_clock(snapshot: dict) -> dict:
    return {key: value for key, value in snapshot.items() if key != "computed_at"}


def test_figures_at_the_cutoff(history, after_cutoff):
    world = history
    stats = statistics_snapshot(period=world.period, today=after_cutoff)
    assert stats["as_of"] == "2026-06-14"
    assert stats["total"] == 5
    assert stats["by_status"] == {"done": 1, "in_progress": 1, "not_started": 3}
    assert stats["by_timeliness"] == {"done_on_time": 1, "overdue": 2, "standing": 2}
    # 1 done on time out of 1 done + 2 overdue.
    assert stats["on_time_rate"] == 33.3
    assert [(g["number"], g["total"], g["done"], g["overdue"]) for g in stats["groups"]] == [(1, 2, 0, 0), (2, 3, 1, 2)]
    rates = {row["name"]: row["on_time_rate"] for row in stats["agencies"]}
    assert rates == {"Sở Nội vụ": 50.0, "Công an tỉnh": 0.0, "Bộ Chỉ huy quân sự tỉnh": None}
    assert [row["name"] for row in stats["ranking"]] == ["Sở Nội vụ", "Công an tỉnh"]
    assert [(row["task_code"], row["agency"], row["days_overdue"]) for row in stats["overdue"]] == [
        ("2.1", "Công an tỉnh", 75),
        ("2.2", "Sở Nội vụ", 30),
    ]
    assert stats["overdue_count"] == 2


def test_later_updates_do_not_change_the_figures(history, after_cutoff):
    world = history
    before = without_clock(statistics_snapshot(period=world.period, today=after_cutoff))
    a = world.assignments
    # The day after the cutoff, everything moves on.
    moment = local(date(2026, 6, 15), 8)
    save_at(a["other_due_march"], moment, status="done", percent=100, completed_on=date(2026, 6, 15))
    save_at(a["home_due_may"], moment, status="awaiting_confirmation", percent=100, completed_on=date(2026, 6, 15))
    save_at(a["home_standing"], moment, deadline=date(2026, 6, 1))
    add_update(a["home_due_may"], world.staff, moment, 100, results="Xong.", declares_done=True)
    late_task = TaskFactory(group=a["home_due_may"].task.group, number=9)
    new = make_assignment(late_task, world.agency, deadline=date(2026, 6, 10))
    new.history.update(history_date=moment)
    after = without_clock(statistics_snapshot(period=world.period, today=date(2026, 11, 28)))
    assert after == before


def test_a_cutoff_before_today_uses_the_cutoff_day_for_timeliness(history):
    world = history
    # On 01/05/2026 (before the cutoff) the May task was not overdue yet.
    stats = statistics_snapshot(period=world.period, today=date(2026, 5, 1))
    assert stats["as_of"] == "2026-05-01"
    assert stats["by_timeliness"]["overdue"] == 1


def test_an_assignment_created_after_the_cutoff_is_not_counted(world, after_cutoff):
    task = TaskFactory(group=world.assignments["home_due_may"].task.group, number=8)
    make_assignment(task, world.agency).history.update(history_date=local(date(2026, 6, 15), 0))
    rows = assignments_as_of(directive_id=world.directive.pk, day=date(2026, 6, 14))
    assert rows.count() == 5


def test_compiling_freezes_the_snapshot(history, after_cutoff):
    world = history
    report = consolidated_compile(period=world.period, user=world.coordinator, today=after_cutoff)
    frozen = ConsolidatedReport.objects.get(pk=report.pk).statistics
    save_at(
        world.assignments["other_due_march"],
        local(date(2026, 6, 16)),
        status="done",
        percent=100,
        completed_on=date(2026, 6, 16),
    )
    assert ConsolidatedReport.objects.get(pk=report.pk).statistics == frozen
    refreshed = consolidated_refresh_statistics(report=report, user=world.coordinator, expected_version=None)
    assert without_clock(refreshed.statistics) == without_clock(frozen)


def test_statistics_cost_a_fixed_number_of_queries(history, after_cutoff, django_assert_num_queries):
    # successors on the day + grouped counts + overdue list + names on the day (agencies, renames) + groups + agencies
    with django_assert_num_queries(7):
        statistics_snapshot(period=history.period, today=after_cutoff)
