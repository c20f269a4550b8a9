"""Passing work down through the API: the same service as the page, and its refusals as Vietnamese problems."""

from datetime import timedelta

import pytest

from tasks.models import Assignment
from tests.factories import AgencyFactory

from .test_writes import problem, url


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every write here happens on TODAY."""


def body(world, units, days_before=5, **extra):
    deadline = world.assignment.deadline - timedelta(days=days_before)
    return {"version": world.refresh().version, "units": units, "deadline": f"{deadline:%Y-%m-%d}", **extra}


def test_the_manager_passes_the_share_down_to_two_communes(api_as, two_communes):
    world = two_communes
    units = [world.unit.pk, world.second.pk]

    made = api_as("manager").post(url(world.assignment, "delegate"), body(world, units, note="Triển khai"), "json")

    assert made.status_code == 201, made.content
    shares = made.json()
    assert [share["agency"]["id"] for share in shares] == units
    assert {share["parent"] for share in shares} == {world.assignment.pk}
    assert {share["deadline"] for share in shares} == {f"{world.assignment.deadline - timedelta(days=5):%Y-%m-%d}"}
    assert set(Assignment.objects.filter(parent=world.assignment).values_list("agency_id", flat=True)) == set(units)
    seen = api_as("unit_staff").get(f"/api/v1/assignments/{shares[0]['id']}/")
    assert seen.status_code == 200


@pytest.mark.parametrize(
    ("units", "days_before", "message"),
    [
        ("outside", 5, "không phải là đơn vị cấp dưới của"),
        ("unknown", 5, "Không có cơ quan nào có mã số 999999."),
        ("commune", -1, "Thời hạn không được muộn hơn thời hạn"),
        ("none", 5, "Vui lòng chọn ít nhất một đơn vị cấp dưới hoặc xã."),
    ],
)
def test_bad_input_is_a_vietnamese_problem_and_nothing_is_passed_down(
    api_as, two_communes, units, days_before, message
):
    world = two_communes
    chosen = {
        "outside": [AgencyFactory(name="UBND xã Ngoài (thử)").pk],
        "unknown": [999999],
        "commune": [world.unit.pk],
        "none": [],
    }[units]
    version = world.refresh().version

    answer = api_as("manager").post(url(world.assignment, "delegate"), body(world, chosen, days_before), "json")

    detail = problem(answer, 400)
    assert message in " ".join(text for texts in detail["errors"].values() for text in texts), detail
    assert not Assignment.objects.filter(parent=world.assignment).exists()
    assert world.refresh().version == version


def test_staff_may_not_pass_work_down(api_as, two_communes):
    world = two_communes

    answer = api_as("staff").post(url(world.assignment, "delegate"), body(world, [world.unit.pk]), "json")

    problem(answer, 403)
    assert not Assignment.objects.filter(parent=world.assignment).exists()
