"""The admin, in Vietnamese: bulk assignment without duplicates, and clear errors that save nothing."""

from datetime import date

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from agencies.models import Agency
from tasks.models import Assignment, Task
from tests.factories import AgencyFactory, TaskFactory, UserFactory


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


# --- State changes only through the workflow, with a reason; nothing with history is deleted. ---


def workflow_action(client, assignments, action, **data):
    payload = {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in assignments], "apply": "1", **data}
    return client.post(reverse("admin:tasks_assignment_changelist"), payload, follow=True)


def open_assignment() -> Assignment:
    return Assignment.objects.filter(status=Assignment.Status.NOT_STARTED, deadline__isnull=False).first()


def test_the_admin_pauses_and_cancels_only_with_a_reason_through_the_workflow(admin_client, seeded):
    assignment = open_assignment()
    version = assignment.version
    refused = workflow_action(admin_client, [assignment], "pause", reason="  ")
    assert "Vui lòng nêu lý do." in refused.content.decode()
    assignment.refresh_from_db()
    assert (assignment.status, assignment.version) == (Assignment.Status.NOT_STARTED, version)

    done = workflow_action(admin_client, [assignment], "pause", reason="Chờ hướng dẫn của Bộ")
    assert "Đã thay đổi 1 phân công." in done.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.PAUSED
    assert assignment.version == version + 1
    last = assignment.history.order_by("-history_id").first()
    assert last.history_change_reason == "Chờ hướng dẫn của Bộ"
    assert last.history_user.username == "admin"

    # The table still decides: done work cannot be cancelled, and the admin is told so.
    finished = Assignment.objects.filter(status=Assignment.Status.DONE).first()
    answer = workflow_action(admin_client, [finished], "cancel", reason="Nhầm").content.decode()
    assert "Không thể hủy nhiệm vụ đã hoàn thành hoặc đã bị hủy." in answer
    finished.refresh_from_db()
    assert finished.status == Assignment.Status.DONE


def test_the_admin_changes_a_deadline_only_with_a_reason(admin_client, seeded):
    assignment = open_assignment()
    new = assignment.deadline.replace(year=assignment.deadline.year + 1)
    missing = workflow_action(admin_client, [assignment], "change_deadline", deadline=f"{new:%d/%m/%Y}")
    assert "Vui lòng nêu lý do." in missing.content.decode()
    workflow_action(admin_client, [assignment], "change_deadline", deadline=f"{new:%d/%m/%Y}", reason="Sửa nhầm")
    assignment.refresh_from_db()
    assert assignment.deadline == new
    assert assignment.history.order_by("-history_id").first().history_change_reason == "Sửa nhầm"


def test_the_change_form_does_not_edit_state_percent_or_deadline(admin_client, seeded):
    assignment = open_assignment()
    url = reverse("admin:tasks_assignment_change", args=[assignment.pk])
    html = admin_client.get(url).content.decode()
    for field in ("status", "percent", "deadline", "completed_on"):
        assert f'name="{field}"' not in html
    admin_client.post(url, {"role": "cooperating", "status": "done", "percent": "100", "deadline": "01/01/2030"})
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.NOT_STARTED
    assert assignment.percent == 0
    assert assignment.role == Assignment.Role.COOPERATING
    assert assignment.history.order_by("-history_id").first().history_change_reason == "Sửa trong trang quản trị"


def test_nothing_with_history_is_deleted_from_the_admin(admin_client, seeded, seed_today):
    from reports.models import AgencyReport
    from reports.seed import seed_reports

    seed_reports(today=seed_today, demo=True)
    assignment = Assignment.objects.filter(updates__isnull=False).first()
    assert admin_client.get(reverse("admin:tasks_assignment_delete", args=[assignment.pk])).status_code == 403
    actions = admin_client.get(reverse("admin:tasks_assignment_changelist")).content.decode()
    assert 'value="delete_selected"' not in actions
    # Progress updates are not in the admin at all; agency reports are read-only there.
    assert admin_client.get("/admin/tasks/progressupdate/").status_code == 404
    report = AgencyReport.objects.first()
    assert admin_client.get(reverse("admin:reports_agencyreport_delete", args=[report.pk])).status_code == 403
    consolidated_admin = admin_client.get(reverse("admin:reports_consolidatedreport_changelist")).content.decode()
    assert 'value="delete_selected"' not in consolidated_admin
    # A task with assignments is protected: the admin says so instead of deleting them with it.
    task = assignment.task
    response = admin_client.post(reverse("admin:tasks_task_delete", args=[task.pk]), {"post": "yes"})
    assert response.status_code == 200
    assert Task.objects.filter(pk=task.pk).exists()
    assert Assignment.objects.filter(pk=assignment.pk).exists()
