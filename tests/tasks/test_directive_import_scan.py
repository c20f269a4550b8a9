"""The import of a scan: OCR in a Celery job with its progress page by page, then the text read, editable, on the page.

Where Tesseract is missing, the page says so and text, .docx and PDFs with a text layer still work.
"""

import io
import struct
import zlib
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from directives.importing import ocr
from directives.models import DirectiveScan
from directives.scans import directive_scan_read
from tests.conftest import skip_or_fail
from tests.directives.corpus import CORPUS

from .test_directive_import import URL, counts, form_data, one, propose

SCAN = CORPUS / "01-langson-kh07-2020-scan.pdf"
TEXT_PDF = CORPUS / "01-langson-kh07-2020.pdf"


def blank_png(width: int = 400, height: int = 300) -> bytes:
    """A white greyscale PNG: an image without any text."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def needs_ocr() -> None:
    if not ocr.ocr_available():
        skip_or_fail("Tesseract with its Vietnamese data (tesseract-ocr, tesseract-ocr-vie) and pdftoppm")


@pytest.fixture
def no_tesseract(monkeypatch):
    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)


def upload(client, name: str, data: bytes, **extra):
    return client.post(URL, {"step": "parse", "file": SimpleUploadedFile(name, data), **extra})


def test_a_scanned_pdf_is_read_by_the_job_and_its_text_goes_to_the_review(
    admin_client, seeded, django_capture_on_commit_callbacks
):
    needs_ocr()
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, "ke-hoach-quet.pdf", SCAN.read_bytes(), group_level="1")
    scan = DirectiveScan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("tasks:directive_import_scan", args=[scan.pk])
    assert (scan.status, scan.pages_done, scan.pages_total, scan.file.name) == ("done", 2, 2, "")
    html = admin_client.get(response["Location"]).content.decode()
    assert "Đã đọc xong bản quét (2 trang)" in html
    text = one(form_data(html), "text")
    assert "Số: 07/KH-UBND" in text
    assert counts() == before  # nothing is saved before the review is confirmed
    reviewed = propose(admin_client, text=text).content.decode()
    assert "Xem lại văn bản chỉ đạo được nhập" in reviewed
    assert one(form_data(reviewed), "number") == "07/KH-UBND"


def test_the_page_shows_which_page_is_being_read_while_the_job_runs(admin_client, seeded, monkeypatch):
    monkeypatch.setattr(ocr, "ocr_available", lambda: True)
    response = upload(admin_client, "quet.pdf", SCAN.read_bytes())  # the job is enqueued on commit: not here
    scan = DirectiveScan.objects.get()
    DirectiveScan.objects.filter(pk=scan.pk).update(pages_done=1)
    html = admin_client.get(response["Location"]).content.decode()
    assert "Đang đọc bản quét: trang 2 / 2" in html
    assert f'data-poll="{reverse("tasks:directive_import_scan_status", args=[scan.pk])}"' in html
    assert 'name="text"' not in html
    assert 'data-percent="50"' in html and 'style="width' not in html  # the CSP forbids inline styles
    panel = admin_client.get(reverse("tasks:directive_import_scan_status", args=[scan.pk])).content.decode()
    assert panel.startswith('<div id="scan-panel"') and "trang 2 / 2" in panel


def test_another_user_cannot_see_a_scan(admin_client, seeded, monkeypatch, demo_user, client):
    monkeypatch.setattr(ocr, "ocr_available", lambda: True)
    response = upload(admin_client, "quet.pdf", SCAN.read_bytes())
    other = demo_user("admin")
    other.pk = None
    other.username = "admin-2"
    other.save()
    client.force_login(other)
    assert client.get(response["Location"]).status_code == 404


def test_a_pdf_with_a_text_layer_is_not_sent_to_ocr(admin_client, seeded):
    response = upload(admin_client, "ke-hoach.pdf", TEXT_PDF.read_bytes())
    assert "Xem lại văn bản chỉ đạo được nhập" in response.content.decode()
    assert DirectiveScan.objects.count() == 0


def test_the_import_page_says_when_scans_cannot_be_read(admin_client, monkeypatch):
    missing = "Máy chủ này chưa cài chức năng đọc bản quét (OCR"
    monkeypatch.setattr(ocr, "ocr_available", lambda: True)
    assert missing not in admin_client.get(URL).content.decode()
    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    assert missing in admin_client.get(URL).content.decode()


def test_without_tesseract_the_page_says_so_and_other_formats_work(admin_client, seeded, no_tesseract):
    assert not ocr.ocr_available()
    html = upload(admin_client, "quet.pdf", SCAN.read_bytes()).content.decode()
    assert "không có lớp văn bản" in html
    assert "(OCR) chưa có" in html
    image = upload(admin_client, "anh.png", blank_png()).content.decode()
    assert "chức năng đọc bản quét (OCR) chưa có" in image
    assert DirectiveScan.objects.count() == 0
    assert "Xem lại văn bản chỉ đạo được nhập" in upload(admin_client, "kh.pdf", TEXT_PDF.read_bytes()).content.decode()
    assert (
        "Xem lại văn bản chỉ đạo được nhập"
        in propose(admin_client, text=TEXT_PDF.with_suffix(".txt").read_text()).content.decode()
    )


def test_a_file_that_is_not_an_image_is_refused_before_any_job(admin_client, seeded, monkeypatch):
    monkeypatch.setattr(ocr, "ocr_available", lambda: True)
    html = upload(admin_client, "anh.png", b"1. Not an image at all").content.decode()
    assert "Không đọc được bản quét" in html
    assert DirectiveScan.objects.count() == 0


def failed_scan_page(client, name: str, data: bytes, callbacks) -> str:
    before = counts()
    with callbacks(execute=True):
        response = upload(client, name, data)
    assert response.status_code == 302
    scan = DirectiveScan.objects.get()
    assert scan.status == "failed" and scan.text == "" and not scan.file
    assert counts() == before
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Chưa có gì được lưu" in html and 'name="file"' in html
    return html


def test_an_image_without_text_gets_a_clear_message(admin_client, seeded, django_capture_on_commit_callbacks):
    needs_ocr()
    html = failed_scan_page(admin_client, "trang.png", blank_png(), django_capture_on_commit_callbacks)
    assert "Không tìm thấy chữ nào trong bản quét" in html


def test_tesseract_past_its_time_out_is_stopped(admin_client, seeded, settings, django_capture_on_commit_callbacks):
    needs_ocr()
    settings.DONDOC_OCR_TIMEOUT = 0.01
    html = failed_scan_page(admin_client, "quet.pdf", SCAN.read_bytes(), django_capture_on_commit_callbacks)
    assert "Đọc bản quét quá lâu nên đã dừng" in html


def test_a_scan_already_read_is_not_read_again(admin_client, seeded, monkeypatch):
    monkeypatch.setattr(ocr, "ocr_available", lambda: True)
    upload(admin_client, "quet.pdf", SCAN.read_bytes())
    scan = DirectiveScan.objects.get()
    calls = []

    def read(data, *, is_pdf, pages, on_page):
        calls.append(pages)
        on_page(1, pages)
        on_page(2, pages)
        return "1. Việc A./."

    assert directive_scan_read(scan_id=scan.pk, read=read).status == "done"
    assert directive_scan_read(scan_id=scan.pk, read=read).text == "1. Việc A./."
    assert calls == [2]


def blank_pdf(pages: int = 1, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (lambda: blank_pdf(password="mat-khau"), "được bảo vệ bằng mật khẩu"),
        (lambda: b"%PDF-1.7\n%\xe2\xe3\n1 0 obj << /Type /Catalog", "không phải tệp PDF đọc được"),
        (lambda: b"%PDF-" + b"\0" * (50 * 1024 * 1024), "Tệp PDF quá lớn"),
        (lambda: blank_pdf(pages=51), "Bản quét có 51 trang"),
    ],
    ids=["encrypted", "damaged", "50-mb", "too-many-pages"],
)
def test_bad_pdfs_are_refused_before_any_ocr_job(admin_client, seeded, monkeypatch, content, message):
    monkeypatch.setattr(ocr, "ocr_available", lambda: True)
    before = counts()
    response = upload(admin_client, "quet.pdf", content())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert DirectiveScan.objects.count() == 0
    assert counts() == before


def test_scans_older_than_a_day_are_forgotten_with_their_files(admin_client, seeded, monkeypatch):
    monkeypatch.setattr(ocr, "ocr_available", lambda: True)
    upload(admin_client, "cu.pdf", SCAN.read_bytes())
    old = DirectiveScan.objects.get()
    path = old.file.path
    DirectiveScan.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    upload(admin_client, "moi.pdf", SCAN.read_bytes())
    new = DirectiveScan.objects.get()
    assert new.name == "moi.pdf"
    assert list(Path(path).parent.iterdir()) == [Path(new.file.path)]  # the old scan's file is gone
