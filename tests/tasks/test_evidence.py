"""Evidence files: types checked by content, size capped while streaming, downloads only for who may see them."""

from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tasks.models import Evidence, ProgressUpdate
from tasks.uploads import OLE2_MAGIC, clean_file_name, evidence_content_type

from .conftest import docx_bytes, pdf_upload, png_bytes, xlsx_bytes

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
OLE_DOC = OLE2_MAGIC + b"\x00" * 504 + b"\xec\xa5\xc1\x00" + b"\x00" * 64
OLE_XLS = OLE2_MAGIC + b"\x00" * 1200 + "Workbook".encode("utf-16-le") + b"\x00" * 64


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("bao-cao.pdf", pdf_upload().read(), "application/pdf"),
        ("Báo cáo.DOCX", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("so-lieu.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("cong-van.doc", OLE_DOC, "application/msword"),
        ("bang.xls", OLE_XLS, "application/vnd.ms-excel"),
        ("anh.png", png_bytes(), "image/png"),
        ("anh.jpg", JPEG, "image/jpeg"),
        ("anh.jpeg", JPEG, "image/jpeg"),
    ],
)
def test_accepted_types_are_recognised_by_content(name, content, content_type):
    assert evidence_content_type(upload(name, content)) == content_type


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("bao-cao.pdf", EXE, "file_type"),  # an .exe renamed .pdf
        ("bao-cao.exe", EXE, "file_type"),
        ("ghi-chu.pdf", b"just some text, not a PDF", "file_type"),
        ("anh.pdf", png_bytes(), "file_extension"),  # a real PNG under a PDF name
        ("so-lieu.docx", xlsx_bytes(), "file_extension"),
        ("bao-cao", pdf_upload().read(), "file_extension"),
        ("rong.pdf", b"", "file_empty"),
        ("lo.doc", OLE2_MAGIC + b"\x00" * 600, "file_type"),  # an OLE2 container that is neither Word nor Excel
    ],
)
def test_refused_files_say_why(name, content, code):
    with pytest.raises(ValidationError) as error:
        evidence_content_type(upload(name, content))
    assert error.value.code == code
    assert name.split("/")[-1] in error.value.messages[0]


def test_a_file_over_the_limit_is_refused(settings):
    settings.DONDOC_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError) as error:
        evidence_content_type(pdf_upload())
    assert error.value.code == "file_too_large"


def test_file_names_are_kept_as_data_only():
    assert clean_file_name("../../etc/passwd") == "passwd"
    assert clean_file_name("C:\\Users\\a\\Báo cáo.pdf") == "Báo cáo.pdf"
    assert clean_file_name("") == "file"


def test_download_is_an_attachment_with_the_vietnamese_name(client, world, evidence):
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("tasks:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert f"filename*=utf-8''{quote('Báo cáo kết quả.pdf')}" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_download_of_a_missing_file_is_404(client, world, evidence):
    evidence.file.delete(save=False)
    client.force_login(world.users["staff"])
    assert client.get(reverse("tasks:evidence_download", args=[evidence.pk])).status_code == 404


def update_post(client, assignment, files, **fields):
    data = {"update-version": assignment.version, "update-percent": "30", "update-results": "Đã làm", **fields}
    data["update-files"] = files
    return client.post(reverse("tasks:assignment_update", args=[assignment.pk]), data)


def test_upload_through_the_page(client, world):
    client.force_login(world.users["staff"])
    response = update_post(client, world.assignment, [pdf_upload("Kế hoạch.pdf"), upload("anh.png", png_bytes())])
    assert response.status_code == 302
    names = set(Evidence.objects.values_list("original_name", flat=True))
    assert names == {"Kế hoạch.pdf", "anh.png"}
    page = client.get(world.assignment.get_absolute_url()).content.decode()
    for item in Evidence.objects.all():
        assert reverse("tasks:evidence_download", args=[item.pk]) in page


def test_each_upload_is_sniffed_once_from_the_form_to_the_stored_evidence(client, world):
    """The form and the service both check the files; the bytes are read for their type once per file."""
    from unittest import mock

    import filetype

    client.force_login(world.users["staff"])
    with mock.patch("tasks.uploads.filetype.guess", wraps=filetype.guess) as guess:
        response = update_post(client, world.assignment, [pdf_upload("Kế hoạch.pdf"), upload("anh.png", png_bytes())])
    assert response.status_code == 302
    assert guess.call_count == 2
    assert set(Evidence.objects.values_list("content_type", flat=True)) == {"application/pdf", "image/png"}


def test_oversized_file_gets_a_form_error_and_keeps_the_text(client, world, settings):
    settings.DONDOC_MAX_UPLOAD_BYTES = 50_000
    client.force_login(world.users["staff"])
    big = upload("lon.pdf", b"%PDF-1.4\n" + b"0" * 300_000)  # several 64 KB chunks: the handler stops keeping it
    response = update_post(client, world.assignment, [big], **{"update-results": "Kết quả giữ nguyên"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "vượt quá dung lượng cho phép" in html
    assert "Kết quả giữ nguyên" in html
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()


def test_disguised_executable_is_refused_on_the_page(client, world):
    client.force_login(world.users["staff"])
    response = update_post(client, world.assignment, [upload("bao-cao.pdf", EXE)])
    assert response.status_code == 200
    assert "không thuộc loại được chấp nhận" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_too_many_files_is_refused(client, world, settings):
    settings.DONDOC_MAX_FILES_PER_UPDATE = 2
    client.force_login(world.users["staff"])
    response = update_post(client, world.assignment, [pdf_upload(f"{n}.pdf") for n in range(3)])
    assert response.status_code == 200
    assert "tối đa 2 tệp" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_request_too_large_to_read_gets_the_friendly_400_page(client, world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    client.force_login(world.users["staff"])
    response = update_post(client, world.assignment, [], **{"update-results": "x" * 10_000})
    assert response.status_code == 400
    assert "Không đọc được yêu cầu" in response.content.decode()


def test_the_upload_handler_stops_keeping_an_oversized_file(client, world, settings, monkeypatch):
    from tasks import uploads

    settings.DONDOC_MAX_UPLOAD_BYTES = 50_000
    replaced = []
    original = uploads.OversizedUpload.__init__

    def spy(self, **kwargs):
        replaced.append(kwargs)
        original(self, **kwargs)

    monkeypatch.setattr(uploads.OversizedUpload, "__init__", spy)
    client.force_login(world.users["staff"])
    update_post(client, world.assignment, [upload("lon.pdf", b"%PDF-1.4\n" + b"0" * 300_000)])
    assert replaced == [{"name": "lon.pdf", "content_type": "application/octet-stream", "size": 300_009}]
