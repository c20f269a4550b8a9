"""Timeliness is derived (DESIGN §3); the SQL annotation and the Python function agree."""

from datetime import date, timedelta

import pytest

from tasks.models import Assignment
from tasks.selectors import with_timeliness
from tasks.timeliness import Status, Timeliness, timeliness
from tests.factories import AssignmentFactory

TODAY = date(2026, 11, 28)
D = timedelta(days=1)

CASES = [
    # status, deadline, completed_on, expected
    (Status.NOT_STARTED, TODAY + 10 * D, None, Timeliness.WITHIN_DEADLINE),
    (Status.IN_PROGRESS, TODAY + 4 * D, None, Timeliness.WITHIN_DEADLINE),
    (Status.IN_PROGRESS, TODAY + 3 * D, None, Timeliness.DUE_SOON),
    (Status.IN_PROGRESS, TODAY + 1 * D, None, Timeliness.DUE_SOON),
    (Status.IN_PROGRESS, TODAY, None, Timeliness.DUE_SOON),
    (Status.IN_PROGRESS, TODAY - 1 * D, None, Timeliness.OVERDUE),
    (Status.NOT_STARTED, TODAY - 30 * D, None, Timeliness.OVERDUE),
    (Status.IN_PROGRESS, None, None, Timeliness.STANDING),
    (Status.DONE, TODAY - 5 * D, TODAY - 5 * D, Timeliness.DONE_ON_TIME),
    (Status.DONE, TODAY - 5 * D, TODAY - 4 * D, Timeliness.DONE_LATE),
    (Status.DONE, TODAY + 5 * D, TODAY, Timeliness.DONE_ON_TIME),
    # Standing work is never counted done (DESIGN §3): it stays standing, out of the on-time rate.
    (Status.DONE, None, TODAY, Timeliness.STANDING),
    # Declared done in time, confirmed after the deadline: still on time (completion = declared day).
    (Status.AWAITING_CONFIRMATION, TODAY - 2 * D, TODAY - 3 * D, Timeliness.WITHIN_DEADLINE),
    (Status.AWAITING_CONFIRMATION, TODAY - 5 * D, TODAY - 1 * D, Timeliness.OVERDUE),
    (Status.AWAITING_CONFIRMATION, TODAY + 1 * D, TODAY, Timeliness.WITHIN_DEADLINE),
    (Status.AWAITING_CONFIRMATION, None, TODAY, Timeliness.STANDING),
    (Status.PAUSED, TODAY - 5 * D, None, Timeliness.NOT_APPLICABLE),
    (Status.CANCELLED, TODAY + 5 * D, None, Timeliness.NOT_APPLICABLE),
]


@pytest.mark.parametrize(("status", "deadline", "completed_on", "expected"), CASES)
def test_timeliness_rules(status, deadline, completed_on, expected):
    result = timeliness(status=status, deadline=deadline, completed_on=completed_on, today=TODAY, due_soon_days=3)
    assert result == expected


@pytest.mark.django_db
def test_sql_annotation_agrees_with_python(settings):
    settings.DONDOC_DUE_SOON_DAYS = 3
    created = {
        AssignmentFactory(status=status, deadline=deadline, completed_on=completed_on).pk: expected
        for status, deadline, completed_on, expected in CASES
    }
    annotated = dict(with_timeliness(Assignment.objects.all(), today=TODAY).values_list("pk", "timeliness_code"))
    assert annotated == {pk: str(expected) for pk, expected in created.items()}


@pytest.mark.django_db
def test_due_soon_window_is_configurable(settings):
    settings.DONDOC_DUE_SOON_DAYS = 7
    assignment = AssignmentFactory(status=Status.IN_PROGRESS, deadline=TODAY + 6 * D)
    assert assignment.timeliness(today=TODAY) == Timeliness.DUE_SOON
    annotated = with_timeliness(Assignment.objects.all(), today=TODAY).get()
    assert annotated.timeliness_code == Timeliness.DUE_SOON
