"""The notification list, marking as read, the unread count in the navbar and the settings page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Notification
from tests.factories import UserFactory


def notify(user, count: int, **fields) -> list[Notification]:
    return Notification.objects.bulk_create(
        Notification(
            user=user, kind=Notification.Kind.REMINDER, title=f"Nhắc việc số {index}", url="/search/", **fields
        )
        for index in range(count)
    )


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    for name in ("agencies:notification_list", "agencies:notification_settings"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_list_shows_own_notifications_and_unread_count(client):
    user = UserFactory()
    notify(user, 3)
    notify(UserFactory(), 2)
    client.force_login(user)
    html = client.get(reverse("agencies:notification_list")).content.decode()
    assert html.count("Nhắc việc số") == 3
    assert '<span class="badge rounded-pill text-bg-warning">3<span class="visually-hidden"> chưa đọc' in html


@pytest.mark.django_db
def test_empty_state_says_what_will_appear(client):
    client.force_login(UserFactory())
    html = client.get(reverse("agencies:notification_list")).content.decode()
    assert "Chưa có thông báo." in html


@pytest.mark.django_db
def test_mark_one_read_and_open(client):
    user = UserFactory()
    first, second = notify(user, 2)
    client.force_login(user)
    response = client.post(reverse("agencies:notification_read", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    response = client.post(reverse("agencies:notification_read", args=[second.pk]), {"open": "1"})
    assert response["Location"] == "/search/"
    second.refresh_from_db()
    assert second.read_at is not None


@pytest.mark.django_db
def test_cannot_mark_another_users_notification(client):
    other = notify(UserFactory(), 1)[0]
    client.force_login(UserFactory())
    assert client.post(reverse("agencies:notification_read", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


@pytest.mark.django_db
def test_marking_needs_post(client):
    user = UserFactory()
    notice = notify(user, 1)[0]
    client.force_login(user)
    assert client.get(reverse("agencies:notification_read", args=[notice.pk])).status_code == 405
    assert client.get(reverse("agencies:notification_read_all")).status_code == 405


@pytest.mark.django_db
def test_external_next_is_ignored(client):
    user = UserFactory()
    notice = notify(user, 1)[0]
    client.force_login(user)
    response = client.post(reverse("agencies:notification_read", args=[notice.pk]), {"next": "https://evil.test/"})
    assert response["Location"] == reverse("agencies:notification_list")


@pytest.mark.django_db
def test_mark_all_read_and_unread_filter(client):
    user = UserFactory()
    notify(user, 4)
    client.force_login(user)
    response = client.post(reverse("agencies:notification_read_all"), follow=True)
    assert "Đã đánh dấu 4 thông báo là đã đọc." in response.content.decode()
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    html = client.get(reverse("agencies:notification_list") + "?unread=1").content.decode()
    assert "Đồng chí đã đọc hết thông báo." in html


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_list_query_count_is_pinned_and_does_not_grow(client, django_assert_max_num_queries):
    user = UserFactory()
    client.force_login(user)
    notify(user, 10)
    few = count_queries(client, reverse("agencies:notification_list"))
    notify(user, 200)
    assert count_queries(client, reverse("agencies:notification_list")) == few
    assert count_queries(client, reverse("agencies:notification_list") + "?page=3") == few
    # session + user + agency (navbar) + unread count + the inbox's counts and periods (menu) + page count + page
    with django_assert_max_num_queries(8):
        client.get(reverse("agencies:notification_list"))


@pytest.mark.django_db
def test_unread_count_costs_one_query_per_page(client):
    user = UserFactory()
    notify(user, 5)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("agencies:notification_list"))
    counts = [query for query in queries.captured_queries if "COUNT(*)" in query["sql"] and "read_at" in query["sql"]]
    assert len(counts) == 1


@pytest.mark.django_db
def test_settings_turn_the_digest_off_and_on(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("agencies:notification_settings")).content.decode()
    assert "Gửi cho tôi thư điện tử tổng hợp nhắc việc hằng ngày" in page
    assert "checked" in page
    response = client.post(reverse("agencies:notification_settings"), {}, follow=True)
    assert "Đã lưu cài đặt thông báo." in response.content.decode()
    user.refresh_from_db()
    assert user.receives_daily_digest is False
    client.post(reverse("agencies:notification_settings"), {"receives_daily_digest": "on"})
    user.refresh_from_db()
    assert user.receives_daily_digest is True
