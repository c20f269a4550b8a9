"""Plain Vietnamese labels: cancelled work says so, filters offer "Tất cả", the reports list says what its link
does, file inputs carry no browser English."""

import re

import pytest
from django.urls import reverse

from tasks.models import Assignment
from tasks.timeliness import Status


@pytest.fixture
def cancelled_page(client, demo_user):
    assignment = Assignment.objects.filter(agency__code="so-noi-vu", deadline__isnull=False).first()
    Assignment.objects.filter(pk=assignment.pk).update(status=Status.CANCELLED)
    client.force_login(demo_user("chuyenvien.snv"))
    return client.get(assignment.get_absolute_url()).content.decode()


def test_cancelled_work_is_labelled_cancelled_or_paused(cancelled_page):
    assert "Đã hủy / tạm dừng" in cancelled_page
    assert "Không xét" not in cancelled_page


def test_filters_offer_all_instead_of_dashes(client, demo_user):
    client.force_login(demo_user("lanhdao"))
    html = client.get(reverse("tasks:work")).content.decode()
    assert "---------" not in html
    assert re.search(r'<option value="" selected>Tất cả</option>', html)


def test_file_inputs_have_a_vietnamese_button_and_no_browser_caption(client, demo_user):
    assignment = Assignment.objects.filter(agency__code="so-noi-vu", deadline__isnull=False).first()
    client.force_login(demo_user("chuyenvien.snv"))
    html = client.get(assignment.get_absolute_url()).content.decode()
    assert re.search(r'<input type="file" name="update-files" class="file-picker-input visually-hidden"', html)
    assert (
        '<label for="id_update-files" class="btn btn-outline-secondary btn-sm file-picker-button">Chọn tệp</label>'
        in html
    )
    assert "Chưa chọn tệp nào" in html


def test_the_directive_import_file_input_is_in_vietnamese_too(client, demo_user):
    client.force_login(demo_user("admin"))
    html = client.get(reverse("tasks:directive_import")).content.decode()
    assert 'class="btn btn-outline-secondary btn-sm file-picker-button">Chọn tệp</label>' in html
    assert 'class="file-picker-input visually-hidden' in html
