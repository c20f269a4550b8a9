"""A parent's deadline moved earlier takes its later open shares with it; a share never goes past its parent."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Notification
from tasks.models import Assignment, ExtensionRequest
from tasks.timeliness import Status
from tasks.workflow import (
    assignment_cancel,
    assignment_change_deadline,
    extension_request_create,
    extension_request_decide,
)
from tests.factories import AgencyFactory

from .conftest import TODAY
from .helpers import refreshed


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every service here runs on TODAY."""


def change(assignment, user, deadline, reason="Điều chỉnh theo chỉ đạo của UBND tỉnh"):
    assignment = refreshed(assignment)
    return assignment_change_deadline(
        assignment=assignment, user=user, expected_version=assignment.version, deadline=deadline, reason=reason
    )


def test_a_parent_moved_before_its_shares_takes_the_open_ones_with_it_and_says_why(tree):
    first, second = tree.shares
    assignment_cancel(assignment=refreshed(second), user=tree.users["admin"], expected_version=None, reason="Trùng")
    earlier = TODAY + timedelta(days=10)

    change(tree.assignment, tree.users["admin"], earlier)

    assert refreshed(tree.assignment).deadline == earlier
    assert refreshed(first).deadline == earlier
    assert refreshed(first).history.first().history_change_reason == (
        f"Thời hạn được chuyển về {earlier:%d/%m/%Y} theo việc được giao từ cấp trên"
    )
    assert refreshed(second).deadline == TODAY + timedelta(days=15)  # cancelled: it keeps the deadline it had
    told = Notification.objects.filter(user=tree.users["unit_staff"], url=first.get_absolute_url())
    assert told.filter(title__startswith=f"Thời hạn được chuyển về {earlier:%d/%m/%Y}").exists()
    assert not Notification.objects.filter(user=tree.users["second_staff"], title__startswith="Thời hạn").exists()


def test_shares_already_due_before_the_new_deadline_stay_as_they_are(tree):
    versions = {share.pk: refreshed(share).version for share in tree.shares}

    change(tree.assignment, tree.users["admin"], TODAY + timedelta(days=17))
    change(tree.assignment, tree.users["admin"], TODAY + timedelta(days=40))

    for share in tree.shares:
        assert (refreshed(share).deadline, refreshed(share).version) == (TODAY + timedelta(days=15), versions[share.pk])


def test_the_shares_of_a_share_follow_in_turn(tree):
    first = refreshed(tree.shares[0])
    grandchild = Assignment.objects.create(
        task=first.task,
        agency=AgencyFactory(name="Thôn Bản Lác (thử)"),
        deadline=first.deadline,
        parent=first,
        status=Status.IN_PROGRESS,
    )
    earlier = TODAY + timedelta(days=8)

    change(tree.assignment, tree.users["admin"], earlier)

    assert refreshed(grandchild).deadline == earlier


def test_a_share_cannot_be_moved_past_its_parent_and_nothing_changes(tree):
    share = refreshed(tree.shares[0])

    with pytest.raises(ValidationError) as refused:
        change(share, tree.users["admin"], TODAY + timedelta(days=21))

    parent_deadline = f"{TODAY + timedelta(days=20):%d/%m/%Y}"
    assert refused.value.message_dict["deadline"] == [
        f"Việc này được giao từ {tree.agency.display_name}, thời hạn {parent_deadline}: "
        "không thể đặt thời hạn muộn hơn."
    ]
    assert (refreshed(share).deadline, refreshed(share).version) == (share.deadline, share.version)
    change(share, tree.users["admin"], TODAY + timedelta(days=20))  # up to the parent's own is allowed
    assert refreshed(share).deadline == TODAY + timedelta(days=20)


def test_a_shares_extension_is_not_approved_past_a_parent_moved_earlier_since(tree):
    share = refreshed(tree.shares[0])
    request = extension_request_create(
        assignment=share,
        user=tree.users["unit_staff"],
        new_deadline=TODAY + timedelta(days=19),
        reason="Mưa lũ",
        expected_version=share.version,
        today=TODAY,
    )
    change(tree.assignment, tree.users["admin"], TODAY + timedelta(days=16))
    share = refreshed(share)

    with pytest.raises(ValidationError) as refused:
        extension_request_decide(
            extension_request=request, user=tree.users["admin"], approve=True, expected_version=share.version
        )

    assert "không thể đặt thời hạn muộn hơn" in refused.value.message_dict["new_deadline"][0]
    assert refreshed(share).deadline == TODAY + timedelta(days=15)
    assert ExtensionRequest.objects.get(pk=request.pk).decision == ExtensionRequest.Decision.PENDING
