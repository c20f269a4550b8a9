"""The work lists through HTTP: /work/ and a directive's assignments, their filters, counts and fixed query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tasks.models import Assignment, Task
from tests.factories import AgencyFactory, UserFactory

from .conftest import TODAY
from .helpers import WORK_FILTERS, add_assignments


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every page here is read on TODAY."""


# --- Lists ---


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, WORK_FILTERS], ids=["plain", "filtered"])
def test_work_list_costs_the_same_at_10_and_1000_assignments(client, world, params, django_assert_num_queries):
    client.force_login(world.users["staff"])
    add_assignments(world.agency, world.directive, 9)
    small = count_queries(client, reverse("tasks:work"), params)
    add_assignments(world.agency, world.directive, 990)
    assert Assignment.objects.filter(agency=world.agency).count() == 1000
    large = count_queries(client, reverse("tasks:work"), params)
    assert small == large
    # session, user, the user's agency (menu), unread notifications (menu), the inbox's counts and periods (menu),
    # coordinated directives, counts, page count, the page's ids, their rows, directive choices, group choices
    with django_assert_num_queries(13):
        client.get(reverse("tasks:work"), params)


@pytest.mark.parametrize("filtered", [False, True], ids=["plain", "filtered"])
def test_coordinator_list_costs_the_same_at_10_and_1000_assignments(client, world, filtered, django_assert_num_queries):
    client.force_login(world.users["coordinator"])
    url = reverse("tasks:directive_assignments", args=[world.directive.pk])
    group = add_assignments(world.agency, world.directive, 8)
    params = {**WORK_FILTERS, "agency": world.agency.pk, "group": group.pk} if filtered else {}
    small = count_queries(client, url, params)
    for _ in range(3):
        add_assignments(AgencyFactory(), world.directive, 330)
    assert Assignment.objects.filter(task__group__directive=world.directive).count() == 1000
    large = count_queries(client, url, params)
    assert small == large
    # session, user, agency (menu), unread notifications (menu), the inbox's counts and periods (menu), directive,
    # counts, page count, the page's ids, their rows, directive/group/agency choices, and one lookup for each chosen
    # agency and group
    with django_assert_num_queries(16 if filtered else 14):
        response = client.get(url, params)
    assert response.context["page_obj"].object_list


def test_work_list_orders_overdue_then_due_soon_then_the_rest(client, world):
    agency = world.agency
    for offset, number in ((30, 2), (-2, 3), (1, 4)):
        task = Task.objects.create(group=world.assignment.task.group, number=number, text=f"Việc {number}")
        Assignment.objects.create(task=task, agency=agency, deadline=TODAY + timedelta(days=offset))
    client.force_login(world.users["staff"])
    rows = client.get(reverse("tasks:work")).context["page_obj"].object_list
    assert [row.timeliness_code for row in rows] == ["overdue", "due_soon", "within_deadline", "within_deadline"]
    assert rows[2].deadline < rows[3].deadline


def test_work_list_counts_and_filters(client, world):
    add_assignments(world.agency, world.directive, 30)
    client.force_login(world.users["staff"])
    response = client.get(reverse("tasks:work"))
    counts = dict(response.context["timeliness_counts"])
    assert sum(counts.values()) == 31 == response.context["page_obj"].paginator.count
    assert len(response.context["page_obj"].object_list) == 25
    overdue = client.get(reverse("tasks:work"), {"timeliness": "overdue"})
    assert overdue.context["page_obj"].paginator.count == counts["overdue"]
    # The counts ignore the chosen timeliness so every badge stays a way to switch.
    assert dict(overdue.context["timeliness_counts"]) == counts
    # Each badge keeps the other filters and drops the page: {% querystring %} builds it from the request.
    paged = client.get(reverse("tasks:work"), {"role": "lead", "page": "2"}).content.decode()
    assert 'href="?role=lead&amp;timeliness=overdue"' in paged
    searched = client.get(reverse("tasks:work"), {"q": "QUỐC PHÒNG SỐ 12"})
    assert [a.task.number for a in searched.context["page_obj"].object_list] == [12]
    lead = client.get(reverse("tasks:work"), {"role": "cooperating"})
    assert lead.context["page_obj"].paginator.count == 0
    assert "Không có nhiệm vụ nào phù hợp" in lead.content.decode()


def test_bad_filter_values_do_not_break_the_list(client, world):
    client.force_login(world.users["staff"])
    response = client.get(reverse("tasks:work"), {"status": "nonsense", "directive": "abc", "page": "999"})
    assert response.status_code == 200


def test_another_directives_choices_are_not_offered(client, world):
    client.force_login(world.users["staff"])
    form = client.get(reverse("tasks:work")).context["filter"].form
    assert list(form.fields["directive"].queryset) == [world.directive]


def test_empty_work_list_says_what_to_do(client, db):
    client.force_login(UserFactory())
    html = client.get(reverse("tasks:work")).content.decode()
    assert "Chưa có nhiệm vụ nào được giao" in html
