"""The signature block of the NĐ 30/2020 .docx: Nơi nhận on the left, the signer's authority, titles and name on the
right (the rest of the layout: test_documents.py)."""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from reports.documents.docx import build_docx
from reports.documents.signature import Signer
from tests.reports.test_documents import cell_paragraphs, make_document, only_run, open_docx, rendered

__all__ = ["rendered"]


def test_signature_recipients_block(rendered):
    paragraphs = cell_paragraphs(rendered, 1, 0)
    heading, *lines = paragraphs
    assert heading.text == "Nơi nhận:"
    run = only_run(heading)
    assert run.font.bold
    assert run.font.italic
    assert run.font.size == Pt(12)
    assert [p.text for p in lines] == [
        "- UBND tỉnh (b/c);",
        "- Các Sở, Ban, Ngành;",
        "- Lưu: VT, TM.",
    ]
    for paragraph in lines:
        run = only_run(paragraph)
        assert run.font.size == Pt(11)
        assert not run.font.bold
        assert paragraph.text.startswith("- ")
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for paragraph in lines[:-1]:
        assert paragraph.text.endswith(";")


def test_default_archive_and_prefixed_recipients_are_normalised():
    doc = open_docx(build_docx(make_document(recipients=["- Như trên;", "  Sở Nội vụ  "], archive="VT")))
    assert [p.text for p in cell_paragraphs(doc, 1, 0)[1:]] == [
        "- Như trên;",
        "- Sở Nội vụ;",
        "- Lưu: VT.",
    ]


def test_signature_block_with_delegation(rendered):
    paragraphs = cell_paragraphs(rendered, 1, 1)
    texts = [p.text for p in paragraphs]
    assert texts[0] == "KT. CHỈ HUY TRƯỞNG"
    assert texts[1] == "PHÓ CHỈ HUY TRƯỞNG"
    assert texts[-1] == "Đại tá Nguyễn Văn Ánh"
    # Room for the handwritten signature and the seal.
    assert texts[2:-1]
    assert all(text == "" for text in texts[2:-1])
    for paragraph in paragraphs[:2]:
        run = only_run(paragraph)
        assert run.font.bold
        assert run.font.size == Pt(13)
    run = only_run(paragraphs[-1])
    assert run.font.bold
    assert run.font.size == Pt(14)
    for paragraph in paragraphs:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_signature_block_without_delegation():
    doc = open_docx(build_docx(make_document(signer=Signer(name="Đại tá Nguyễn Văn Ánh", title="Chỉ huy trưởng"))))
    texts = [p.text for p in cell_paragraphs(doc, 1, 1)]
    assert texts[0] == "CHỈ HUY TRƯỞNG"
    assert "KT." not in "".join(texts)
