"""The page "Tổ chức lại cơ quan": who may open it, the preview, the confirmation, refusals, query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import AgencyChange
from tasks.models import Assignment
from tests.conftest import travel_to
from tests.factories import AssignmentFactory, TaskFactory

from .conftest import EFFECTIVE, counts

URL = reverse("tasks:agency_reorganise")
FILE_URL = reverse("tasks:agency_reorganise_file")


def merge_data(province, **extra) -> dict:
    return {
        "kind": "merge",
        "predecessors": [province.a.pk, province.b.pk],
        "successors": [province.c.pk],
        "decision_number": "1676/NQ-UBTVQH15",
        "decision_date": "16/06/2025",
        "issuer": "Ủy ban Thường vụ Quốc hội",
        "effective_on": "01/07/2025",
        "users": "move",
        "step": "preview",
        **extra,
    }


@pytest.fixture
def signed_in(client, province):
    client.force_login(province.admin)
    return client


@pytest.mark.parametrize("who", ["a_staff", "b_manager"])
def test_only_administrators_open_the_page(client, province, who):
    client.force_login(getattr(province, who))
    assert client.get(URL).status_code == 403
    assert client.get(FILE_URL).status_code == 403


def test_the_agency_list_in_the_admin_links_to_the_page(signed_in):
    page = signed_in.get(reverse("admin:agencies_agency_changelist"))
    assert URL in page.content.decode()


def test_the_preview_lists_what_moves_and_saves_nothing(signed_in, province):
    before = counts()

    page = signed_in.post(URL, merge_data(province))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Nhiệm vụ đang thực hiện được chuyển: <strong>3</strong>" in html
    assert "Nhiệm vụ đã kết thúc giữ lại ở cơ quan cũ: <strong>1</strong>" in html
    assert province.a_staff.get_full_name() in html
    assert 'value="confirm"' in html
    assert counts() == before


def test_confirming_performs_the_change(signed_in, province):
    with travel_to(EFFECTIVE):
        page = signed_in.post(URL, merge_data(province, step="confirm"))

    change = AgencyChange.objects.get()
    assert page.status_code == 302
    assert page.url == reverse("admin:agencies_agencychange_change", args=[change.pk])
    assert Assignment.objects.get(pk=province.a_open.pk).agency == province.c
    assert signed_in.get(page.url).status_code == 200


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"successors": []}, "Sáp nhập cần cơ quan được hình thành"),
        ({"successors": ["self"]}, "không thể sáp nhập, chia tách hoặc giải thể vào chính nó"),
        ({"effective_on": "01/01/2025"}, "Ngày có hiệu lực không được trước ngày ban hành quyết định"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_changes(signed_in, province, extra, message):
    if extra.get("successors") == ["self"]:
        extra = {"successors": [province.a.pk]}
    before = counts()

    page = signed_in.post(URL, merge_data(province, step="confirm", **extra))

    assert page.status_code == 200
    assert message in page.content.decode()
    assert counts() == before


def test_a_split_shows_a_choice_per_assignment_and_refuses_until_each_has_one(signed_in, province):
    data = merge_data(province, kind="split", predecessors=[province.a.pk], successors=[province.b.pk, province.c.pk])

    page = signed_in.post(URL, {**data, "step": "confirm", f"dest_{province.a_open.pk}": province.c.pk})

    html = page.content.decode()
    assert "chưa có nơi tiếp nhận" in html
    assert f'name="dest_{province.a_shared.pk}"' in html
    assert AgencyChange.objects.count() == 0
    chosen = {f"dest_{province.a_open.pk}": province.c.pk, f"dest_{province.a_shared.pk}": province.b.pk}
    with travel_to(EFFECTIVE):
        done = signed_in.post(URL, {**data, "step": "confirm", **chosen})
    assert done.status_code == 302
    assert Assignment.objects.get(pk=province.a_shared.pk).agency == province.b


def test_the_preview_costs_the_same_queries_whatever_moves(signed_in, province):
    def preview_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.post(URL, merge_data(province)).status_code == 200
        return len(queries)

    small = preview_queries()
    for _ in range(6):
        AssignmentFactory(task=TaskFactory(group__directive=province.directive), agency=province.a)
    assert preview_queries() == small


def test_the_agency_admin_list_costs_the_same_queries_whatever_the_agencies(signed_in, province):
    from tests.factories import AgencyFactory

    def list_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get(reverse("admin:agencies_agency_changelist")).status_code == 200
        return len(queries)

    small = list_queries()
    for _ in range(5):
        AgencyFactory(parent=province.c)
    assert list_queries() == small


def test_the_file_page_dry_run_saves_nothing_and_shows_the_lines(signed_in, province):
    text = (
        "old_code,new_agency,kind,decision_number,decision_date,issuer,effective_on\n"
        "ubnd-ky-son,ubnd-xa-luong-son,merge,1676/NQ-UBTVQH15,16/06/2025,UBTVQH,01/07/2025\n"
    )
    before = counts()

    page = signed_in.post(FILE_URL, {"file": SimpleUploadedFile("m.csv", text.encode("utf-8")), "dry_run": "on"})

    html = page.content.decode()
    assert "Kết quả nếu thực hiện tệp (chưa lưu gì): 1" in html
    assert "Dòng 2: Sáp nhập UBND huyện Kỳ Sơn → UBND xã Lương Sơn" in html
    assert counts() == before


def test_the_file_page_refuses_a_bad_line_with_its_number(signed_in, province):
    text = (
        "old_code,new_agency,kind,decision_number,decision_date,issuer,effective_on\n"
        "x,y,merge,1,16/06/2025,U,01/07/2025\n"
    )

    page = signed_in.post(FILE_URL, {"file": SimpleUploadedFile("m.csv", text.encode("utf-8"))})

    assert "Dòng 2: không có cơ quan nào có mã “x”." in page.content.decode()
    assert AgencyChange.objects.count() == 0


def test_the_file_page_refuses_a_file_that_is_not_utf8(signed_in, province):
    page = signed_in.post(FILE_URL, {"file": SimpleUploadedFile("m.csv", "Kỳ Sơn".encode("utf-16"))})

    assert "Tệp không phải văn bản UTF-8" in page.content.decode()
