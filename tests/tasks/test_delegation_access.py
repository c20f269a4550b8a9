"""Who sees what of a delegated share (the access matrix extended to sub-assignees), and the coordinator's tree with
its query counts fixed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tasks.policy import assignment_access
from tasks.workflow import Action, progress_update_create

from .conftest import TODAY
from .helpers import delegate


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every page here is read on TODAY."""


@pytest.fixture
def tree(two_communes):
    world = two_communes
    world.shares = delegate(world)
    return world


# Who opens which page: the commune's share, the district's (lead agency's) share, the cooperating sibling.
SEES = {
    # role: (the commune's share, the parent share, the sibling on the task)
    "unit_staff": (True, False, False),
    "unit_manager": (True, False, False),
    "staff": (True, True, True),
    "manager": (True, True, True),
    "coordinator": (True, True, True),
    "leader": (True, True, True),
    "admin": (True, True, True),
    "cooperating_staff": (False, True, True),
    "cooperating_manager": (False, True, True),
    "other_staff": (False, False, False),
}


@pytest.mark.parametrize("role", list(SEES))
def test_the_access_matrix_with_a_delegated_share(client, tree, role):
    client.force_login(tree.users[role])
    pages = (tree.shares[0], tree.assignment, tree.sibling)
    for assignment, expected in zip(pages, SEES[role], strict=True):
        status = client.get(assignment.get_absolute_url()).status_code
        assert status == (200 if expected else 404), f"{role} on {assignment}"


def test_the_commune_sees_its_share_and_the_task_and_nothing_else(client, tree):
    share, other_share = tree.shares
    progress_update_create(assignment=tree.sibling, author=tree.users["cooperating_staff"], percent=5, results="Bí")
    client.force_login(tree.users["unit_staff"])
    html = client.get(share.get_absolute_url()).content.decode()
    assert tree.assignment.task.text in html  # the task, read-only
    assert "Được giao từ" in html and tree.agency.name in html  # the work it came from, without a link
    assert tree.assignment.get_absolute_url() not in html
    assert tree.sibling.agency.display_name not in html  # not the other agencies on the task
    assert "Bí" not in html
    assert client.get(other_share.get_absolute_url()).status_code == 404  # nor the other commune's share
    listed = client.get(reverse("tasks:work")).context["page_obj"].object_list
    assert [a.pk for a in listed] == [share.pk]
    assert client.get(reverse("tasks:directive_assignments", args=[tree.directive.pk])).status_code == 403
    access = assignment_access(tree.users["unit_staff"], share)
    assert access.may(Action.REPORT)
    assert not access.may(Action.CONFIRM)


def test_the_district_manager_confirms_its_shares_and_its_staff_reads_them(tree):
    share = tree.shares[0]
    share.status = "awaiting_confirmation"
    share.completed_on = TODAY
    share.save()
    assert assignment_access(tree.users["manager"], share).page_actions == [Action.CONFIRM, Action.RETURN]
    staff = assignment_access(tree.users["staff"], share)
    assert staff.can_view
    assert staff.page_actions == []
    # A unit reading the task's other shares, not even its cooperating partner's reports.
    assert not assignment_access(tree.users["unit_staff"], tree.sibling).can_view


def test_the_coordinator_sees_the_tree_on_the_assignment_page_and_the_list(client, tree):
    client.force_login(tree.users["coordinator"])
    html = client.get(tree.assignment.get_absolute_url()).content.decode()
    assert 'id="shares"' in html
    assert html.count('class="share-row"') == 2
    for share in tree.shares:
        assert share.get_absolute_url() in html
        assert share.deadline.strftime("%d/%m/%Y") in html
    listing = client.get(reverse("tasks:directive_assignments", args=[tree.directive.pk])).content.decode()
    assert "đã giao cho 2 đơn vị cấp dưới" in listing
    assert listing.count("delegated-from") == 2
    # The directive page and the reports count the directive's own shares: the communes are not extra agencies.
    directive_page = client.get(tree.directive.get_absolute_url()).content.decode()
    assert tree.unit.name not in directive_page


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["coordinator", "manager", "unit_staff"])
def test_pages_showing_the_tree_cost_the_same_with_two_or_twelve_shares(client, tree, role, django_assert_num_queries):
    from tasks.models import Subordinate
    from tests.factories import AgencyFactory

    client.force_login(tree.users[role])
    pages = [tree.shares[0].get_absolute_url(), reverse("tasks:work")]
    if role != "unit_staff":
        pages = [tree.assignment.get_absolute_url(), reverse("tasks:work")]
    if role == "coordinator":
        pages.append(reverse("tasks:directive_assignments", args=[tree.directive.pk]))
    before = [count_queries(client, url) for url in pages]
    more = [AgencyFactory(name=f"UBND xã thứ {n} (thử)") for n in range(10)]
    for unit in more:
        Subordinate.objects.create(agency=tree.agency, unit=unit)
    delegate(tree, units=more)
    assert [count_queries(client, url) for url in pages] == before


def test_the_assignment_page_with_its_tree_is_pinned(client, tree, django_assert_num_queries):
    client.force_login(tree.users["coordinator"])
    # session, user, assignment, siblings, history, the shares, the siblings' latest update, the updates' count,
    # extension requests, last urge, and the menu's unread notifications, agency and the inbox's counts and periods
    with django_assert_num_queries(14):
        client.get(tree.assignment.get_absolute_url())
    # The manager, offered the "pass down" form, reads its units instead of the last urge.
    client.force_login(tree.users["manager"])
    with django_assert_num_queries(14):
        client.get(tree.assignment.get_absolute_url())
    # The commune's page shows the work it came from instead of the siblings (no query for them); the menu the same.
    client.force_login(tree.users["unit_staff"])
    with django_assert_num_queries(11):
        client.get(tree.shares[0].get_absolute_url())
