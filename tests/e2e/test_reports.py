"""End to end in a browser: Sở Nội vụ submits its report, the Military Command returns it, it is resubmitted and
accepted, and the consolidated report is compiled, issued signed KT. by a deputy and downloaded as .docx, .xlsx
and PDF."""

import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone
from docx import Document

from agencies.models import Agency
from directives.models import Directive
from reports.models import AgencyReport, ConsolidatedReport
from reports.seed import seed_reports
from reports.selectors.periods import open_period
from tasks.seed.loader import seed
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.browser

PASSWORD = "dondoc-demo"


def sign_in(browser, live_server, username):
    context = browser.new_context(locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def test_report_round_trip_whatever_today_is(chromium, live_server, transactional_db):
    today = timezone.localdate()
    seed(today=today, demo=True)
    seed_reports(today=today, demo=True)
    directive = Directive.objects.get(number="249-KL/TU")
    period = open_period(directive_id=directive.pk, today=today)
    snv = Agency.objects.get(code="so-noi-vu")
    report_url = f"{live_server.url}/reports/periods/{period.pk}/agencies/{snv.pk}/"

    # Sở Nội vụ's manager finds the report through the menu, writes it and submits it.
    manager = sign_in(chromium, live_server, "quanly.snv")
    manager.click("nav >> text=Báo cáo định kỳ")
    manager.wait_for_selector("h1:has-text('Báo cáo định kỳ')")
    manager.goto(report_url)
    manager.fill("#id_results", "Đã tổ chức bồi dưỡng kiến thức quốc phòng cho 120 cán bộ.")
    manager.click("button[name=submit]")
    manager.wait_for_selector("#report-status:has-text('Đã gửi')")

    # The Military Command sees it on the tracker and returns it with a comment.
    coordinator = sign_in(chromium, live_server, "bchqs")
    coordinator.goto(f"{live_server.url}/reports/periods/{period.pk}/")
    coordinator.click(f"a[href='/reports/periods/{period.pk}/agencies/{snv.pk}/']")
    coordinator.wait_for_selector("text=Đã tổ chức bồi dưỡng kiến thức quốc phòng cho 120 cán bộ.")
    coordinator.fill("#id_comment", "Đề nghị bổ sung số liệu theo từng đối tượng.")
    coordinator.click("button[value=return]")
    coordinator.wait_for_selector("#report-status:has-text('Bị trả lại')")

    # The agency sees why, corrects the text and submits again.
    manager.goto(report_url)
    manager.wait_for_selector("text=Đề nghị bổ sung số liệu theo từng đối tượng.")
    manager.fill("#id_results", "Đã bồi dưỡng cho 120 cán bộ: 40 đối tượng 3 và 80 đối tượng 4.")
    manager.click("button[name=submit]")
    manager.wait_for_selector("#report-status:has-text('Đã gửi')")

    # The coordinator accepts the second version.
    coordinator.goto(report_url)
    coordinator.wait_for_selector("text=Đã bồi dưỡng cho 120 cán bộ: 40 đối tượng 3 và 80 đối tượng 4.")
    coordinator.click("button[value=accept]")
    coordinator.wait_for_selector("#report-status:has-text('Đã chấp nhận')")
    report = AgencyReport.objects.get(period=period, agency=snv)
    assert report.status == AgencyReport.Status.ACCEPTED
    assert report.versions.count() == 2

    # The consolidated report: compile, edit, issue signed KT. by the deputy, download .docx, .xlsx and PDF.
    coordinator.goto(f"{live_server.url}/reports/periods/{period.pk}/consolidated/")
    coordinator.click("button:has-text('Lập báo cáo tổng hợp')")
    coordinator.wait_for_selector("#consolidated-status:has-text('Dự thảo')")
    assert "Sở Nội vụ báo cáo: Đã bồi dưỡng cho 120 cán bộ" in coordinator.input_value("#id_results")
    coordinator.click("button[name=save]")
    coordinator.wait_for_selector("text=Đã lưu báo cáo tổng hợp.")
    coordinator.fill("#id_issued_on", today.strftime("%d/%m/%Y"))
    coordinator.select_option("#id_authority", "KT.")
    coordinator.select_option("#id_signer", label="Phó Chỉ huy trưởng Thượng tá Nguyễn Văn Minh")
    coordinator.fill("#id_head_title", "CHỈ HUY TRƯỞNG")
    # The demo's past periods' reports were issued with their numbers of their years: this one takes the next.
    issued_this_year = ConsolidatedReport.objects.filter(issuing_agency__code="bchqs", year=today.year).count()
    number = f"{issued_this_year + 1:02d}/BC-BCH"
    with coordinator.expect_navigation():
        coordinator.click("button:has-text('Ban hành báo cáo')")
    coordinator.wait_for_selector(f"#document-number:has-text('{number}')")
    with coordinator.expect_download() as download_info:
        coordinator.click("#download-docx")
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    document = Document(io.BytesIO(Path(download.path()).read_bytes()))
    header = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert header == ["UBND TỈNH HÒA BÌNH", "BỘ CHỈ HUY QUÂN SỰ TỈNH", f"Số: {number}"]
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Sở Nội vụ báo cáo: Đã bồi dưỡng cho 120 cán bộ: 40 đối tượng 3 và 80 đối tượng 4." in texts
    assert "Kính gửi: Ủy ban nhân dân tỉnh." in texts
    signature = [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature == ["KT. CHỈ HUY TRƯỞNG", "PHÓ CHỈ HUY TRƯỞNG", "Thượng tá Nguyễn Văn Minh"]

    with coordinator.expect_download() as download_info:
        coordinator.click("#download-xlsx")
    annex = openpyxl.load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    assert annex.sheetnames == ["Tổng hợp", "Chi tiết"]

    if shutil.which("soffice") is None:
        coordinator.wait_for_selector("#pdf-unavailable")
        skip_or_fail("LibreOffice (libreoffice-writer-nogui) is not installed: the PDF cannot be made")
    coordinator.click("#make-pdf")
    coordinator.wait_for_selector("#download-pdf", timeout=60_000)
    with coordinator.expect_download() as download_info:
        coordinator.click("#download-pdf")
    assert download_info.value.suggested_filename.endswith(".pdf")
    assert Path(download_info.value.path()).read_bytes().startswith(b"%PDF")


def test_dashboard_chart_draws_under_the_content_security_policy_whatever_today_is(
    chromium, live_server, transactional_db
):
    today = timezone.localdate()
    seed(today=today, demo=True)
    seed_reports(today=today, demo=True)
    page = sign_in(chromium, live_server, "lanhdao")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.click("nav >> text=Tổng quan")
    page.wait_for_selector("h1:has-text('Tổng quan')")
    page.wait_for_selector("#ontime-chart[data-ready='1']", state="attached")
    assert page.locator(".heatmap td.heat-overdue").count() >= 1
    assert not [error for error in errors if "Content Security Policy" in error], errors
