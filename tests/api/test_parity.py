"""For every role, the API answers exactly what the pages show: the same lists, the same 404s, the same actions."""

import pytest
from django.urls import reverse

from api.serializers import AssignmentSerializer
from tasks.models import Assignment
from tasks.selectors import assignment_list
from tests.tasks.conftest import TODAY
from tests.tasks.helpers import add_assignments
from tests.tasks.test_workspace_access import ROLES

ASSIGNMENT_ROLES = [role for role in ROLES if role != "anonymous"]


@pytest.fixture(autouse=True)
def more_work(world, on_today):
    """A few more assignments on both directives, so each list has something to get wrong."""
    add_assignments(world.agency, world.directive, 4)
    add_assignments(world.other_assignment.agency, world.other_directive, 3)


def page_ids(client, url, params=None) -> list[int] | int:
    response = client.get(url, params or {})
    if response.status_code != 200:
        return response.status_code
    return [assignment.pk for assignment in response.context["page_obj"].object_list]


def api_ids(client, url, params=None) -> list[int] | int:
    response = client.get(url, params or {})
    if response.status_code != 200:
        return response.status_code
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("params", [{}, {"status": "not_started"}, {"q": "quoc phong"}], ids=["all", "state", "q"])
@pytest.mark.parametrize("role", ASSIGNMENT_ROLES)
def test_the_work_list_is_the_work_page(client, api_as, world, role, params):
    client.force_login(world.users[role])
    assert api_ids(api_as(role), "/api/v1/assignments/", params) == page_ids(client, reverse("tasks:work"), params)


@pytest.mark.parametrize("role", ASSIGNMENT_ROLES)
def test_a_directives_list_is_its_page(client, api_as, world, role):
    client.force_login(world.users[role])
    page = page_ids(client, reverse("tasks:directive_assignments", args=[world.directive.pk]))
    api = api_ids(api_as(role), f"/api/v1/directives/{world.directive.pk}/assignments/")
    assert api == page


@pytest.mark.parametrize("role", ASSIGNMENT_ROLES)
def test_each_assignment_is_seen_where_its_page_is_and_offers_the_same_actions(client, api_as, world, role):
    """The page's status (200 or 404) for every assignment is the API's; where seen, the same actions."""
    client.force_login(world.users[role])
    api = api_as(role)
    for assignment in Assignment.objects.all():
        page = client.get(reverse("tasks:assignment_detail", args=[assignment.pk]))
        answer = api.get(f"/api/v1/assignments/{assignment.pk}/")
        assert answer.status_code == page.status_code, (role, assignment.pk)
        if page.status_code == 200:
            offered = {action.value for action in page.context["access"].actions}
            assert set(answer.json()["actions"]) == offered


@pytest.mark.parametrize("role", ASSIGNMENT_ROLES)
def test_progress_updates_are_seen_by_whoever_sees_the_assignment_page(client, api_as, world, role):
    client.force_login(world.users[role])
    for assignment in (world.assignment, world.sibling, world.other_assignment):
        page = client.get(reverse("tasks:assignment_detail", args=[assignment.pk]))
        answer = api_as(role).get(f"/api/v1/assignments/{assignment.pk}/updates/")
        assert answer.status_code == page.status_code


def test_the_lists_plain_rows_are_the_serializers_json(api_as, world, seeded_variety):
    """The list reads plain values for speed (api.serializers.assignment_rows); each row must be exactly what the
    documented AssignmentSerializer gives for that assignment, nulls, dates, times and shares included."""
    rows = api_as("leader").get("/api/v1/assignments/", {"page_size": 100}).json()["results"]
    assert len(rows) == Assignment.objects.count()
    expected = AssignmentSerializer(assignment_list(), many=True).data
    assert rows == [dict(row) for row in expected]


@pytest.fixture
def seeded_variety(world):
    """Deadlines and completion dates set and unset, a share passed down, every role of assignment."""
    first, second = Assignment.objects.order_by("pk")[:2]
    Assignment.objects.filter(pk=first.pk).update(deadline=None, status="in_progress", percent=40)
    Assignment.objects.filter(pk=second.pk).update(status="done", percent=100, completed_on=TODAY)
    child = Assignment.objects.exclude(pk__in=[first.pk, second.pk]).order_by("pk").first()
    Assignment.objects.filter(pk=child.pk).update(parent=first)
