"""One step to finish: the progress form's "Báo cáo hoàn thành" saves the last update at 100 % with its evidence and
declares the work done, through the workflow and the access policy; refused cleanly when the state says no."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tasks.models import Assignment, Evidence, ProgressUpdate
from tasks.timeliness import Status
from tasks.workflow import assignment_finish

from .conftest import TODAY, pdf_upload
from .helpers import confirmed


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every page here is read on TODAY."""


def finish(client, assignment, **fields):
    data = {"update-version": assignment.version, "update-percent": "40", "update-finish": "Báo cáo hoàn thành"}
    data.update({f"update-{key}": value for key, value in fields.items()})
    return client.post(reverse("tasks:assignment_update", args=[assignment.pk]), confirmed(data, "update"), follow=True)


def test_the_progress_form_offers_finishing_to_the_agency_only(client, world):
    client.force_login(world.users["staff"])
    html = client.get(world.assignment.get_absolute_url()).content.decode()
    assert re.search(r'name="update-finish"\s+value="Báo cáo hoàn thành"', html)
    assert 'id="finish-hint"' in html
    # Standing work is never declared done: the form has no such button.
    standing = world.sibling
    client.force_login(world.users["cooperating_staff"])
    html = client.get(standing.get_absolute_url()).content.decode()
    assert 'name="update-submit"' in html and 'name="update-finish"' not in html


def test_one_submit_records_the_last_update_with_evidence_and_declares_done(client, world):
    client.force_login(world.users["staff"])
    response = finish(client, world.assignment, results="Đã hoàn thành toàn bộ.", files=pdf_upload())
    assert response.status_code == 200
    assert "chờ cơ quan theo dõi xác nhận" in response.content.decode()
    assignment = world.refresh()
    assert (assignment.status, assignment.percent, assignment.completed_on) == (
        Status.AWAITING_CONFIRMATION,
        100,
        TODAY,
    )
    update = ProgressUpdate.objects.get()
    assert (update.percent, update.declares_done, update.results) == (100, True, "Đã hoàn thành toàn bộ.")
    assert Evidence.objects.get().update == update
    # The coordinator now has it to confirm.
    client.force_login(world.users["coordinator"])
    assert 'name="confirm-submit"' in client.get(assignment.get_absolute_url()).content.decode()


def test_finishing_needs_results_or_a_file_and_keeps_what_was_typed(client, world):
    client.force_login(world.users["staff"])
    response = finish(client, world.assignment, difficulties="")
    assert "Vui lòng nhập kết quả, khó khăn hoặc đề xuất" in response.content.decode()
    assert world.refresh().status == Status.NOT_STARTED
    assert not ProgressUpdate.objects.exists()


def test_finishing_work_already_declared_done_is_refused_with_the_reason(client, world):
    Assignment.objects.filter(pk=world.assignment.pk).update(status=Status.AWAITING_CONFIRMATION, completed_on=TODAY)
    client.force_login(world.users["staff"])
    response = finish(client, world.refresh(), results="Lần nữa")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chỉ nhiệm vụ chưa thực hiện hoặc đang thực hiện mới có thể báo cáo hoàn thành." in html
    assert not ProgressUpdate.objects.exists()


def test_the_service_refuses_standing_work_and_other_agencies(world):
    with pytest.raises(ValidationError) as refused:
        assignment_finish(
            assignment=world.sibling, user=world.users["cooperating_staff"], expected_version=None, results="x"
        )
    assert refused.value.code == "standing"
    with pytest.raises(ValidationError) as refused:
        assignment_finish(
            assignment=world.assignment, user=world.users["coordinator"], expected_version=None, results="x"
        )
    assert refused.value.code == "forbidden"
    assert not ProgressUpdate.objects.exists()


def test_a_stale_page_does_not_finish(client, world):
    client.force_login(world.users["staff"])
    version = world.assignment.version
    Assignment.objects.filter(pk=world.assignment.pk).update(version=version + 1)
    world.assignment.version = version
    response = finish(client, world.assignment, results="Xong")
    assert "đã được người khác thay đổi sau khi bạn mở trang" in response.content.decode()
    assert world.refresh().status == Status.NOT_STARTED
