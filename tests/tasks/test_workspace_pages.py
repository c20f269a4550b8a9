"""The assignment page through HTTP: what it shows and offers, bad input, stale pages, concurrency, limits."""

import re
import threading
import unicodedata
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tasks import workflow as services
from tasks.models import Assignment, ExtensionRequest, ProgressUpdate
from tasks.timeliness import Status
from tests.conftest import skip_or_fail
from tests.factories import UserFactory

from .conftest import TODAY, pdf_upload
from .helpers import confirmed, post, post_unconfirmed


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every page here is read on TODAY."""


# --- The assignment page ---


def test_assignment_page_shows_task_deadline_history_siblings_and_timeline(client, world):
    staff, coordinator = world.users["staff"], world.users["coordinator"]
    services.progress_update_create(
        assignment=world.sibling, author=world.users["cooperating_staff"], percent=20, results="Huyện đã triển khai"
    )
    services.progress_update_create(
        assignment=world.assignment, author=staff, percent=40, results="Đợt 1", files=[pdf_upload("Đợt 1.pdf")]
    )
    request = services.extension_request_create(
        assignment=world.assignment,
        user=staff,
        expected_version=2,
        new_deadline=world.assignment.deadline + timedelta(days=10),
        reason="Chờ số liệu",
    )
    services.extension_request_decide(
        extension_request=request, user=world.users["leader"], approve=True, expected_version=2
    )
    client.force_login(coordinator)
    response = client.get(world.assignment.get_absolute_url())
    html = response.content.decode()
    assert world.assignment.task.text in html
    assert "Đợt 1.pdf" in html
    assert "Huyện đã triển khai" in html  # what the cooperating agency reports
    assert "Lịch sử thời hạn" in html
    old, new = world.assignment.deadline, request.new_deadline
    assert f"{old:%d/%m/%Y} → " in html
    assert f"{new:%d/%m/%Y}" in html
    assert "Lịch sử thay đổi" in html
    assert "Tỷ lệ hoàn thành (%): 0% → 40%" in html
    assert str(world.users["leader"]) in html
    # A coordinator follows; the reporting forms are the agency's.
    assert set(response.context["forms"]) == set()


def test_assignment_page_query_count_does_not_grow_with_history(client, world):
    client.force_login(world.users["staff"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(world.assignment.get_absolute_url())
        return len(queries)

    services.progress_update_create(
        assignment=world.assignment, author=world.users["staff"], percent=1, results="1", files=[pdf_upload()]
    )
    services.progress_update_create(
        assignment=world.sibling, author=world.users["cooperating_staff"], percent=1, results="1", files=[pdf_upload()]
    )
    first = count()
    for n in range(2, 12):
        services.progress_update_create(
            assignment=world.assignment, author=world.users["staff"], percent=n, results=str(n), files=[pdf_upload()]
        )
        services.progress_update_create(
            assignment=world.sibling, author=world.users["cooperating_staff"], percent=n, results=str(n)
        )
    assert count() == first


def test_forms_offered_follow_role_and_state(client, world):
    client.force_login(world.users["staff"])
    assert set(client.get(world.assignment.get_absolute_url()).context["forms"]) == {"update", "done", "extension"}
    client.force_login(world.users["leader"])
    assert set(client.get(world.assignment.get_absolute_url()).context["forms"]) == {"pause", "cancel"}
    Assignment.objects.filter(pk=world.assignment.pk).update(status=Status.AWAITING_CONFIRMATION, completed_on=TODAY)
    client.force_login(world.users["coordinator"])
    assert set(client.get(world.assignment.get_absolute_url()).context["forms"]) == {"confirm", "return"}


def test_html_in_text_is_stored_as_typed_and_shown_escaped(client, world):
    client.force_login(world.users["staff"])
    typed = '<script>alert("x")</script><b>đậm</b>'
    assert post(client, world.assignment, "update", percent=10, results=typed).status_code == 302
    assert ProgressUpdate.objects.get().results == typed
    html = client.get(world.assignment.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;đậm&lt;/b&gt;" in html


def test_decomposed_unicode_is_stored_nfc(client, world):
    client.force_login(world.users["staff"])
    typed = unicodedata.normalize("NFD", "Đã hoàn thành rà soát")
    post(client, world.assignment, "update", percent=10, proposals=typed)
    assert ProgressUpdate.objects.get().proposals == "Đã hoàn thành rà soát"


@pytest.mark.parametrize("percent", ["101", "-1", "abc", ""])
def test_percent_out_of_range_keeps_what_was_typed(client, world, percent):
    client.force_login(world.users["staff"])
    response = post(client, world.assignment, "update", percent=percent, results="Kết quả đã gõ")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhập một số nguyên từ 0 đến 100." in html
    assert "Kết quả đã gõ" in html
    assert not ProgressUpdate.objects.exists()


def test_an_empty_update_gets_a_clear_error(client, world):
    client.force_login(world.users["staff"])
    response = post(client, world.assignment, "update", percent="40")
    assert response.status_code == 200
    assert "Vui lòng nhập kết quả, khó khăn hoặc đề xuất" in response.content.decode()
    assert 'value="40"' in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("01/01/2020", "không được là ngày trong quá khứ"),
        ("31/02/2027", "Nhập ngày theo dạng"),
        ("ngày mai", "Nhập ngày theo dạng"),
        ("", "Nhập thời hạn mới."),
    ],
)
def test_bad_extension_dates_keep_the_reason(client, world, typed, message):
    client.force_login(world.users["staff"])
    response = post(client, world.assignment, "extension", new_deadline=typed, reason="Lý do đã gõ")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Lý do đã gõ" in html
    assert not ExtensionRequest.objects.exists()


def test_return_without_comment_is_refused(client, world):
    Assignment.objects.filter(pk=world.assignment.pk).update(status=Status.AWAITING_CONFIRMATION, completed_on=TODAY)
    world.refresh()
    client.force_login(world.users["coordinator"])
    response = post(client, world.assignment, "return", comment="  ")
    assert response.status_code == 200
    assert "Vui lòng nêu nội dung cần thực hiện lại." in response.content.decode()
    assert world.refresh().status == Status.AWAITING_CONFIRMATION


def test_cancel_without_reason_is_refused(client, world):
    client.force_login(world.users["admin"])
    response = post(client, world.assignment, "cancel", reason="")
    assert response.status_code == 200
    assert "Vui lòng nêu lý do." in response.content.decode()


def test_a_state_change_on_a_stale_page_is_refused_with_a_message(client, world):
    Assignment.objects.filter(pk=world.assignment.pk).update(status=Status.AWAITING_CONFIRMATION, completed_on=TODAY)
    stale = world.refresh().version
    first, second = world.users["coordinator"], UserFactory(agency=world.directive.coordinating_agency)
    client.force_login(first)
    assert post(client, world.assignment, "confirm").status_code == 302
    client.force_login(second)
    data = {"return-version": stale, "return-comment": "Thiếu minh chứng"}
    response = client.post(reverse("tasks:assignment_return", args=[world.assignment.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "đã được người khác thay đổi" in html
    assignment = world.refresh()
    assert assignment.status == Status.DONE
    assert assignment.version == stale + 1


def test_two_people_posting_updates_at_once_both_keep_theirs(client, world):
    version = world.assignment.version
    for username, text in (("staff", "Báo cáo của chuyên viên"), ("manager", "Báo cáo của lãnh đạo")):
        client.force_login(world.users[username])
        data = {"update-version": version, "update-percent": "50", "update-results": text}
        assert client.post(reverse("tasks:assignment_update", args=[world.assignment.pk]), data).status_code == 302
    assert set(ProgressUpdate.objects.values_list("results", flat=True)) == {
        "Báo cáo của chuyên viên",
        "Báo cáo của lãnh đạo",
    }


# --- Concurrency with real row locks (PostgreSQL) ---


def run_at_once(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        skip_or_fail("concurrent row locks need PostgreSQL (set DATABASE_URL)")


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirm_and_return_apply_once(postgresql, world):
    Assignment.objects.filter(pk=world.assignment.pk).update(status=Status.AWAITING_CONFIRMATION, completed_on=TODAY)
    version = world.refresh().version
    coordinator = world.users["coordinator"]
    outcomes = run_at_once(
        lambda: services.assignment_confirm(assignment=world.assignment, user=coordinator, expected_version=version),
        lambda: services.assignment_return(
            assignment=world.assignment, user=coordinator, expected_version=version, comment="Làm lại"
        ),
    )
    errors = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(errors) == 1, outcomes
    assert errors[0].code == "stale"
    assert world.refresh().version == version + 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_updates_are_both_kept(postgresql, world):
    staff, manager = world.users["staff"], world.users["manager"]
    outcomes = run_at_once(
        lambda: services.progress_update_create(assignment=world.assignment, author=staff, percent=30, results="A"),
        lambda: services.progress_update_create(assignment=world.assignment, author=manager, percent=60, results="B"),
    )
    assert all(isinstance(outcome, ProgressUpdate) for outcome in outcomes), outcomes
    assert world.assignment.updates.count() == 2
    assert world.refresh().version == 3


def test_assignment_page_query_count_is_pinned(client, world, django_assert_num_queries):
    services.progress_update_create(
        assignment=world.sibling, author=world.users["cooperating_staff"], percent=5, results="x", files=[pdf_upload()]
    )
    services.progress_update_create(
        assignment=world.assignment, author=world.users["staff"], percent=5, results="y", files=[pdf_upload()]
    )
    client.force_login(world.users["staff"])
    # session, user, agency, unread notifications and the inbox's counts and periods (menu), assignment, siblings,
    # their latest update, its evidence,
    # the updates' count (they page), updates, evidence,
    # extension requests, history, and the shares passed down to units (tasks.delegation)
    with django_assert_num_queries(16):
        client.get(world.assignment.get_absolute_url())
    # The coordinator's page, with its "Đôn đốc" button, costs one more: when the agency was last urged, and by whom.
    client.force_login(world.users["coordinator"])
    with django_assert_num_queries(17):
        html = client.get(world.assignment.get_absolute_url()).content.decode()
    assert reverse("tasks:assignment_urge", args=[world.assignment.pk]) in html


@pytest.mark.parametrize("role", ["staff", "coordinator", "leader", "cooperating_staff"])
def test_the_assignment_page_asks_the_access_policy_once(client, world, role):
    """One call answers every question the page asks (which forms, the urge button, the decide link)."""
    from unittest import mock

    from tasks.policy import assignment_access

    client.force_login(world.users[role])
    with mock.patch("tasks.views.assignment.assignment_access", wraps=assignment_access) as asked:
        assert client.get(world.assignment.get_absolute_url()).status_code == 200
    assert asked.call_count == 1


def test_each_action_button_has_its_own_colour_only(client, world):
    """An outline button is not also btn-primary (a blue button with red text)."""
    Assignment.objects.filter(pk=world.assignment.pk).update(status=Status.AWAITING_CONFIRMATION, completed_on=TODAY)
    client.force_login(world.users["coordinator"])
    html = client.get(world.assignment.get_absolute_url()).content.decode()
    assert 'name="return-submit"' in html
    assert re.search(r'<input[^>]*name="return-submit"[^>]*class="btn btn-outline-danger"', html)
    assert not re.search(r'<input[^>]*class="btn btn-primary btn-', html)


def test_a_text_over_the_limit_is_refused_in_vietnamese_and_kept(client, world):
    client.force_login(world.users["staff"])
    long_text = "Kết quả chi tiết. " * 300  # 5,400 characters
    response = post(client, world.assignment, "update", percent="40", results=long_text)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tối đa 5.000 ký tự" in html
    assert long_text.strip()[:200] in html
    assert not ProgressUpdate.objects.exists()
    with pytest.raises(ValidationError) as refused:
        services.assignment_return(
            assignment=world.assignment, user=world.users["coordinator"], expected_version=1, comment="x" * 5001
        )
    assert refused.value.error_dict["comment"][0].code == "too_long"


def test_a_long_history_pages_and_folds_and_the_page_stays_small(client, world):
    """Whatever the history, the page shows ten updates, long texts folded; a page past the end shows the last."""
    text = "Báo cáo kết quả thực hiện nhiệm vụ trong tháng, nêu rõ số liệu. " * 78  # about 5,000 characters
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            assignment=world.assignment, author=world.users["staff"], percent=n % 100, results=f"{n}: {text}"
        )
        for n in range(45)
    )
    client.force_login(world.users["staff"])
    first = client.get(world.assignment.get_absolute_url())
    html = first.content.decode()
    assert html.count('<article class="card mb-2"') == 10
    assert '<details class="mb-1">' in html
    assert len(first.content) < 200_000
    assert "updates_page=2" in html
    last = client.get(world.assignment.get_absolute_url(), {"updates_page": "99"})
    assert last.status_code == 200
    assert last.content.decode().count('<article class="card mb-2"') == 5
    assert client.get(world.assignment.get_absolute_url(), {"updates_page": "abc"}).status_code == 200


# --- Bad input through the confirmation step (tasks/views/confirm.py) ---


def test_a_page_gone_stale_during_the_confirmation_step_is_refused(client, world):
    client.force_login(world.users["leader"])
    asked = post_unconfirmed(client, world.assignment, "cancel", reason="Lồng ghép")
    assert "Xác nhận thao tác" in asked.content.decode()
    version = world.assignment.version
    admin = world.users["admin"]
    services.assignment_pause(assignment=world.assignment, user=admin, expected_version=version, reason="Chờ")
    data = confirmed({"cancel-version": version, "cancel-reason": "Lồng ghép"}, "cancel")
    response = client.post(reverse("tasks:assignment_cancel", args=[world.assignment.pk]), data)
    assert response.status_code == 200
    assert "đã được người khác thay đổi" in response.content.decode()
    assert "Lồng ghép" in response.content.decode()  # kept
    assert world.refresh().status == Status.PAUSED


def test_yes_pressed_twice_acts_once(client, world):
    Assignment.objects.filter(pk=world.assignment.pk).update(status=Status.AWAITING_CONFIRMATION, completed_on=TODAY)
    world.refresh()
    client.force_login(world.users["coordinator"])
    data = confirmed({"confirm-version": world.assignment.version}, "confirm")
    url = reverse("tasks:assignment_confirm", args=[world.assignment.pk])
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 200
    assert world.refresh().status == Status.DONE
    assert world.assignment.version == data["confirm-version"] + 1


def test_a_text_over_the_limit_is_refused_before_the_confirmation_step(client, world):
    client.force_login(world.users["leader"])
    long_text = "Lý do hủy. " * 500  # 5,500 characters
    response = post_unconfirmed(client, world.assignment, "cancel", reason=long_text)
    html = response.content.decode()
    assert "Tối đa 5.000 ký tự" in html and "Xác nhận thao tác" not in html
    assert long_text.strip()[:200] in html
    assert world.refresh().status != Status.CANCELLED


def test_refusing_an_extension_without_a_reason_is_refused_before_the_confirmation_step(client, world):
    request = ExtensionRequest.objects.create(
        assignment=world.assignment,
        requested_by=world.users["staff"],
        current_deadline=world.assignment.deadline,
        new_deadline=world.assignment.deadline + timedelta(days=10),
        reason="Cần thêm thời gian",
    )
    client.force_login(world.users["leader"])
    prefix = f"decide-{request.pk}"
    data = {f"{prefix}-version": world.assignment.version, f"{prefix}-decision": "refuse", f"{prefix}-note": " "}
    response = client.post(reverse("tasks:extension_decide", args=[request.pk]), data)
    assert "Vui lòng nêu lý do." in response.content.decode()
    assert "Xác nhận thao tác" not in response.content.decode()
    request.refresh_from_db()
    assert request.decision == ExtensionRequest.Decision.PENDING
