"""The import reviewed task by task: each task's own lead and cooperating agencies and deadline, saved as reviewed."""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.models import Agency
from directives.models import Directive
from tasks.models import Assignment, Task
from tests.directives.test_importing_layouts import CHI_THI
from tests.tasks.test_directive_import import URL, agency, form_data, one


def _codes(assignments) -> set[str]:
    return set(assignments.values_list("agency__code", flat=True))


def test_items_naming_different_agencies_are_reviewed_task_by_task(admin_client):
    response = admin_client.post(URL, {"step": "parse", "text": CHI_THI, "group_level": "1"})
    html = response.content.decode()
    data = form_data(html)
    # Part I: five items for five agencies, so its tasks are reviewed one by one.
    assert data["groups-0-per_task"] == ["on"]
    assert int(one(data, "taskrows-TOTAL_FORMS")) == 7
    assert data["taskrows-1-lead"] == [str(agency("so-tn-mt").pk)]
    assert data["taskrows-1-cooperating"] == [str(agency("cong-an").pk)]
    assert one(data, "taskrows-1-deadline") == "30/05/2020"
    assert one(data, "taskrows-3-deadline") == "30/06/2020"
    assert "trong quý II năm 2020" in html
    assert "(II trong văn bản)" in html  # item 2 is part II of the document
    districts = Agency.objects.filter(kind=Agency.Kind.DISTRICT, is_active=True)
    assert set(data["taskrows-3-lead"]) == {str(pk) for pk in districts.values_list("pk", flat=True)}
    assert one(data, "coordinating_agency") == str(agency("so-noi-vu").pk)

    # The admin gives the first task to Sở Y tế instead, and postpones the second.
    data["taskrows-0-lead"] = [str(agency("so-y-te").pk)]
    data["taskrows-1-deadline"] = ["15/07/2020"]
    response = admin_client.post(URL, data, follow=True)
    directive = Directive.objects.get(number="05/CT-UBND")
    assert response.redirect_chain == [(directive.get_absolute_url(), 302)]
    assert directive.issuer == "Ủy ban nhân dân tỉnh Hòa Bình"
    assert directive.subject.startswith("Về việc tăng cường quản lý đất đai")

    tasks = list(Task.objects.filter(group__directive=directive, group__number=1).order_by("number"))
    assert len(tasks) == 5
    assignments = Assignment.objects.filter(task__group__directive=directive)
    assert _codes(assignments.filter(task=tasks[0])) == {"so-y-te"}
    second = assignments.filter(task=tasks[1])
    assert _codes(second.filter(role=Assignment.Role.LEAD)) == {"so-tn-mt"}
    assert _codes(second.filter(role=Assignment.Role.COOPERATING)) == {"cong-an"}
    assert tasks[1].deadline == date(2020, 7, 15)
    assert {a.deadline for a in second} == {date(2020, 7, 15)}
    assert tasks[2].deadline == date(2020, 6, 15)
    assert assignments.filter(task=tasks[3]).count() == districts.count()
    assert tasks[4].deadline is None


def test_an_item_taken_as_a_whole_ignores_its_task_rows(admin_client):
    data = form_data(admin_client.post(URL, {"step": "parse", "text": CHI_THI}).content.decode())
    data["groups-0-per_task"] = []
    data["groups-0-agencies"] = [str(agency("so-noi-vu").pk)]
    data["groups-0-deadline"] = ["31/12/2020"]
    admin_client.post(URL, data)
    directive = Directive.objects.get(number="05/CT-UBND")
    first = Assignment.objects.filter(task__group__directive=directive, task__group__number=1)
    assert _codes(first) == {"so-noi-vu"}
    assert {a.deadline for a in first} == {date(2020, 12, 31)}
    assert first.count() == 5


def test_a_task_deadline_before_the_directive_is_refused_and_nothing_saved(admin_client):
    data = form_data(admin_client.post(URL, {"step": "parse", "text": CHI_THI}).content.decode())
    data["taskrows-2-deadline"] = ["01/01/2019"]
    response = admin_client.post(URL, data)
    assert response.status_code == 200
    assert "thời hạn không được trước ngày ban hành" in response.content.decode()
    assert not Directive.objects.filter(number="05/CT-UBND").exists()


# ---------------------------------------------------------------- PDF uploads

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "directives"


def test_a_pdf_with_a_text_layer_is_proposed_for_review(admin_client):
    pdf = SimpleUploadedFile("kh-07.pdf", (CORPUS / "01-langson-kh07-2020.pdf").read_bytes(), "application/pdf")
    response = admin_client.post(URL, {"step": "parse", "file": pdf})
    data = form_data(response.content.decode())
    assert one(data, "number") == "07/KH-UBND"
    assert one(data, "issuer") == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert one(data, "issued_on") == "13/01/2020"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 hong", "Tệp không phải tệp PDF đọc được"),
        (b"%PDF-" + b"\0" * (50 * 1024 * 1024), "Tệp PDF quá lớn"),
    ],
    ids=["damaged", "50-mb"],
)
def test_unusable_pdf_uploads_get_a_clear_message_and_save_nothing(admin_client, content, message):
    before = Directive.objects.count()
    response = admin_client.post(URL, {"step": "parse", "file": SimpleUploadedFile("van-ban.pdf", content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Directive.objects.count() == before


def test_an_image_is_refused_with_a_message_about_scans(admin_client, monkeypatch):
    from directives.importing import ocr

    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)  # where Tesseract is not installed
    before = Directive.objects.count()
    image = SimpleUploadedFile("ban-quet.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
    response = admin_client.post(URL, {"step": "parse", "file": image})
    assert "chức năng đọc bản quét (OCR) chưa có" in response.content.decode()
    assert Directive.objects.count() == before
