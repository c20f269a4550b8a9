"""Assignment.timeliness() (Python) and with_timeliness (the SQL of lists and the dashboard) agree on delegated work."""

from datetime import timedelta
from itertools import product

import pytest

from tasks.models import Assignment
from tasks.selectors import with_timeliness
from tasks.timeliness import Status, Timeliness

from .conftest import TODAY
from .helpers import refreshed

# A share's state: status, deadline (days from TODAY, None for standing), completed on (days from TODAY or None).
SHARE_STATES = [
    (Status.NOT_STARTED, -1, None),
    (Status.IN_PROGRESS, 3, None),
    (Status.IN_PROGRESS, None, None),
    (Status.AWAITING_CONFIRMATION, -2, -4),  # declared done before its deadline, not yet confirmed
    (Status.AWAITING_CONFIRMATION, -5, -1),  # declared done late
    (Status.AWAITING_CONFIRMATION, -5, None),  # declared done with no day recorded, now past its deadline
    (Status.DONE, -5, -1),
    (Status.PAUSED, -3, None),
    (Status.CANCELLED, -3, None),
]
PARENT_STATES = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.AWAITING_CONFIRMATION, Status.PAUSED, Status.DONE]


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every read here runs on TODAY."""


def day(offset):
    return None if offset is None else TODAY + timedelta(days=offset)


@pytest.mark.parametrize("parent_status", PARENT_STATES)
def test_python_and_sql_agree_for_a_parent_in_each_state_over_pairs_of_share_states(tree, parent_status):
    parent = refreshed(tree.assignment)
    Assignment.objects.filter(pk=parent.pk).update(
        status=parent_status,
        completed_on=TODAY if parent_status in (Status.DONE, Status.AWAITING_CONFIRMATION) else None,
    )
    first, second = tree.shares
    seen = set()
    for one, other in product(SHARE_STATES, repeat=2):
        for share, (status, deadline, completed) in ((first, one), (second, other)):
            Assignment.objects.filter(pk=share.pk).update(
                status=status, deadline=day(deadline), completed_on=day(completed)
            )
        rows = with_timeliness(Assignment.objects.filter(pk__in=[parent.pk, first.pk, second.pk]), today=TODAY)
        for row in rows:
            assert row.timeliness(today=TODAY) == row.timeliness_code, (row.pk == parent.pk, one, other)
        seen.add(refreshed(parent).timeliness(today=TODAY))
    if parent_status in (Status.NOT_STARTED, Status.IN_PROGRESS):
        assert Timeliness.OVERDUE in seen and len(seen) > 1  # rolled up from a share, and not always


def test_a_share_declared_done_without_a_day_and_past_its_deadline_makes_the_open_parent_overdue(tree):
    share = tree.shares[0]
    Assignment.objects.filter(pk=share.pk).update(
        status=Status.AWAITING_CONFIRMATION, completed_on=None, deadline=TODAY - timedelta(days=1)
    )
    parent = with_timeliness(Assignment.objects.filter(pk=tree.assignment.pk), today=TODAY).get()

    assert refreshed(share).timeliness(today=TODAY) == Timeliness.OVERDUE
    assert parent.timeliness_code == Timeliness.OVERDUE == parent.timeliness(today=TODAY)


@pytest.mark.parametrize("parent_status", PARENT_STATES)
@pytest.mark.parametrize("parent_deadline", [-1, 0, 5, None], ids=["past", "today", "ahead", "standing"])
def test_the_inboxs_overdue_rule_is_the_timeliness_rules_overdue_for_open_work(tree, parent_status, parent_deadline):
    # tasks.delegation.open_overdue (the menu's count) stands in for `status open and timeliness_code overdue`.
    from tasks.delegation import open_overdue
    from tasks.workflow.table import OPEN

    Assignment.objects.filter(pk=tree.assignment.pk).update(
        status=parent_status,
        deadline=day(parent_deadline),
        completed_on=TODAY if parent_status in (Status.DONE, Status.AWAITING_CONFIRMATION) else None,
    )
    ids = [tree.assignment.pk, *(share.pk for share in tree.shares)]
    for one, other in product(SHARE_STATES, repeat=2):
        for share, (status, deadline, completed) in zip(tree.shares, (one, other), strict=True):
            Assignment.objects.filter(pk=share.pk).update(
                status=status, deadline=day(deadline), completed_on=day(completed)
            )
        rows = with_timeliness(Assignment.objects.filter(pk__in=ids), today=TODAY)
        by_case = set(rows.filter(status__in=OPEN, timeliness_code=Timeliness.OVERDUE).values_list("pk", flat=True))
        by_rule = set(Assignment.objects.filter(open_overdue(TODAY), pk__in=ids).values_list("pk", flat=True))
        assert by_rule == by_case, (one, other)
