"""End to end in headless Chromium: the administrator uploads a directive as .docx, gives one task to another
agency in the review, and confirms; the directive is saved with each task's own agencies."""

import docx
import pytest
from django.utils import timezone

from agencies.models import Agency
from directives.models import Directive
from tasks.models import Assignment
from tasks.seed.loader import seed
from tests.directives.test_importing_layouts import CHI_THI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_a_docx_reassign_one_task_and_confirm(sign_in, live_server, tmp_path):
    seed(today=timezone.localdate(), demo=True)
    document = docx.Document()
    for paragraph in CHI_THI.split("\n\n"):
        document.add_paragraph(paragraph)
    path = tmp_path / "chi-thi-05.docx"
    document.save(path)

    page = sign_in("admin")
    page.goto(f"{live_server.url}/directives/import/")
    page.set_input_files("#id_file", str(path))
    page.click("form[enctype='multipart/form-data'] [type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Xem lại văn bản chỉ đạo được nhập"
    assert page.locator("#id_number").input_value() == "05/CT-UBND"

    # Item I is reviewed task by task; its first task goes to Sở Y tế instead of Sở Nông nghiệp.
    first_task = page.locator("#item-1 .task-row").first
    assert "Rà soát hiện trạng sử dụng đất" in first_task.locator("textarea").input_value()
    health = Agency.objects.get(code="so-y-te")
    page.select_option("select[name='taskrows-0-lead']", value=str(health.pk))
    page.get_by_role("button", name="Xác nhận và lưu").click()
    page.wait_for_load_state()

    directive = Directive.objects.get(number="05/CT-UBND")
    assert page.url == f"{live_server.url}{directive.get_absolute_url()}"
    first = Assignment.objects.filter(task__group__directive=directive, task__group__number=1, task__number=1)
    assert set(first.values_list("agency__code", flat=True)) == {"so-y-te"}
    second = Assignment.objects.filter(task__group__directive=directive, task__group__number=1, task__number=2)
    assert set(second.values_list("agency__code", "role")) == {
        ("so-tn-mt", Assignment.Role.LEAD),
        ("cong-an", Assignment.Role.COOPERATING),
    }


def test_a_scan_being_read_shows_its_progress_then_its_text(sign_in, live_server):
    """The page polls the job's progress (page n of m, a bar) and, once the text is read, shows it to correct."""
    from django.contrib.auth import get_user_model

    from directives.models import DirectiveScan

    seed(today=timezone.localdate(), demo=True)
    page = sign_in("admin")
    admin = get_user_model().objects.get(username="admin")
    scan = DirectiveScan.objects.create(created_by=admin, name="quet.pdf", is_pdf=True, pages_total=2, pages_done=1)
    page.goto(f"{live_server.url}/directives/import/scan/{scan.pk}/")
    assert "trang 2 / 2" in page.locator("#scan-progress").inner_text()
    assert page.locator("#scan-panel .progress-bar").evaluate("bar => bar.style.width") == "50%"

    # The job finishes: the polling page reloads itself and holds the text, editable.
    DirectiveScan.objects.filter(pk=scan.pk).update(status="done", pages_done=2, text="1. Làm việc A./.")
    page.wait_for_selector("#scan-done", timeout=10_000)
    assert page.locator("#id_text").input_value() == "1. Làm việc A./."
