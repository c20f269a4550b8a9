"""The directive page stays small at any size (issue 11): many agencies on one task are summarised, many tasks
are split into pages of groups, and a page that does not exist shows the nearest one with a message."""

import pytest
from django.urls import reverse

from tasks.models import Assignment
from tasks.overview import TASK_AGENCIES_SHOWN, chunk_groups
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    DirectiveFactory,
    TaskFactory,
    TaskGroupFactory,
    UserFactory,
)

from .test_directive_page import build_directive, count_queries


@pytest.fixture
def forty_agencies_on_one_task(db):
    directive = DirectiveFactory()
    task = TaskFactory(group=TaskGroupFactory(directive=directive, number=1), number=1)
    agencies = [AgencyFactory(name=f"Cơ quan số {index:02}") for index in range(40)]
    for index, agency in enumerate(agencies):
        role = Assignment.Role.LEAD if index == 0 else Assignment.Role.COOPERATING
        AssignmentFactory(task=task, agency=agency, role=role)
    return directive, agencies


def test_forty_agencies_on_one_task_are_summarised(client, forty_agencies_on_one_task):
    directive, agencies = forty_agencies_on_one_task
    viewer = UserFactory(agency=agencies[17])
    client.force_login(viewer)
    html = client.get(reverse("tasks:directive_detail", args=[directive.pk])).content.decode()
    assert agencies[0].display_name in html  # the lead
    assert agencies[17].display_name in html  # the viewer's own agency
    assert agencies[5].display_name not in html  # the others only as counts
    assert "38 cơ quan khác" in html
    assert len(html.encode()) < 30_000


def test_forty_lead_agencies_are_summarised_too(client, db):
    """Item 1 goes to every agency as lead: the page names a few of them, not all 40 (issue 16)."""
    directive = DirectiveFactory()
    task = TaskFactory(group=TaskGroupFactory(directive=directive, number=1), number=1)
    agencies = [AgencyFactory(name=f"Đơn vị chủ trì {index:02}") for index in range(40)]
    for agency in agencies:
        AssignmentFactory(task=task, agency=agency, role=Assignment.Role.LEAD)
    client.force_login(UserFactory(agency=agencies[30]))
    html = client.get(reverse("tasks:directive_detail", args=[directive.pk])).content.decode()
    named = [agency for agency in agencies if agency.display_name in html]
    assert agencies[30] in named  # the viewer's own, always
    assert len(named) == TASK_AGENCIES_SHOWN
    assert f"{40 - TASK_AGENCIES_SHOWN} cơ quan khác" in html


def test_a_task_with_few_agencies_lists_them_all(client, db):
    directive = build_directive(groups=1, tasks_per_group=1, agencies_per_task=TASK_AGENCIES_SHOWN)
    client.force_login(UserFactory())
    html = client.get(reverse("tasks:directive_detail", args=[directive.pk])).content.decode()
    for assignment in Assignment.objects.filter(task__group__directive=directive).select_related("agency"):
        assert assignment.agency.display_name in html
    assert "cơ quan khác" not in html


def test_groups_are_paged_by_tasks():
    class Group:
        def __init__(self, task_count):
            self.task_count = task_count

    pages = chunk_groups([Group(n) for n in (11, 11, 11, 11, 50, 3)], tasks_per_page=40)
    sizes = [[group.task_count for group in page] for page in pages]
    assert sizes == [[11, 11, 11], [11], [50], [3]]
    assert chunk_groups([], tasks_per_page=40) == [[]]


@pytest.mark.django_db
def test_many_tasks_are_split_into_pages_for_the_same_queries(client):
    client.force_login(UserFactory())
    directive = build_directive(groups=5, tasks_per_group=12, agencies_per_task=2)
    url = reverse("tasks:directive_detail", args=[directive.pk])
    first = client.get(url).content.decode()
    assert 'id="group-1"' in first and 'id="group-3"' in first and 'id="group-4"' not in first
    assert "Trang 1/2" in first or "Trang 1 / 2" in first or "1/2" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert 'id="group-4"' in second and 'id="group-1"' not in second
    small = build_directive(groups=1, tasks_per_group=1, agencies_per_task=1)
    assert count_queries(client, small) == count_queries(client, directive)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["99", "0", "abc", "-1"])
def test_a_page_that_does_not_exist_shows_the_nearest_with_a_message(client, page):
    client.force_login(UserFactory())
    directive = build_directive(groups=5, tasks_per_group=12, agencies_per_task=1)
    response = client.get(reverse("tasks:directive_detail", args=[directive.pk]), {"page": page})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không có trang" in html
    assert 'id="group-' in html


@pytest.mark.django_db
@pytest.mark.parametrize(("group", "shown"), [("4", 'id="group-4"'), ("99", 'id="group-1"'), ("x", 'id="group-1"')])
def test_a_group_number_picks_its_page(client, group, shown):
    """The dashboard links a heatmap cell to ?group=N#group-N: the page holding that group, or the first."""
    client.force_login(UserFactory())
    directive = build_directive(groups=5, tasks_per_group=12, agencies_per_task=1)
    response = client.get(reverse("tasks:directive_detail", args=[directive.pk]), {"group": group})
    assert response.status_code == 200
    assert shown in response.content.decode()
    assert "Không có trang" not in response.content.decode()
