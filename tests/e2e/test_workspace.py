"""End to end in headless Chromium: Sở Nội vụ reports with a file and declares done, Bộ CHQS confirms,
Công an tỉnh is refused the page."""

import re

import pytest
from django.utils import timezone

from tasks.models import Assignment, Evidence
from tasks.seed.loader import seed
from tasks.seed.pdf import demo_pdf
from tasks.timeliness import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_declare_done_confirm_and_refuse_whatever_today_is(sign_in, live_server, tmp_path):
    seed(today=timezone.localdate(), demo=True)
    evidence_file = tmp_path / "Báo cáo tuyên truyền.pdf"
    evidence_file.write_bytes(demo_pdf("Bao cao tuyen truyen"))

    # Chuyên viên Sở Nội vụ lands on the inbox, goes to the agency's work and opens task 2.1: Sở Nội vụ leads it
    # with the districts; Công an tỉnh has no share in it (unlike item 1, which goes to every agency).
    page = sign_in("chuyenvien.snv")
    assert page.url == f"{live_server.url}/"
    page.goto(f"{live_server.url}/work/")
    assert page.locator("h1").inner_text().startswith("Việc của đơn vị")
    page.get_by_role("link", name="249-KL/TU · 2.1").click()
    page.wait_for_load_state()
    assert re.search(r"/assignments/\d+/$", page.url)
    assignment_url = page.url
    assignment = Assignment.objects.get(pk=int(assignment_url.rstrip("/").split("/")[-1]))
    assert assignment.agency.code == "so-noi-vu"

    page.fill("#id_update-percent", "90")
    page.fill("#id_update-results", "Đã trình phương án sắp xếp; <b>không</b> còn huyện chưa góp ý.")
    page.set_input_files("#id_update-files", str(evidence_file))
    page.click("#update-form [type=submit]")
    page.wait_for_load_state()
    assert page.get_by_text("Đã lưu báo cáo tiến độ.").is_visible()
    assert page.get_by_role("link", name="Báo cáo tuyên truyền.pdf").first.is_visible()
    assert page.get_by_text("<b>không</b>", exact=False).first.is_visible()  # shown as typed, not as HTML

    page.click("#done-form [type=submit]")
    with page.expect_navigation():
        page.locator("dialog.confirm-dialog").get_by_role("button", name="Có, báo cáo đã hoàn thành").click()
    assert page.get_by_text("Đã báo cáo hoàn thành; nhiệm vụ đang chờ cơ quan theo dõi xác nhận.").is_visible()
    assignment.refresh_from_db()
    assert assignment.status == Status.AWAITING_CONFIRMATION
    assert assignment.completed_on == timezone.localdate()
    evidence = Evidence.objects.get(original_name="Báo cáo tuyên truyền.pdf")
    assert evidence.update.assignment_id == assignment.pk

    # Bộ CHQS tỉnh, the coordinator of Kết luận 249, confirms it and can download the evidence.
    coordinator = sign_in("bchqs")
    coordinator.goto(assignment_url)
    assert coordinator.get_by_role("heading", name="Xác nhận kết quả").is_visible()
    coordinator.click("#confirm-form [type=submit]")
    with coordinator.expect_navigation():
        coordinator.locator("dialog.confirm-dialog").get_by_role("button", name="Có, xác nhận hoàn thành").click()
    assert coordinator.get_by_text("Đã xác nhận nhiệm vụ hoàn thành.").is_visible()
    assignment.refresh_from_db()
    assert assignment.status == Status.DONE
    with coordinator.expect_download() as download:
        coordinator.get_by_role("link", name="Báo cáo tuyên truyền.pdf").first.click()
    assert download.value.suggested_filename == "Báo cáo tuyên truyền.pdf"

    # Công an tỉnh is refused the page and the file, as if they did not exist.
    outsider = sign_in("chuyenvien.cat")
    for url in (assignment_url, f"{live_server.url}/evidence/{evidence.pk}/"):
        response = outsider.goto(url)
        assert response.status == 404
        assert outsider.get_by_role("heading", name="Không tìm thấy trang").is_visible()
