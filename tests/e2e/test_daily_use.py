"""Daily use in headless Chromium (issue 16): no main page scrolls sideways at 360 or 375 px for any demo role,
the heatmap's headers carry the groups' titles, the inbox's links lead to their pages, and one submit finishes
the work."""

import pytest
from django.conf import settings
from django.utils import timezone

from directives.models import Directive
from reports.seed import seed_reports
from tasks.models import Assignment, Evidence
from tasks.seed.loader import seed
from tasks.seed.pdf import demo_pdf
from tasks.timeliness import Status
from tasks.workflow.table import OPEN
from tests.conftest import DEMO_USERNAMES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTHS = (360, 375)
MAIN_PAGES = ("/", "/work/", "/dashboard/", "/reports/", "/notifications/", "/extensions/")


@pytest.fixture
def demo():
    today = timezone.localdate()
    seed(today=today, demo=True)
    seed_reports(today=today, demo=True)


def open_as(chromium, live_server, username, width=1366):
    context = chromium.new_context(locale="vi-VN", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", settings.DONDOC_DEMO_PASSWORD)
    page.click("form [type=submit]")
    page.wait_for_load_state()
    return context, page


def _pages_of(page, live_server) -> list[str]:
    """The main pages, the directive page of Kết luận 249 and the first assignment the user's work list shows."""
    page.goto(f"{live_server.url}/work/")
    first = page.locator("main a[href^='/assignments/']").first
    assignment = [first.get_attribute("href")] if first.count() else []
    directive = Directive.objects.get(number="249-KL/TU")
    return [*MAIN_PAGES, "/directives/", directive.get_absolute_url(), *assignment]


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_no_main_page_scrolls_sideways_on_a_phone(chromium, live_server, demo, username):
    context, page = open_as(chromium, live_server, username)
    paths = _pages_of(page, live_server)
    wide = []
    opened = 0
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            if response.status in (403, 404):  # a page the role may not open (the dashboard for staff)
                continue
            assert response.status == 200, (username, path, response.status)
            opened += 1
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width != width:
                wide.append((path, width, scroll_width))
    context.close()
    assert opened >= 2 * 6
    assert wide == [], f"{username}: pages wider than the screen: {wide}"


def test_the_heatmap_headers_carry_the_group_titles(chromium, live_server, demo):
    context, page = open_as(chromium, live_server, "bchqs", width=375)
    page.goto(f"{live_server.url}/dashboard/")
    headers = page.locator("table.heatmap thead th").all_inner_texts()
    context.close()
    assert headers[0] == "Đơn vị"
    assert headers[1] == "1. Quán triệt"
    assert headers[6].startswith("6. Công tác đối ngoại")
    assert len(headers) == 8


@pytest.mark.parametrize("username", ["bchqs", "chuyenvien.snv", "quanly.snv", "lanhdao"])
def test_the_inbox_links_lead_to_their_pages(chromium, live_server, demo, username):
    context, page = open_as(chromium, live_server, username, width=375)
    assert page.url == f"{live_server.url}/"
    assert page.locator("h1").inner_text().startswith("Việc cần xử lý")
    menu_total = page.locator("#nav-inbox .badge").inner_text().split()[0]
    assert menu_total == page.locator("h1 .badge").inner_text()
    links = page.locator("#inbox section li a")
    hrefs = [links.nth(index).get_attribute("href") for index in range(links.count())]
    assert hrefs, f"{username}: the demo gives every role something to do"
    for href in hrefs:
        page.goto(f"{live_server.url}/")
        page.locator(f'#inbox section li a[href="{href}"]').first.click()
        page.wait_for_load_state()
        assert page.url == f"{live_server.url}{href}"
        assert page.locator("h1").count() == 1
        assert "Không tìm thấy" not in page.locator("h1").inner_text()
    context.close()


def test_one_submit_reports_the_last_update_and_declares_done(chromium, live_server, demo, tmp_path):
    evidence = tmp_path / "Biên bản nghiệm thu.pdf"
    evidence.write_bytes(demo_pdf("Bien ban nghiem thu"))
    assignment = (
        Assignment.objects.filter(agency__code="so-noi-vu", deadline__isnull=False, status__in=OPEN)
        .order_by("deadline")
        .first()
    )
    context, page = open_as(chromium, live_server, "chuyenvien.snv", width=375)
    page.goto(f"{live_server.url}{assignment.get_absolute_url()}")
    assert page.locator(".file-picker-button").first.inner_text() == "Chọn tệp"
    page.fill("#id_update-results", "Đã hoàn thành, có biên bản nghiệm thu.")
    page.set_input_files("#id_update-files", str(evidence))
    assert page.locator(".file-picker-names").first.inner_text() == evidence.name
    page.click("#submit-id-update-finish")
    with page.expect_navigation():
        page.locator("dialog.confirm-dialog").get_by_role("button", name="Có, báo cáo hoàn thành").click()
    assert page.get_by_text("Đã lưu báo cáo cuối và báo cáo hoàn thành").is_visible()
    context.close()
    assignment.refresh_from_db()
    assert (assignment.status, assignment.percent) == (Status.AWAITING_CONFIRMATION, 100)
    assert Evidence.objects.get(original_name=evidence.name).update.declares_done
