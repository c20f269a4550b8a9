"""Delegated shares at work: the commune reports in the browser, the district's percent and timeliness roll up, the
district confirms its communes, reminders reach them, and each role sees what it should of the tree."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from agencies.models import Notification
from tasks.models import Assignment
from tasks.reminders.scan import reminder_scan_run
from tasks.selectors import with_timeliness
from tasks.timeliness import Status, Timeliness
from tasks.workflow import (
    assignment_cancel,
    assignment_confirm,
    assignment_declare_done,
    assignment_return,
    extension_request_create,
    progress_update_create,
)

from .conftest import TODAY
from .helpers import delegate, post, refreshed


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every page and service here runs on TODAY."""


@pytest.fixture
def tree(two_communes):
    """The lead agency's share passed down to its two communes, due five days before it."""
    world = two_communes
    world.shares = delegate(world)
    return world


def timeliness_of(assignment, today=TODAY) -> str:
    return with_timeliness(Assignment.objects.filter(pk=assignment.pk), today=today).get().timeliness_code


# --- 2. The commune works like any agency. ---


def test_the_commune_sees_its_share_in_its_work_list_and_reports_in_the_browser(client, tree):
    share = tree.shares[0]
    client.force_login(tree.users["unit_staff"])
    html = client.get(reverse("tasks:work")).content.decode()
    assert share.get_absolute_url() in html
    assert f"do {tree.agency.display_name} giao" in html
    page = client.get(share.get_absolute_url()).content.decode()
    assert 'id="update-form"' in page
    assert "Được giao từ" in page
    response = post(client, share, "update", percent=60, results="Đã tuyên truyền tại 5 thôn")
    assert response.status_code == 302
    assert refreshed(share).status == Status.IN_PROGRESS
    parent = refreshed(tree.assignment)
    assert parent.percent == 30  # (60 + 0) / 2
    assert parent.status == Status.IN_PROGRESS  # the first progress on a share starts the work it came from
    assert parent.history.first().history_change_reason == "Tiến độ tổng hợp từ đơn vị cấp dưới"


def test_the_parents_percent_rolls_up_at_each_state(tree):
    first, second = tree.shares
    unit_staff, second_staff = tree.users["unit_staff"], tree.users["second_staff"]
    parent = refreshed(tree.assignment)
    assert parent.percent == 0  # passed down: the mean of two shares not started
    progress_update_create(assignment=first, author=unit_staff, percent=40, results="a")
    progress_update_create(assignment=second, author=second_staff, percent=81, results="b")
    assert refreshed(parent).percent == 60
    # The parent's own report keeps its text but not its percent: the percent is its shares'.
    progress_update_create(assignment=parent, author=tree.users["staff"], percent=5, results="Tổng hợp")
    assert refreshed(parent).percent == 60
    first = assignment_declare_done(
        assignment=refreshed(first), user=unit_staff, expected_version=refreshed(first).version
    )
    assert refreshed(parent).percent == 90  # (100 + 81) // 2
    assignment_return(
        assignment=first, user=tree.users["manager"], expected_version=refreshed(first).version, comment="Bổ sung"
    )
    assert refreshed(first).percent == 40
    assert refreshed(parent).percent == 60
    assignment_cancel(
        assignment=refreshed(second), user=tree.users["admin"], expected_version=None, reason="Sáp nhập xã"
    )
    assert refreshed(parent).percent == 40  # the cancelled share is left out


def test_the_parent_is_overdue_as_soon_as_one_share_is(tree):
    first, second = tree.shares
    day_after_share_deadline = first.deadline + timedelta(days=1)
    assert day_after_share_deadline < tree.assignment.deadline
    assert timeliness_of(tree.assignment) == Timeliness.WITHIN_DEADLINE
    assert timeliness_of(tree.assignment, day_after_share_deadline) == Timeliness.OVERDUE
    # Both shares declared done on time: nothing is overdue any more.
    for share, user in ((first, "unit_staff"), (second, "second_staff")):
        assignment_declare_done(
            assignment=refreshed(share), user=tree.users[user], expected_version=refreshed(share).version, today=TODAY
        )
    assert timeliness_of(tree.assignment, day_after_share_deadline) == Timeliness.WITHIN_DEADLINE


def test_the_district_confirms_each_share_then_declares_its_own_done(tree):
    first, second = tree.shares
    manager, staff = tree.users["manager"], tree.users["staff"]
    # Its own share cannot be declared done while the communes' are open.
    parent = refreshed(tree.assignment)
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        assignment_declare_done(assignment=parent, user=staff, expected_version=parent.version)
    assert "chưa được xác nhận hết" in refused.value.messages[0]
    for share, user in ((first, "unit_staff"), (second, "second_staff")):
        assignment_declare_done(
            assignment=refreshed(share), user=tree.users[user], expected_version=refreshed(share).version
        )
    # Its managers are asked to confirm each (not its staff, not the coordinator).
    asked = Notification.objects.filter(title__contains="đã báo cáo hoàn thành phần việc được giao")
    assert set(asked.values_list("user__username", flat=True)) == {"manager"}
    assert asked.count() == 2
    # The coordinator does not confirm a commune's share: the agency that passed it down does.
    first = refreshed(first)
    with pytest.raises(ValidationError) as refused:
        assignment_confirm(assignment=first, user=tree.users["coordinator"], expected_version=first.version)
    assert refused.value.code == "forbidden"
    assignment_confirm(assignment=refreshed(first), user=manager, expected_version=refreshed(first).version)
    assert not Notification.objects.filter(title__contains="Các đơn vị cấp dưới đã hoàn thành").exists()
    assignment_confirm(assignment=refreshed(second), user=manager, expected_version=refreshed(second).version)
    told = Notification.objects.filter(title__contains="Các đơn vị cấp dưới đã hoàn thành")
    assert set(told.values_list("user__username", flat=True)) == {"staff", "manager"}
    assert refreshed(first).status == refreshed(second).status == Status.DONE
    parent = refreshed(tree.assignment)
    assert parent.percent == 100
    assignment_declare_done(assignment=parent, user=staff, expected_version=parent.version)
    assert refreshed(parent).status == Status.AWAITING_CONFIRMATION
    # And the coordinator confirms the district's share as usual.
    parent = refreshed(parent)
    assignment_confirm(assignment=parent, user=tree.users["coordinator"], expected_version=parent.version)
    assert refreshed(parent).status == Status.DONE


def test_an_extension_of_a_share_is_capped_by_the_parents_deadline(tree):
    share = tree.shares[0]
    parent = refreshed(tree.assignment)
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        extension_request_create(
            assignment=share,
            user=tree.users["unit_staff"],
            new_deadline=parent.deadline + timedelta(days=1),
            reason="Mưa lũ",
            expected_version=share.version,
            today=TODAY,
        )
    assert "không thể có thời hạn muộn hơn thời hạn của đơn vị giao việc" in refused.value.messages[0]
    request = extension_request_create(
        assignment=share,
        user=tree.users["unit_staff"],
        new_deadline=parent.deadline,
        reason="Mưa lũ",
        expected_version=share.version,
        today=TODAY,
    )
    assert request.new_deadline == parent.deadline


def test_reminders_reach_the_communes_and_lateness_escalates_to_the_district(tree):
    first = tree.shares[0]
    reminder_scan_run(today=first.deadline - timedelta(days=7))
    told = set(Notification.objects.filter(url=first.get_absolute_url()).values_list("user__username", flat=True))
    assert {"unit_staff", "unit_manager"} <= told
    reminder_scan_run(today=first.deadline + timedelta(days=1))
    escalated = Notification.objects.filter(url=first.get_absolute_url(), kind=Notification.Kind.OVERDUE)
    # The commune, its managers, the coordinator and the district's managers hear of the lateness.
    assert {"unit_staff", "unit_manager", "coordinator", "manager"} <= set(
        escalated.values_list("user__username", flat=True)
    )
    assert "staff" not in set(escalated.values_list("user__username", flat=True))
