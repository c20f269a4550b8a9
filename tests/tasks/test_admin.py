"""The admin, in Vietnamese: bulk assignment without duplicates, and clear errors that save nothing."""

from datetime import date

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from agencies.models import Agency
from tasks.models import Assignment, Task
from tests.factories import AgencyFactory, TaskFactory, UserFactory


@pytest.fixture
def admin_client(client, demo_user):
    client.force_login(demo_user("admin"))
    return client


def bulk_assign(client, tasks, **data):
    payload = {
        "action": "assign_to_agencies",
        ACTION_CHECKBOX_NAME: [task.pk for task in tasks],
        "apply": "1",
        "role": "lead",
        "use_task_deadline": "on",
        **data,
    }
    return client.post(reverse("admin:tasks_task_changelist"), payload, follow=True)


def test_admin_index_is_vietnamese(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Văn bản chỉ đạo" in html
    assert "Nhiệm vụ và phân công" in html


def test_bulk_assignment_to_every_district_twice_creates_no_duplicates(admin_client, seeded):
    task = TaskFactory(group__directive__number="99-KL/TU")
    first = bulk_assign(admin_client, [task], agency_kinds=["district"])
    districts = Agency.objects.filter(kind=Agency.Kind.DISTRICT).count()
    assert first.status_code == 200
    assert f"Đã tạo {districts} phân công, 0 phân công đã có từ trước." in first.content.decode()
    second = bulk_assign(
        admin_client, [task], agency_kinds=["district"], agencies=[Agency.objects.get(code="so-noi-vu").pk]
    )
    assert f"Đã tạo 1 phân công, {districts} phân công đã có từ trước." in second.content.decode()
    assert Assignment.objects.filter(task=task).count() == districts + 1


def test_bulk_assignment_form_shows_for_selected_tasks(admin_client, seeded):
    tasks = list(Task.objects.filter(group__number=1))
    response = admin_client.post(
        reverse("admin:tasks_task_changelist"),
        {"action": "assign_to_agencies", ACTION_CHECKBOX_NAME: [task.pk for task in tasks]},
    )
    assert response.status_code == 200
    assert "Phân công nhiệm vụ cho đơn vị" in response.content.decode()


def test_bulk_assignment_needs_an_agency(admin_client, seeded):
    task = TaskFactory()
    response = bulk_assign(admin_client, [task])
    assert "Vui lòng chọn ít nhất một đơn vị hoặc một loại đơn vị." in response.content.decode()
    assert not Assignment.objects.filter(task=task).exists()


def test_bulk_assignment_with_deadline_before_directive_saves_nothing(admin_client, seeded):
    task = TaskFactory(group__directive__issued_on=date(2019, 9, 17))
    response = bulk_assign(admin_client, [task], agency_kinds=["district"], use_task_deadline="", deadline="01/01/2019")
    assert "Thời hạn không được trước ngày ban hành văn bản." in response.content.decode()
    assert not Assignment.objects.filter(task=task).exists()


def test_assignment_form_refuses_deadline_before_directive_date(admin_client, seeded):
    task = TaskFactory(group__directive__issued_on=date(2019, 9, 17))
    agency = AgencyFactory()
    response = admin_client.post(
        reverse("admin:tasks_assignment_add"),
        {
            "task": task.pk,
            "agency": agency.pk,
            "role": "lead",
            "deadline": "16/09/2019",
            "status": "not_started",
            "percent": 0,
        },
    )
    assert response.status_code == 200
    assert "Thời hạn không được trước ngày ban hành văn bản." in response.content.decode()
    assert not Assignment.objects.filter(task=task).exists()


def test_assignment_form_refuses_duplicate(admin_client, seeded):
    existing = Assignment.objects.select_related("task", "agency").first()
    response = admin_client.post(
        reverse("admin:tasks_assignment_add"),
        {
            "task": existing.task.pk,
            "agency": existing.agency.pk,
            "role": "cooperating",
            "status": "not_started",
            "percent": 0,
        },
    )
    assert response.status_code == 200
    assert "Đơn vị này đã được phân công nhiệm vụ này." in response.content.decode()
    assert Assignment.objects.filter(task=existing.task, agency=existing.agency).count() == 1


def test_task_form_requires_text_and_keeps_input(admin_client, seeded):
    task = Task.objects.first()
    response = admin_client.post(
        reverse("admin:tasks_task_add"),
        {
            "group": task.group.pk,
            "number": 99,
            "text": "",
            "deadline": "31/12/2026",
            "assignments-TOTAL_FORMS": 0,
            "assignments-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trường này là bắt buộc." in html
    assert "31/12/2026" in html
    assert not Task.objects.filter(group=task.group, number=99).exists()


def test_non_admin_cannot_open_admin(client, demo_user):
    client.force_login(demo_user("lanhdao"))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_admin_role_grants_admin_site():
    user = UserFactory(role="admin")
    assert user.is_staff
