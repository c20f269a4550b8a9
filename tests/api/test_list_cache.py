"""The API's assignment lists are kept per page (api.list_cache) and never answer from before a write, nor with
another scope's rows: every write path to the tables they read changes the lists' version (tasks.list_version)."""

from datetime import time, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency
from tasks.list_version import list_cache, list_version, watch_writes, writes_watched_table
from tasks.models import Assignment, Task
from tests.conftest import travel_to
from tests.factories import AssignmentFactory
from tests.tasks.conftest import TODAY

WORK = "/api/v1/assignments/"


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Read on TODAY unless a test travels."""


def rows(client, url=WORK, **params):
    response = client.get(url, {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return {row["id"]: row for row in response.json()["results"]}


def queries_of(client, url=WORK, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        rows(client, url, **params)
    return len(queries)


def test_a_page_asked_again_is_answered_from_the_cache(api_as, world):
    staff = api_as("staff")
    first = rows(staff)
    computed = queries_of(staff, page_size=50)  # the token, the count, the page's ids, their rows
    assert rows(staff) == first
    assert queries_of(staff, page_size=50) == 1 < computed == 4  # the token alone


def test_a_progress_update_through_the_api_shows_on_the_next_read(api_as, world):
    staff = api_as("staff")
    assert rows(staff)[world.assignment.pk]["percent"] == 0
    made = staff.post(f"{WORK}{world.assignment.pk}/updates/", {"percent": "60", "results": "Đã làm"})
    assert made.status_code == 201, made.content
    assert rows(staff)[world.assignment.pk]["percent"] == 60


@pytest.mark.parametrize(
    "write",
    [
        lambda world: Assignment.objects.filter(pk=world.assignment.pk).update(percent=35),
        lambda world: Task.objects.filter(pk=world.assignment.task_id).update(text="Văn bản mới của nhiệm vụ"),
        lambda world: Agency.objects.filter(pk=world.agency.pk).update(name="Sở Nội vụ (mới)"),
        lambda world: connection.cursor().execute(
            "UPDATE tasks_assignment SET percent = 35 WHERE id = %s", [world.assignment.pk]
        ),
    ],
    ids=["queryset-update", "task-text", "agency-name", "raw-sql"],
)
def test_writes_that_send_no_signal_still_change_the_page(api_as, world, write):
    staff = api_as("staff")
    before = rows(staff)[world.assignment.pk]
    write(world)
    after = rows(staff)[world.assignment.pk]
    assert after != before
    assert {after["percent"], after["task"]["text"], after["agency"]["name"]} & {
        35,
        "Văn bản mới của nhiệm vụ",
        "Sở Nội vụ (mới)",
    }


def test_each_scope_has_its_own_pages(api_as, world):
    staff, other, leader = api_as("staff"), api_as("other_staff"), api_as("leader")
    mine, theirs, everyone = rows(staff), rows(other), rows(leader)
    assert world.assignment.pk in mine
    assert world.assignment.pk not in theirs
    assert set(mine) | set(theirs) <= set(everyone)
    assert rows(other) == theirs  # the same address, another agency: never the first agency's page


def test_the_directive_list_checks_access_before_the_cache(api_as, world):
    url = f"/api/v1/directives/{world.directive.pk}/assignments/"
    assert world.assignment.pk in rows(api_as("coordinator"), url)
    refused = api_as("staff").get(url, {"page_size": 100})
    assert refused.status_code in (403, 404)


def test_a_new_day_computes_timeliness_again(api_as, world):
    """Across midnight, well within a kept page's lifetime: the day is part of its key."""
    deadline = TODAY + timedelta(days=1)
    Assignment.objects.filter(pk=world.assignment.pk).update(deadline=deadline)
    staff = api_as("staff")
    with travel_to(deadline, time(23, 59, 30)):
        assert rows(staff)[world.assignment.pk]["timeliness"] == "due_soon"
    with travel_to(deadline + timedelta(days=1), time(0, 0, 30)):
        assert rows(staff)[world.assignment.pk]["timeliness"] == "overdue"


@pytest.mark.django_db(transaction=True)
def test_a_write_in_a_transaction_changes_the_version_again_on_commit(monkeypatch):
    from tasks import list_version as module

    assignment = AssignmentFactory()
    bumps = []
    real = module.bump_list_version
    monkeypatch.setattr(module, "bump_list_version", lambda: (bumps.append(1), real()))
    with transaction.atomic():
        before = list_version()
        Assignment.objects.filter(pk=assignment.pk).update(percent=5)
        during = list_version()
        Assignment.objects.filter(pk=assignment.pk).update(percent=6)
        last_inside = list_version()
        assert len(bumps) == 2  # after each statement
    assert before != during != last_inside != list_version()  # and once more after the commit
    assert len(bumps) == 3


def test_only_writes_to_the_lists_tables_change_the_version():
    assert writes_watched_table('UPDATE "tasks_assignment" SET "percent" = 1')
    assert writes_watched_table("insert into directives_taskgroup (number) values (1)")
    assert writes_watched_table('DELETE FROM "agencies_agency" WHERE id = 3')
    assert not writes_watched_table('SELECT "tasks_assignment"."id" FROM "tasks_assignment"')
    assert not writes_watched_table('INSERT INTO "tasks_historicalassignment" ("id") VALUES (1)')
    assert not writes_watched_table('UPDATE "api_apitoken" SET "last_used_at" = now()')
    assert watch_writes in connection.execute_wrappers


def test_a_cache_fault_computes_the_page_and_a_write_still_succeeds(api_as, world, monkeypatch):
    staff = api_as("staff")
    rows(staff)

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    store = list_cache()  # this thread's, as the request's
    for method in ("get", "set", "add"):
        monkeypatch.setattr(store, method, broken)
    Assignment.objects.filter(pk=world.assignment.pk).update(percent=70)
    assert rows(staff)[world.assignment.pk]["percent"] == 70
