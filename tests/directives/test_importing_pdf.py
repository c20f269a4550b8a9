"""PDF files: the text layer is read; an empty, oversized, encrypted, damaged or scanned PDF gets a clear message."""

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter

from directives.importing import DirectiveImportError, read_pdf_text
from directives.importing.errors import MAX_PDF_BYTES

pytestmark = pytest.mark.django_db(databases=[])

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "directives"


def _blank_pdf(password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_text_layer_is_read_with_its_line_breaks() -> None:
    text = read_pdf_text((CORPUS / "01-langson-kh07-2020.pdf").read_bytes())
    assert "Số: 07/KH-UBND" in text
    assert "Thực hiện Chỉ\nthị số 8008/CT-TCTL" in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "không phải tệp PDF đọc được"),
        (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj << /Type /Catalog", "không phải tệp PDF đọc được"),
        (b"PK\x03\x04 not a pdf", "không phải tệp PDF đọc được"),
        (_blank_pdf(password="mat-khau"), "được bảo vệ bằng mật khẩu"),
        (_blank_pdf(), "không có lớp văn bản"),
    ],
    ids=["empty", "damaged", "zip", "encrypted", "scan-without-text"],
)
def test_unusable_pdfs_are_refused_in_vietnamese(data: bytes, message: str) -> None:
    with pytest.raises(DirectiveImportError) as error:
        read_pdf_text(data)
    assert message in str(error.value)


def test_a_50_mb_pdf_is_refused_before_it_is_read() -> None:
    with pytest.raises(DirectiveImportError, match="quá lớn"):
        read_pdf_text(b"%PDF-" + b"\0" * (50 * 1024 * 1024), max_bytes=MAX_PDF_BYTES)
