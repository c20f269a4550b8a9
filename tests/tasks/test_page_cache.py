"""The main pages are kept per session (agencies.page_cache) and never answer from before a committed write, nor
with another session's page: every write but a session's changes the pages' version, from whatever path.

These tests commit (transactional_db): inside a test's transaction, every write is uncommitted, and a connection
with uncommitted writes neither reads nor keeps pages.
"""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from agencies import page_cache
from agencies.models import Notification
from tasks.models import Assignment
from tests.conftest import travel_to
from tests.tasks.conftest import TODAY
from tests.tasks.helpers import post

pytestmark = pytest.mark.usefixtures("transactional_db")
# The pages kept (issue 11's seven, and the home page) and who may open them in the world fixture.
PAGES = {
    "home": ("staff", lambda world: reverse("home")),
    "work": ("staff", lambda world: reverse("tasks:work")),
    "assignment": ("staff", lambda world: world.assignment.get_absolute_url()),
    "directive": ("coordinator", lambda world: reverse("tasks:directive_detail", args=[world.directive.pk])),
    "coordinator": ("coordinator", lambda world: reverse("tasks:directive_assignments", args=[world.directive.pk])),
    "dashboard": ("leader", lambda world: reverse("reports:dashboard")),
    "reports": ("coordinator", lambda world: reverse("reports:period_list")),
    "notifications": ("staff", lambda world: reverse("agencies:notification_list")),
}
REMINDER = Notification.Kind.REMINDER
# Once kept, a page costs the session and the user.
KEPT_QUERIES = 2


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Read on TODAY unless a test travels."""


def signed_in(world, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    client.get(reverse("home"))  # the first page sets the CSRF cookie; pages are kept from then on
    return client


def queries_of(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_a_page_asked_again_is_answered_from_the_cache(world, name):
    role, url_of = PAGES[name]
    client, url = signed_in(world, role), url_of(world)
    computed, first = queries_of(client, url)
    kept, again = queries_of(client, url)
    assert again == first
    assert kept == KEPT_QUERIES < computed


def test_a_progress_update_shows_on_the_next_read_of_every_page(world):
    client = signed_in(world, "staff")
    pages = {name: url_of(world) for name, (role, url_of) in PAGES.items() if role == "staff"}
    before = {name: client.get(url).content.decode() for name, url in pages.items()}
    assert post(client, world.assignment, "update", percent=60, results="Đã tổ chức diễn tập").status_code == 302
    saved = gettext("Progress update saved.")
    assert saved in client.get(world.assignment.get_absolute_url()).content.decode()  # shown once, not kept
    after = client.get(world.assignment.get_absolute_url()).content.decode()
    assert "Đã tổ chức diễn tập" in after and "Đã tổ chức diễn tập" not in before["assignment"]
    assert saved not in after
    assert client.get(pages["work"]).content.decode() != before["work"]


@pytest.mark.parametrize(
    "write",
    [
        lambda world: Assignment.objects.filter(pk=world.assignment.pk).update(percent=35),
        lambda world: connection.cursor().execute(
            "UPDATE tasks_assignment SET percent = 35 WHERE id = %s", [world.assignment.pk]
        ),
        lambda world: Notification.objects.create(user=world.users["staff"], kind=REMINDER, title="Nhắc việc mới"),
        lambda world: Notification.objects.bulk_create(
            [Notification(user=world.users["staff"], kind=REMINDER, title="Nhắc")]
        ),
    ],
    ids=["queryset update", "raw SQL", "a notice", "bulk insert"],
)
def test_every_write_path_gives_a_new_page(world, write):
    client = signed_in(world, "staff")
    url = world.assignment.get_absolute_url()
    queries_of(client, url)
    assert queries_of(client, url)[0] == KEPT_QUERIES
    write(world)
    assert queries_of(client, url)[0] > KEPT_QUERIES


def test_a_session_write_keeps_the_pages():
    assert not page_cache.changes_pages('UPDATE "django_session" SET "session_data" = %s WHERE 1')
    assert not page_cache.changes_pages(' INSERT INTO "django_session" ("session_key") VALUES (%s)')
    assert page_cache.changes_pages('UPDATE "django_session_x" SET a = 1')
    assert page_cache.changes_pages('INSERT INTO "agencies_notification" ("message") VALUES (%s)')
    assert not page_cache.changes_pages('SELECT * FROM "tasks_assignment" FOR UPDATE')


def test_a_transaction_changes_the_version_on_commit_only(world):
    before = page_cache.page_version()
    with transaction.atomic():
        Assignment.objects.filter(pk=world.assignment.pk).update(percent=35)
        Assignment.objects.filter(pk=world.assignment.pk).update(percent=36)
        assert page_cache.page_version() == before  # others may not see this yet
        assert page_cache.uncommitted_writes(connection)
    assert page_cache.page_version() != before
    rolled_back = page_cache.page_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Assignment.objects.filter(pk=world.assignment.pk).update(percent=99)
        raise RuntimeError
    assert page_cache.page_version() == rolled_back


def test_a_request_with_uncommitted_writes_computes_and_keeps_nothing(world):
    client = signed_in(world, "staff")
    url = world.assignment.get_absolute_url()
    _, before = queries_of(client, url)
    with transaction.atomic():
        Assignment.objects.filter(pk=world.assignment.pk).update(percent=35)
        inside, page = queries_of(client, url)
        assert inside > KEPT_QUERIES and "35%" in page
        again, page = queries_of(client, url)
        assert again == inside and "35%" in page
        transaction.set_rollback(True)
    # Rolled back: nothing changed, and the page kept before is still the right one.
    assert queries_of(client, url) == (KEPT_QUERIES, before)


def test_a_page_is_never_given_to_another_session(world):
    staff, other = signed_in(world, "staff"), signed_in(world, "other_staff")
    url = reverse("tasks:work")
    for _ in range(2):
        mine, theirs = staff.get(url).content.decode(), other.get(url).content.decode()
        assert world.users["staff"].get_full_name() in mine
        assert world.users["other_staff"].get_full_name() in theirs
        assert world.users["staff"].get_full_name() not in theirs
    # The same user in a second browser gets a page of its own, whose forms carry that browser's CSRF token.
    second = Client(enforce_csrf_checks=True)
    second.force_login(world.users["staff"])
    second.get(reverse("home"))
    queries_of(second, world.assignment.get_absolute_url())
    kept, page = queries_of(second, world.assignment.get_absolute_url())
    assert kept == KEPT_QUERIES
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    data = {
        "update-version": world.refresh().version,
        "update-percent": 20,
        "update-results": "Đã làm",
        "update-confirmed": "1",
    }
    answer = second.post(
        reverse("tasks:assignment_update", args=[world.assignment.pk]), {**data, "csrfmiddlewaretoken": token}
    )
    assert answer.status_code == 302, answer.content.decode()


def test_a_new_day_or_another_language_gives_a_new_page(world):
    client = signed_in(world, "staff")
    url = reverse("tasks:work")
    queries_of(client, url)
    assert queries_of(client, url)[0] == KEPT_QUERIES
    with travel_to(TODAY + timedelta(days=1)):
        assert queries_of(client, url)[0] > KEPT_QUERIES
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "Work of my agency" in english


def test_a_page_with_a_message_is_not_kept(world):
    client = signed_in(world, "staff")
    url = reverse("tasks:work")
    past_the_end, page = queries_of(client, url + "?page=99")
    assert "99" in page
    assert queries_of(client, url + "?page=99")[0] == past_the_end  # its notice is computed each time


def test_a_broken_cache_computes_the_page(world, monkeypatch, caplog):
    client = signed_in(world, "staff")
    url = reverse("tasks:work")
    first = client.get(url).content

    class Broken:
        def __getattr__(self, name):
            raise ConnectionError("Redis is down")

    monkeypatch.setattr(page_cache, "page_cache", lambda: Broken())
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.split(b"csrfmiddlewaretoken")[0] == first.split(b"csrfmiddlewaretoken")[0]
    assert "pages cache unavailable" in caplog.text
    Assignment.objects.filter(pk=world.assignment.pk).update(percent=35)  # the write is not failed either
