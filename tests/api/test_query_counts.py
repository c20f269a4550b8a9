"""Every list endpoint costs the same number of queries with 10 rows as with 1,000 (and the same when filtered)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tasks.list_version import bump_list_version
from tasks.models import Assignment, ProgressUpdate
from tests.factories import AgencyFactory
from tests.tasks.helpers import WORK_FILTERS, add_assignments


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every list here is read on TODAY."""


def warm(client):
    """The token's first use writes last_used_at (then at most once a minute): not part of a list's cost."""
    client.get("/api/v1/tokens/")
    return client


def count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {**(params or {}), "page_size": 100})
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("params", [{}, WORK_FILTERS], ids=["plain", "filtered"])
def test_the_work_list_costs_the_same_at_10_and_1000(api_as, world, params, django_assert_num_queries):
    client = warm(api_as("staff"))
    add_assignments(world.agency, world.directive, 9)
    small = count(client, "/api/v1/assignments/", params)
    add_assignments(world.agency, world.directive, 990)
    assert Assignment.objects.filter(agency=world.agency).count() == 1000
    assert count(client, "/api/v1/assignments/", params) == small
    # Computed: the token with its user and agency, the count, the page's ids, their rows (api.views.assignments)
    bump_list_version()
    with django_assert_num_queries(4):
        client.get("/api/v1/assignments/", {**params, "page_size": 100})
    # The same page again with nothing written since: the token alone (api.list_cache)
    with django_assert_num_queries(1):
        client.get("/api/v1/assignments/", {**params, "page_size": 100})


def test_a_directives_list_costs_the_same_at_10_and_1000(api_as, world, django_assert_num_queries):
    client = warm(api_as("coordinator"))
    url = f"/api/v1/directives/{world.directive.pk}/assignments/"
    group = add_assignments(world.agency, world.directive, 8)
    params = {"agency": world.agency.pk, "group": group.pk, "status": "in_progress"}
    small = count(client, url, params)
    for _ in range(3):
        add_assignments(AgencyFactory(), world.directive, 330)
    assert count(client, url, params) == small
    # Computed: the token, the directive, the chosen agency and group, the count, the page's ids, their rows
    bump_list_version()
    with django_assert_num_queries(7):
        client.get(url, {**params, "page_size": 100})
    # Again with nothing written since: the token and the directive, for the access check that every request runs
    with django_assert_num_queries(2):
        client.get(url, {**params, "page_size": 100})


def test_the_updates_and_directives_lists_cost_the_same_at_any_size(api_as, world, django_assert_num_queries):
    client = warm(api_as("staff"))
    url = f"/api/v1/assignments/{world.assignment.pk}/updates/"

    def add(n):
        ProgressUpdate.objects.bulk_create(
            ProgressUpdate(assignment=world.assignment, author=world.users["staff"], percent=i % 100, results="x")
            for i in range(n)
        )

    add(5)
    small_updates, small_directives = count(client, url), count(client, "/api/v1/directives/")
    add(500)
    assert count(client, url) == small_updates
    assert count(client, "/api/v1/directives/") == small_directives
    # the token, the assignment (the policy needs no more for its own agency), the count, the rows, their evidence
    assert small_updates == 5
    with django_assert_num_queries(5):
        client.get(url, {"page_size": 100})
