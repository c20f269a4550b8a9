"""Writes through the API: the same services as the pages; every bad input a Vietnamese problem document (4xx),
nothing saved half-way."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tasks.models import Assignment, Evidence, ExtensionRequest, ProgressUpdate
from tasks.timeliness import Status
from tests.tasks.conftest import TODAY, pdf_upload


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every write here happens on TODAY."""


def url(assignment, tail: str) -> str:
    return f"/api/v1/assignments/{assignment.pk}/{tail}/"


def nothing_saved(world):
    assignment = world.refresh()
    assert (assignment.version, assignment.status) == (1, Status.NOT_STARTED)
    assert ProgressUpdate.objects.count() == Evidence.objects.count() == ExtensionRequest.objects.count() == 0


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "code", "detail"} <= set(body)
    assert body["status"] == status
    return body


def test_an_update_with_evidence_then_done_then_confirmed(api_as, world):
    staff, coordinator = api_as("staff"), api_as("coordinator")
    files = [pdf_upload(), pdf_upload("Phụ lục.pdf")]
    made = staff.post(url(world.assignment, "updates"), {"percent": "60", "results": "Đã làm", "files": files})
    assert made.status_code == 201, made.content
    assert [e["original_name"] for e in made.json()["evidence"]] == ["Báo cáo kết quả.pdf", "Phụ lục.pdf"]
    assert world.refresh().status == Status.IN_PROGRESS
    listed = staff.get(url(world.assignment, "updates")).json()["results"]
    assert [row["percent"] for row in listed] == [60]
    done = staff.post(url(world.assignment, "declare-done"), {"version": 2, "note": "Xong"}, format="json")
    assert done.json()["status"] == Status.AWAITING_CONFIRMATION
    confirmed = coordinator.post(url(world.assignment, "confirm"), {"version": 3}, format="json")
    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == Status.DONE
    assert world.refresh().status == Status.DONE


def test_the_coordinator_returns_declared_work_with_a_comment(api_as, world):
    staff, coordinator = api_as("staff"), api_as("coordinator")
    staff.post(url(world.assignment, "declare-done"), {"version": 1}, format="json")
    empty = coordinator.post(url(world.assignment, "return"), {"version": 2, "comment": " "}, format="json")
    assert problem(empty, 400)["errors"]["comment"] == ["Vui lòng nêu nội dung cần thực hiện lại."]
    returned = coordinator.post(url(world.assignment, "return"), {"version": 2, "comment": "Bổ sung"}, format="json")
    assert returned.json()["status"] == Status.IN_PROGRESS


def test_an_extension_request_is_made_and_listed(api_as, world):
    staff = api_as("staff")
    new_deadline = world.assignment.deadline + timedelta(days=10)
    body = {"version": 1, "new_deadline": f"{new_deadline:%Y-%m-%d}", "reason": "Cần thêm thời gian"}
    made = staff.post(url(world.assignment, "extension-requests"), body, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["decision"] == ExtensionRequest.Decision.PENDING
    assert [row["id"] for row in staff.get(url(world.assignment, "extension-requests")).json()["results"]] == [
        made.json()["id"]
    ]
    again = staff.post(url(world.assignment, "extension-requests"), body, format="json")
    assert problem(again, 400)["code"] == "pending"


@pytest.mark.parametrize(
    ("tail", "body", "status", "field"),
    [
        ("updates", {"percent": 40, "resluts": "lỗi chính tả"}, 400, "resluts"),
        ("updates", {"percent": [40], "results": "x"}, 400, "percent"),
        ("updates", {"percent": True, "results": "x"}, 400, "percent"),
        ("updates", {"percent": 140, "results": "x"}, 400, "percent"),
        ("updates", {"percent": 40}, 400, "non_field_errors"),
        ("declare-done", {"version": "một"}, 400, "version"),
        ("declare-done", {"version": 7}, 409, "non_field_errors"),
        ("extension-requests", {"version": 1, "new_deadline": "31/02/2027", "reason": "x"}, 400, "new_deadline"),
        ("extension-requests", {"version": 1, "new_deadline": "2020-01-01", "reason": "x"}, 400, "new_deadline"),
    ],
)
def test_bad_input_is_a_vietnamese_problem_and_saves_nothing(api_as, world, tail, body, status, field):
    body = problem(api_as("staff").post(url(world.assignment, tail), body, format="json"), status)
    assert field in body["errors"]
    assert body["title"] in {"Yêu cầu không hợp lệ.", "Người khác đã thay đổi trước."}
    nothing_saved(world)


@pytest.mark.parametrize(
    ("content", "content_type", "code"),
    [
        ("{percent: 40", "application/json", "parse_error"),
        ('["percent", 40]', "application/json", "invalid"),
        ("percent=40", "text/plain", "unsupported_media_type"),
    ],
)
def test_malformed_bodies_are_refused(api_as, world, content, content_type, code):
    response = api_as("staff").post(url(world.assignment, "updates"), content, content_type=content_type)
    assert problem(response, 415 if code == "unsupported_media_type" else 400)["code"] == code
    nothing_saved(world)


def test_a_25_mb_file_is_refused_and_nothing_is_kept(api_as, world, settings):
    big = SimpleUploadedFile("lớn.pdf", b"%PDF-1.4\n" + b"0" * (25 * 1024 * 1024), content_type="application/pdf")
    response = api_as("staff").post(url(world.assignment, "updates"), {"percent": "10", "results": "x", "files": [big]})
    assert "files" in problem(response, 400)["errors"]
    nothing_saved(world)


def test_who_may_not_act_is_refused_as_on_the_page(api_as, world):
    """Cannot see it: 404; sees it but never does this: 403; may, but not in this state: 400 with the reason."""
    assert problem(api_as("other_staff").post(url(world.assignment, "confirm"), {"version": 1}, format="json"), 404)
    refused = problem(api_as("staff").post(url(world.assignment, "confirm"), {"version": 1}, format="json"), 403)
    assert refused["code"] == "permission_denied"
    not_now = api_as("coordinator").post(url(world.assignment, "confirm"), {"version": 1}, format="json")
    assert problem(not_now, 400)["code"] == "state"
    nothing_saved(world)


def test_a_cooperating_agency_reads_the_lead_but_cannot_report_on_it(api_as, world):
    client = api_as("cooperating_staff")
    assert client.get(f"/api/v1/assignments/{world.assignment.pk}/").status_code == 200
    problem(client.post(url(world.assignment, "updates"), {"percent": 5, "results": "x"}, format="json"), 403)
    nothing_saved(world)


def test_an_unknown_filter_a_bad_value_and_a_page_past_the_end(api_as, world):
    client = api_as("staff")
    assert problem(client.get("/api/v1/assignments/", {"colour": "đỏ"}), 400)["errors"]["colour"]
    assert problem(client.get("/api/v1/assignments/", {"status": "xong"}), 400)["errors"]["status"]
    assert problem(client.get("/api/v1/assignments/", {"ordering": "secret"}), 400)["errors"]["ordering"]
    past = problem(client.get("/api/v1/assignments/", {"page": 5}), 404)
    assert past["detail"] == "Trang này không tồn tại: danh sách có ít trang hơn."
    assert problem(client.get("/api/v1/assignments/", {"page": "x"}), 404)


def test_a_wrong_method_is_a_problem_too(api_as, world):
    assert problem(api_as("staff").delete(f"/api/v1/assignments/{world.assignment.pk}/"), 405)


def test_ordering_follows_the_parameter(api_as, world):
    Assignment.objects.filter(pk=world.sibling.pk).update(deadline=TODAY + timedelta(days=1))
    rows = api_as("leader").get("/api/v1/assignments/", {"ordering": "-deadline"}).json()["results"]
    deadlines = [row["deadline"] for row in rows if row["deadline"]]
    assert deadlines == sorted(deadlines, reverse=True)
