"""Nothing irreversible by accident: declare done (and the one-step finish), confirm, return, cancel, reopen and the
extension decision ask first. Without JavaScript the first valid post shows a confirmation step and changes
nothing; "Yes" posts it again with `confirmed` and acts; "No, go back" shows the form as typed. With JavaScript the
form carries what app.js needs to ask in a <dialog> (tests/e2e/test_confirm_dialog.py drives it)."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse

from tasks.models import Assignment, ExtensionRequest, ProgressUpdate
from tasks.timeliness import Status

from .conftest import TODAY
from .helpers import confirmed

# action: (who, the state it starts from, what is typed, the state after, the question's Vietnamese start)
CASES = {
    "done": (
        "staff", Status.IN_PROGRESS, {"note": "Đã hoàn thành"}, Status.AWAITING_CONFIRMATION,
        "Nhiệm vụ sẽ được báo cáo hoàn thành",
    ),
    "finish": (
        "staff", Status.IN_PROGRESS, {"percent": "60", "results": "Xong", "finish": "Báo cáo hoàn thành"},
        Status.AWAITING_CONFIRMATION, "Cập nhật sẽ được lưu với mức hoàn thành 100%",
    ),
    "confirm": ("coordinator", Status.AWAITING_CONFIRMATION, {}, Status.DONE, "Nhiệm vụ sẽ được xác nhận hoàn thành"),
    "return": (
        "coordinator", Status.AWAITING_CONFIRMATION, {"comment": "Bổ sung minh chứng"}, Status.IN_PROGRESS,
        "Nhiệm vụ sẽ được trả lại",
    ),
    "cancel": (
        "leader", Status.IN_PROGRESS, {"reason": "Lồng ghép nhiệm vụ khác"}, Status.CANCELLED,
        "Nhiệm vụ được giao sẽ bị hủy",
    ),
    "reopen": ("leader", Status.DONE, {"reason": "Kết quả chưa đạt"}, Status.IN_PROGRESS, "Phân công sẽ được mở lại"),
    "decide": (
        "leader", Status.IN_PROGRESS, {"decision": "approve", "note": "Đồng ý"}, Status.IN_PROGRESS,
        "Quyết định sẽ được ghi nhận",
    ),
}  # fmt: skip


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every page here is read on TODAY."""


def prepare(world, action):
    """The assignment in the action's starting state; the form's prefix, its URL and the extension request if any."""
    status = CASES[action][1]
    Assignment.objects.filter(pk=world.assignment.pk).update(
        status=status, completed_on=TODAY if status in (Status.AWAITING_CONFIRMATION, Status.DONE) else None
    )
    assignment = world.refresh()
    if action == "decide":
        request = ExtensionRequest.objects.create(
            assignment=assignment,
            requested_by=world.users["staff"],
            current_deadline=assignment.deadline,
            new_deadline=assignment.deadline + timedelta(days=15),
            reason="Cần thêm thời gian",
        )
        return f"decide-{request.pk}", reverse("tasks:extension_decide", args=[request.pk]), request
    slug = "update" if action == "finish" else action
    return slug, reverse(f"tasks:assignment_{slug}", args=[assignment.pk]), None


def form_data(world, action, prefix):
    data = {f"{prefix}-version": world.assignment.version}
    data.update({f"{prefix}-{key}": value for key, value in CASES[action][2].items()})
    return data


def snapshot(world):
    assignment = world.refresh()
    pending = ExtensionRequest.objects.filter(decision=ExtensionRequest.Decision.PENDING).count()
    return assignment.status, assignment.version, assignment.deadline, ProgressUpdate.objects.count(), pending


@pytest.mark.parametrize("action", list(CASES))
def test_a_post_without_confirmation_changes_nothing_and_asks(client, world, action):
    prefix, url, _request = prepare(world, action)
    client.force_login(world.users[CASES[action][0]])
    before = snapshot(world)
    response = client.post(url, form_data(world, action, prefix))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert snapshot(world) == before
    assert "Xác nhận thao tác" in page
    assert CASES[action][4] in page
    assert f'name="{prefix}-version" value="{world.assignment.version}"' in page  # the data, kept in hidden fields
    for key, value in CASES[action][2].items():
        assert f'name="{prefix}-{key}" value="{value}"' in page
    assert f'name="{prefix}-confirmed" value="1"' in page and ">Có, " in page
    assert f'name="{prefix}-back" value="1"' in page and "Không, quay lại" in page
    assert 'id="main"' in page or "<main" in page  # in the site's layout


@pytest.mark.parametrize("action", list(CASES))
def test_the_confirmed_post_acts(client, world, action):
    prefix, url, request = prepare(world, action)
    client.force_login(world.users[CASES[action][0]])
    response = client.post(url, confirmed(form_data(world, action, prefix), prefix))
    assert response.status_code == 302
    assert world.refresh().status == CASES[action][3]
    if request is not None:
        request.refresh_from_db()
        assert request.decision == ExtensionRequest.Decision.APPROVED
        assert world.assignment.deadline == request.new_deadline


@pytest.mark.parametrize("action", ["cancel", "decide"])
def test_going_back_shows_the_form_as_typed_and_changes_nothing(client, world, action):
    prefix, url, _request = prepare(world, action)
    client.force_login(world.users[CASES[action][0]])
    before = snapshot(world)
    response = client.post(url, {**form_data(world, action, prefix), f"{prefix}-back": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert snapshot(world) == before
    assert "Xác nhận thao tác" not in page
    typed = CASES[action][2]["reason" if action == "cancel" else "note"]
    assert typed in page


def test_a_plain_update_is_saved_at_once(client, world):
    client.force_login(world.users["staff"])
    data = {"update-version": world.assignment.version, "update-percent": "30", "update-results": "Đã làm"}
    response = client.post(reverse("tasks:assignment_update", args=[world.assignment.pk]), data)
    assert response.status_code == 302
    assert world.assignment.updates.filter(percent=30).exists()


def test_the_forms_carry_what_the_dialog_asks(client, world):
    client.force_login(world.users["staff"])
    page = html.unescape(client.get(world.assignment.get_absolute_url()).content.decode())
    assert 'data-confirm="Nhiệm vụ sẽ được báo cáo hoàn thành' in page
    assert 'data-confirm-yes="Có, báo cáo đã hoàn thành"' in page
    assert 'data-confirm-field="done-confirmed"' in page
    assert 'data-confirm-field="update-confirmed"' in page  # on the finish button only
    assert page.count("data-confirm-field=") == 2
    assert 'name="done-confirmed"' in page


def test_files_chosen_before_the_confirmation_step_are_asked_for_again(client, world):
    from tasks.models import Evidence

    from .conftest import pdf_upload

    client.force_login(world.users["staff"])
    prefix, url, _request = prepare(world, "finish")
    data = {**form_data(world, "finish", prefix), "update-files": pdf_upload("Biên bản.pdf")}
    response = client.post(url, data)
    page = response.content.decode()
    assert "Xác nhận thao tác" in page
    assert 'type="file" multiple name="update-files"' in page
    assert "vui lòng chọn lại tệp" in page
    assert not Evidence.objects.filter(original_name="Biên bản.pdf").exists()


# The "Yes" button takes the action's own colour: red only where it undoes work (returning, cancelling).
YES_CLASS = {
    "done": "btn-success",
    "finish": "btn-success",
    "confirm": "btn-success",
    "return": "btn-danger",
    "cancel": "btn-danger",
    "reopen": "btn-primary",
    "decide": "btn-primary",
}


@pytest.mark.parametrize("action", list(CASES))
def test_the_steps_yes_button_has_the_actions_colour(client, world, action):
    prefix, url, _request = prepare(world, action)
    client.force_login(world.users[CASES[action][0]])
    page = client.post(url, form_data(world, action, prefix)).content.decode()
    assert f'class="btn {YES_CLASS[action]}" name="{prefix}-confirmed"' in page


def test_the_dialog_is_told_the_actions_colour(client, world):
    client.force_login(world.users["staff"])
    page = html.unescape(client.get(world.assignment.get_absolute_url()).content.decode())
    assert page.count('data-confirm-class="btn-success"') == 2  # declare done, and the update's finish button
    assert "btn-danger" not in page
