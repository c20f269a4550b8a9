"""The reminder rules alone: a frozen 'today' walked across the whole schedule of one deadline."""

from datetime import date, timedelta

import pytest

from tasks.reminders import (
    ASSIGNED,
    BEFORE,
    DEFAULT_POLICY,
    DUE_DAY,
    ESCALATION,
    OVERDUE,
    Due,
    Policy,
    latest_deadline_reminder,
    reminders_due,
)
from tasks.timeliness import Status

DEADLINE = date(2026, 12, 15)
LONG_AGO = date(2026, 1, 1)


def due_on(offset: int, *, status: str = Status.IN_PROGRESS, policy: Policy = DEFAULT_POLICY) -> list[Due]:
    return reminders_due(
        status=status,
        deadline=DEADLINE,
        created_on=LONG_AGO,
        today=DEADLINE + timedelta(days=offset),
        policy=policy,
    )


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-30, []),
        (-8, []),
        (-7, [Due(BEFORE, DEADLINE - timedelta(days=7))]),
        # Between two reminders the latest one stays due; the ledger already holds it, so nothing is sent.
        (-5, [Due(BEFORE, DEADLINE - timedelta(days=7))]),
        (-3, [Due(BEFORE, DEADLINE - timedelta(days=3))]),
        (-2, [Due(BEFORE, DEADLINE - timedelta(days=3))]),
        (-1, [Due(BEFORE, DEADLINE - timedelta(days=1))]),
        (0, [Due(DUE_DAY, DEADLINE)]),
        (1, [Due(OVERDUE, DEADLINE + timedelta(days=1)), Due(ESCALATION, DEADLINE + timedelta(days=1))]),
        (7, [Due(OVERDUE, DEADLINE + timedelta(days=1)), Due(ESCALATION, DEADLINE + timedelta(days=1))]),
        # Escalation keeps the date of the first overdue day: the ledger lets it through once.
        (8, [Due(OVERDUE, DEADLINE + timedelta(days=8)), Due(ESCALATION, DEADLINE + timedelta(days=1))]),
        (15, [Due(OVERDUE, DEADLINE + timedelta(days=15)), Due(ESCALATION, DEADLINE + timedelta(days=1))]),
        (20, [Due(OVERDUE, DEADLINE + timedelta(days=15)), Due(ESCALATION, DEADLINE + timedelta(days=1))]),
    ],
)
def test_schedule_across_the_deadline(offset, expected):
    assert due_on(offset) == expected


def test_the_distinct_reminder_dates_are_7_3_1_0_days_before_then_every_7_days_overdue():
    dates = set()
    for offset in range(-40, 30):
        dates.update((item.kind, item.due_on) for item in due_on(offset) if item.kind != ESCALATION)
    offsets = sorted(((when - DEADLINE).days, kind) for kind, when in dates)
    assert offsets == [
        (-7, BEFORE),
        (-3, BEFORE),
        (-1, BEFORE),
        (0, DUE_DAY),
        (1, OVERDUE),
        (8, OVERDUE),
        (15, OVERDUE),
        (22, OVERDUE),
        (29, OVERDUE),
    ]


@pytest.mark.parametrize("status", [Status.DONE, Status.PAUSED, Status.CANCELLED, Status.AWAITING_CONFIRMATION])
def test_finished_paused_cancelled_and_declared_done_assignments_get_nothing(status):
    for offset in (-7, -1, 0, 1, 8, 100):
        assert due_on(offset, status=status) == []


def test_not_started_is_reminded_like_in_progress():
    assert due_on(-3, status=Status.NOT_STARTED) == due_on(-3, status=Status.IN_PROGRESS)


def test_standing_task_gets_no_deadline_reminder():
    for today in (date(2026, 3, 1), date(2026, 12, 31)):
        assert reminders_due(status=Status.IN_PROGRESS, deadline=None, created_on=LONG_AGO, today=today) == []


def test_new_assignment_is_announced_within_a_week_of_creation_even_when_standing():
    created = date(2026, 11, 20)
    for offset, expected in ((0, True), (7, True), (8, False), (-1, False)):
        due = reminders_due(
            status=Status.NOT_STARTED, deadline=None, created_on=created, today=created + timedelta(days=offset)
        )
        assert (Due(ASSIGNED, created) in due) is expected


def test_policy_days_on_due_day_and_overdue_repeat_are_settings():
    policy = Policy(days_before=(14, 2), on_due_day=False, overdue_every_days=3, escalate_when_overdue=False)
    assert latest_deadline_reminder(deadline=DEADLINE, today=DEADLINE - timedelta(days=10), policy=policy) == Due(
        BEFORE, DEADLINE - timedelta(days=14)
    )
    # No due-day reminder: on the day the latest reminder is still the one of two days before.
    assert due_on(0, policy=policy) == [Due(BEFORE, DEADLINE - timedelta(days=2))]
    assert due_on(5, policy=policy) == [Due(OVERDUE, DEADLINE + timedelta(days=4))]
    assert all(item.kind != ESCALATION for item in due_on(30, policy=policy))


def test_zero_repeat_sends_a_single_overdue_notice():
    policy = Policy(overdue_every_days=0)
    assert {item.due_on for item in due_on(1, policy=policy)} == {DEADLINE + timedelta(days=1)}
    assert {item.due_on for item in due_on(60, policy=policy)} == {DEADLINE + timedelta(days=1)}


def test_catch_up_after_a_gap_gives_the_latest_reminder_only():
    # The worker was down from D-2 to D+2: the scan on D+2 owes one overdue reminder, not the D-1, D and D+1 ones.
    assert due_on(2) == [Due(OVERDUE, DEADLINE + timedelta(days=1)), Due(ESCALATION, DEADLINE + timedelta(days=1))]
