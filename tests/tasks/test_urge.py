"""The coordinator's urge page (/assignments/<id>/urge/): who may open it, what it sends."""

import pytest
from django.core import mail
from django.urls import reverse

from agencies.models import Notification, User
from tasks.models import Assignment
from tests.factories import UserFactory


def urge_url(world) -> str:
    return reverse("tasks:assignment_urge", args=[world.assignment.pk])


def test_anonymous_is_sent_to_login(client, reminder_world):
    response = client.get(urge_url(reminder_world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("who", "answer"), [("staff", 403), ("manager", 403), ("other", 404)])
def test_only_the_coordinating_agency_may_urge(client, reminder_world, who, answer):
    """The assigned agency may not urge itself (403); a user who may not see the assignment learns nothing (404)."""
    client.force_login(getattr(reminder_world, who))
    assert client.get(urge_url(reminder_world)).status_code == answer
    assert client.post(urge_url(reminder_world), {"message": "x"}).status_code == answer
    assert not Notification.objects.exists()


@pytest.mark.parametrize("role", [User.Role.LEADER, User.Role.ADMIN])
def test_leaders_and_admins_outside_the_coordinating_agency_may_not_urge(client, reminder_world, role):
    client.force_login(UserFactory(role=role))
    assert client.get(urge_url(reminder_world)).status_code == 403


def test_missing_assignment_is_404(client, reminder_world):
    client.force_login(reminder_world.coordinator)
    assert client.get(reverse("tasks:assignment_urge", args=[999999])).status_code == 404


def test_form_shows_the_assignment(client, reminder_world):
    client.force_login(reminder_world.coordinator)
    response = client.get(urge_url(reminder_world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đôn đốc Sở Nội vụ thực hiện nhiệm vụ 5.2" in html
    assert "Xây dựng khu vực phòng thủ tỉnh." in html
    assert "15/12/2026" in html
    assert 'for="id_message"' in html


@pytest.mark.django_db(transaction=True)
def test_urge_notifies_and_emails_the_agency_at_once(client, reminder_world):
    client.force_login(reminder_world.coordinator_staff)
    response = client.post(urge_url(reminder_world), {"message": "Đề nghị báo cáo kết quả trước ngày 10/12."})
    directive_url = reminder_world.directive.get_absolute_url()
    assert response.status_code == 302
    assert response["Location"] == f"{directive_url}#group-5"
    notices = Notification.objects.filter(kind=Notification.Kind.URGE)
    assert set(notices.values_list("user__username", flat=True)) == {"cv.snv", "ql.snv"}
    notice = notices.get(user=reminder_world.staff)
    assert notice.title == "Đôn đốc: nhiệm vụ 5.2 của Kết luận 249-KL/TU"
    assert notice.body.startswith("Đề nghị báo cáo kết quả trước ngày 10/12.")
    assert "Hạn: 15/12/2026" in notice.body
    assert notice.emailed_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == ["cv.snv@dondoc.test", "ql.snv@dondoc.test"]
    assert mail.outbox[0].subject == "[Đôn đốc] Đôn đốc: nhiệm vụ 5.2 của Kết luận 249-KL/TU"
    page = client.get(response["Location"])
    assert "Đã gửi nội dung đôn đốc tới 2 người dùng của Sở Nội vụ." in page.content.decode()


def test_empty_message_keeps_the_form_with_an_error(client, reminder_world):
    client.force_login(reminder_world.coordinator)
    response = client.post(urge_url(reminder_world), {"message": "   "})
    assert response.status_code == 200
    assert "Vui lòng nhập nội dung đôn đốc gửi đơn vị." in response.content.decode()
    assert not Notification.objects.exists()


def test_too_long_message_is_refused_and_kept(client, reminder_world):
    client.force_login(reminder_world.coordinator)
    text = "Đề nghị " * 200
    response = client.post(urge_url(reminder_world), {"message": text})
    assert response.status_code == 200
    assert "1000" in response.content.decode() or "1.000" in response.content.decode()
    assert "Đề nghị Đề nghị" in response.content.decode()


def test_closed_assignment_cannot_be_urged(client, reminder_world):
    Assignment.objects.filter(pk=reminder_world.assignment.pk).update(status=Assignment.Status.DONE)
    client.force_login(reminder_world.coordinator)
    response = client.post(urge_url(reminder_world), {"message": "Khẩn trương"})
    assert response.status_code == 200
    assert "Chỉ đôn đốc được nhiệm vụ chưa thực hiện hoặc đang thực hiện." in response.content.decode()
    assert not Notification.objects.exists()


def test_agency_without_active_users_is_explained(client, reminder_world):
    User.objects.filter(agency=reminder_world.agency).update(is_active=False)
    client.force_login(reminder_world.coordinator)
    response = client.post(urge_url(reminder_world), {"message": "Khẩn trương"})
    assert "Đơn vị này chưa có tài khoản đang hoạt động" in response.content.decode()


def test_directive_page_links_to_urge_for_coordinators_only(client, reminder_world):
    link = f'href="{urge_url(reminder_world)}"'
    client.force_login(reminder_world.coordinator)
    assert link in client.get(reminder_world.directive.get_absolute_url()).content.decode()
    client.force_login(reminder_world.staff)
    assert link not in client.get(reminder_world.directive.get_absolute_url()).content.decode()
    Assignment.objects.filter(pk=reminder_world.assignment.pk).update(status=Assignment.Status.DONE)
    client.force_login(reminder_world.coordinator)
    assert link not in client.get(reminder_world.directive.get_absolute_url()).content.decode()


# --- The "Đôn đốc" button on the assignment page ----------------------------------------------------------


def assignment_page(client, world, user) -> str:
    client.force_login(user)
    response = client.get(reverse("tasks:assignment_detail", args=[world.assignment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_coordinator_urges_from_the_assignment_page(client, reminder_world):
    html = assignment_page(client, reminder_world, reminder_world.coordinator_staff)
    assert f'href="{urge_url(reminder_world)}"' in html
    assert 'Đôn đốc<span class="visually-hidden"> Sở Nội vụ</span>' in html


@pytest.mark.parametrize("who", ["staff", "manager"])
def test_the_assigned_agency_sees_no_urge_button(client, reminder_world, who):
    assert urge_url(reminder_world) not in assignment_page(client, reminder_world, getattr(reminder_world, who))


@pytest.mark.parametrize("role", [User.Role.LEADER, User.Role.ADMIN])
def test_leaders_and_admins_see_no_urge_button(client, reminder_world, role):
    # They may see every assignment, but urging is the coordinating agency's job.
    assert urge_url(reminder_world) not in assignment_page(client, reminder_world, UserFactory(role=role))


@pytest.mark.parametrize(
    "status",
    [Assignment.Status.AWAITING_CONFIRMATION, Assignment.Status.DONE, Assignment.Status.PAUSED],
)
def test_no_urge_button_on_work_that_is_not_open(client, reminder_world, status):
    Assignment.objects.filter(pk=reminder_world.assignment.pk).update(status=status)
    assert urge_url(reminder_world) not in assignment_page(client, reminder_world, reminder_world.coordinator)


def test_one_urge_per_assignment_per_day_saying_when_and_by_whom(client, reminder_world):
    """A second urge the same day is refused in Vietnamese, naming who urged; the next day it goes through."""
    from datetime import date, time

    from tasks.models import Urge
    from tests.conftest import travel_to

    coordinator = reminder_world.coordinator
    client.force_login(coordinator)
    with travel_to(date(2026, 12, 10), time(9, 15)):
        first = client.post(urge_url(reminder_world), {"message": "Đề nghị báo cáo ngay."})
        assert first.status_code == 302
        sent = Notification.objects.filter(kind=Notification.Kind.URGE).count()
        again = client.post(urge_url(reminder_world), {"message": "Nhắc lại lần nữa."})
        assert again.status_code == 200
        html = again.content.decode()
        assert "đã được đôn đốc hôm nay" in html
        assert coordinator.get_full_name() in html
        assert "Nhắc lại lần nữa." in html  # what was typed is kept
        assert Notification.objects.filter(kind=Notification.Kind.URGE).count() == sent
        page = assignment_page(client, reminder_world, coordinator)
        assert "09:15 10/12/2026" in page and coordinator.get_full_name() in page
    with travel_to(date(2026, 12, 11), time(8, 0)):
        assert client.post(urge_url(reminder_world), {"message": "Hôm nay."}).status_code == 302
    assert Urge.objects.filter(assignment=reminder_world.assignment).count() == 2
