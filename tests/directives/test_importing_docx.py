"""Tests for reading a Word .docx into the parser's text: list numbering, typed numbers, damaged files."""

import io
import os
import zipfile

import docx
import pytest

from directives.importing import (
    DirectiveImportError,
    parse_directive_text,
    read_docx_text,
)
from tests.directives.test_importing import AGENCIES, is_vietnamese

# ---------------------------------------------------------------------- docx


def _docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_with_word_list_numbering_parses_into_groups() -> None:
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH"
    header.cell(0, 1).text = "Số: 12/CT-UBND"
    document.add_paragraph("CHỈ THỊ")
    document.add_paragraph("Về việc thực hiện Kết luận số 249-KL/TU")
    document.add_paragraph("Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:")
    # "List Number" carries w:numPr in the default template: no digits are typed.
    document.add_paragraph("Quán triệt Kết luận số 249-KL/TU ngày 17/9/2019.", style="List Number")
    document.add_paragraph("Các ngành Quân sự, Công an phối hợp chặt chẽ.", style="List Number")
    document.add_paragraph("Đoạn tiếp theo của mục hai. Thêm một câu.")
    document.add_paragraph("Giao Bộ CHQS tỉnh chủ trì, theo dõi./.", style="List Number")
    data = _docx_bytes(document)
    assert b"1. Qu" not in data

    text = read_docx_text(data)
    assert "1. Quán triệt" in text
    assert "3. Giao Bộ CHQS tỉnh" in text

    result = parse_directive_text(text, agencies=AGENCIES)
    assert [g.number for g in result.groups] == [1, 2, 3]
    assert result.groups[1].text == (
        "Các ngành Quân sự, Công an phối hợp chặt chẽ.\n\nĐoạn tiếp theo của mục hai. Thêm một câu."
    )
    assert result.groups[1].tasks == [
        "Các ngành Quân sự, Công an phối hợp chặt chẽ.",
        "Đoạn tiếp theo của mục hai.",
        "Thêm một câu.",
    ]
    assert result.kind == "directive"
    assert result.number == "12/CT-UBND"
    assert result.issuer == "Ủy ban nhân dân tỉnh Hòa Bình"
    assert result.coordinator == "Bộ Chỉ huy quân sự tỉnh"


def test_docx_with_typed_numbers_is_read_as_is() -> None:
    document = docx.Document()
    document.add_paragraph("1. Làm việc A.")
    document.add_paragraph("2. Làm việc B./.")
    text = read_docx_text(_docx_bytes(document))
    assert text == "1. Làm việc A.\n\n2. Làm việc B./."


def test_corrupt_docx_raises_in_vietnamese() -> None:
    with pytest.raises(DirectiveImportError) as excinfo:
        read_docx_text(os.urandom(4096))
    assert ".docx" in str(excinfo.value)
    assert is_vietnamese(str(excinfo.value))


def test_zip_that_is_not_a_docx_raises() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(DirectiveImportError, match="docx"):
        read_docx_text(buffer.getvalue())


def test_too_large_docx_raises() -> None:
    data = _docx_bytes(docx.Document())
    with pytest.raises(DirectiveImportError, match="quá lớn"):
        read_docx_text(data, max_bytes=len(data) - 1)
