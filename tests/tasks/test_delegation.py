"""Delegation down (issue 17): an agency's manager passes its share to its units or communes, they work it like any
agency, their progress rolls up, the agency confirms them, and the coordinator sees the tree."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from agencies.models import Notification
from tasks.delegation import delegable_units, rolled_up_percent, rolled_up_timeliness
from tasks.models import Assignment, Subordinate
from tasks.timeliness import Status, Timeliness
from tasks.workflow.delegation import assignment_delegate

from .conftest import TODAY
from .helpers import delegate, post, refreshed


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every page and service here runs on TODAY."""


# --- The rules, each in one function. ---


def test_the_units_an_agency_may_delegate_to_are_its_own_active_ones(two_communes):
    world = two_communes
    assert list(delegable_units(world.agency)) == sorted(
        [world.unit, world.second], key=lambda a: (a.sort_order, a.name)
    )
    world.second.is_active = False
    world.second.save()
    assert list(delegable_units(world.agency.pk)) == [world.unit]
    assert not delegable_units(world.users["other_staff"].agency).exists()


def test_the_roll_up_rules():
    assert rolled_up_percent([]) is None
    assert rolled_up_percent([(Status.IN_PROGRESS, 50), (Status.NOT_STARTED, 0)]) == 25
    assert rolled_up_percent([(Status.DONE, 100), (Status.IN_PROGRESS, 99)]) == 99  # 100 % only when all are
    assert rolled_up_percent([(Status.DONE, 100), (Status.CANCELLED, 10)]) == 100  # cancelled shares left out
    assert rolled_up_percent([(Status.CANCELLED, 10)]) is None
    own = Timeliness.WITHIN_DEADLINE
    assert rolled_up_timeliness(own, status=Status.IN_PROGRESS, shares=[Timeliness.OVERDUE]) == Timeliness.OVERDUE
    assert rolled_up_timeliness(own, status=Status.IN_PROGRESS, shares=[Timeliness.DUE_SOON]) == own
    # Paused work is not assessed, whatever its shares.
    assert rolled_up_timeliness("not_applicable", status=Status.PAUSED, shares=["overdue"]) == "not_applicable"


# --- 1. Sub-assignments: who may create them, and what is refused. ---


def test_the_manager_passes_the_share_down_to_two_communes(two_communes):
    world = two_communes
    shares = delegate(world)
    parent = refreshed(world.assignment)
    assert [(s.agency, s.parent_id, s.role, s.deadline) for s in shares] == [
        (unit, parent.pk, parent.role, parent.deadline - timedelta(days=5)) for unit in (world.unit, world.second)
    ]
    assert set(parent.children.all()) == set(shares)
    # Each commune is told, with the note.
    notice = Notification.objects.get(user=world.users["unit_staff"])
    assert notice.kind == Notification.Kind.ASSIGNED
    assert notice.body == "Triển khai tại địa phương"
    assert notice.url == shares[0].get_absolute_url()
    assert shares[0].history.first().history_user == world.users["manager"]


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        ("after the parent's deadline", "deadline", "không được muộn hơn thời hạn của phần việc được giao"),
        ("outside the agency's units", "units", "không phải là đơn vị cấp dưới của"),
        ("no unit", "units", "Vui lòng chọn ít nhất một đơn vị cấp dưới"),
        ("in the past", "deadline", "quá khứ"),
        ("already on the task", "units", "đã được phân công nhiệm vụ này"),
    ],
)
def test_bad_delegation_is_refused_in_vietnamese_and_changes_nothing(two_communes, case, field, message):
    world = two_communes
    parent = refreshed(world.assignment)
    units, deadline = [world.unit], parent.deadline
    if case == "after the parent's deadline":
        deadline = parent.deadline + timedelta(days=1)
    if case == "outside the agency's units":
        units = [world.unit, world.users["other_staff"].agency]
    if case == "no unit":
        units = []
    if case == "in the past":
        deadline = TODAY - timedelta(days=1)
    if case == "already on the task":
        units = [world.sibling.agency]
        Subordinate.objects.create(agency=world.agency, unit=world.sibling.agency)
    before = (Assignment.objects.count(), parent.version, Notification.objects.count())
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        delegate(world, units=units, deadline=deadline)
    assert message in " ".join(refused.value.message_dict[field])
    assert (Assignment.objects.count(), refreshed(parent).version, Notification.objects.count()) == before


def test_a_share_is_not_passed_down_again_nor_by_staff(two_communes):
    world = two_communes
    share = delegate(world, units=[world.unit])[0]
    Subordinate.objects.create(agency=world.unit, unit=world.second)
    commune_manager = world.users["unit_manager"]
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        assignment_delegate(
            assignment=share,
            user=commune_manager,
            units=[world.second],
            deadline=share.deadline,
            expected_version=share.version,
            today=TODAY,
        )
    assert refused.value.messages == ["Phần việc được giao không thể giao tiếp xuống cấp dưới nữa."]
    with pytest.raises(ValidationError):
        delegate(world, units=[world.second], user="staff")
    assert Assignment.objects.filter(agency=world.second).count() == 0


def test_the_page_form_passes_down_and_refuses_outside_units(client, two_communes):
    world = two_communes
    client.force_login(world.users["manager"])
    html = client.get(world.assignment.get_absolute_url()).content.decode()
    assert 'id="delegate-form"' in html
    assert "Giao cho đơn vị cấp dưới" in html
    assert world.unit.name in html
    assert f'value="{world.assignment.deadline:%d/%m/%Y}"' in html  # the deadline offered is the parent's
    outsider = world.users["other_staff"].agency
    response = post(client, world.assignment, "delegate", units=[world.unit.pk, outsider.pk], deadline="10/12/2026")
    assert response.status_code == 200
    assert "không phải là đơn vị cấp dưới của" in response.content.decode()
    assert not Assignment.objects.filter(parent=world.assignment).exists()
    response = post(client, world.assignment, "delegate", units=[world.unit.pk], deadline="31/12/2099")
    assert "không được muộn hơn thời hạn" in response.content.decode()
    assert not Assignment.objects.filter(parent=world.assignment).exists()
    response = post(client, world.assignment, "delegate", units=[world.unit.pk, world.second.pk], deadline="10/12/2026")
    assert response.status_code == 302
    assert Assignment.objects.filter(parent=world.assignment).count() == 2
    # Units holding a share already are not offered again; with none left, the form is not offered.
    assert 'id="delegate-form"' not in client.get(world.assignment.get_absolute_url()).content.decode()


def test_an_agency_without_units_is_not_offered_the_form(client, world):
    client.force_login(world.users["manager"])
    assert 'id="delegate-form"' not in client.get(world.assignment.get_absolute_url()).content.decode()
