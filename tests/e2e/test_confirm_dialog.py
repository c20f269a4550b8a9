"""End to end in headless Chromium: cancelling asks in a native <dialog> (static/js/app.js); "No" leaves
everything as it was, "Yes" cancels with one post and no confirmation page in between."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tasks.models import Assignment
from tasks.seed.loader import seed
from tasks.timeliness import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cancelling_asks_in_a_dialog_and_posts_once(sign_in, live_server):
    seed(today=timezone.localdate(), demo=True)
    assignment = Assignment.objects.get(agency__code="so-noi-vu", task__group__number=2, task__number=1)
    before = assignment.status
    page = sign_in("lanhdao")
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.goto(f"{live_server.url}{assignment.get_absolute_url()}")
    page.fill("#id_cancel-reason", "Lồng ghép vào nhiệm vụ 1.1")

    page.click("#cancel-form [type=submit]")
    dialog = page.locator("dialog.confirm-dialog")
    assert dialog.is_visible()
    assert "Nhiệm vụ được giao sẽ bị hủy" in dialog.inner_text()
    dialog.get_by_role("button", name="Không, quay lại").click()
    # The dialog goes on its "close" event, after the click returns: wait for it (a busy machine lost this race).
    expect(page.locator("dialog.confirm-dialog")).to_have_count(0)
    assert posts == []
    assignment.refresh_from_db()
    assert assignment.status == before
    assert page.input_value("#id_cancel-reason") == "Lồng ghép vào nhiệm vụ 1.1"  # what was typed stays

    page.click("#cancel-form [type=submit]")
    yes = page.locator("dialog.confirm-dialog").get_by_role("button", name="Có, hủy nhiệm vụ được giao")
    assert yes.get_attribute("class") == "btn btn-danger"  # cancelling undoes work: red
    with page.expect_navigation():
        page.locator("dialog.confirm-dialog").get_by_role("button", name="Có, hủy nhiệm vụ được giao").click()
    assert page.get_by_text("Đã hủy nhiệm vụ.").is_visible()
    assert page.get_by_role("heading", name="Xác nhận thao tác").count() == 0
    assert len(posts) == 1 and posts[0].endswith(f"/assignments/{assignment.pk}/cancel/")
    assignment.refresh_from_db()
    assert assignment.status == Status.CANCELLED
