"""Layout tests for the NĐ 30/2020 .docx renderer (the .xlsx annex builder: test_documents_xlsx.py)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from reports.documents.docx import OfficialDocument, Section, build_docx, format_document_date
from reports.documents.signature import Signer

FONT = "Times New Roman"
EMU_PER_MM = 36000


def make_document(**overrides) -> OfficialDocument:
    values = {
        "parent_body": "UBND tỉnh Hòa Bình",
        "issuing_body": "Bộ Chỉ huy Quân sự tỉnh",
        "number": "45/BC-BCH",
        "place": "Hòa Bình",
        "issued_on": dt.date(2020, 1, 5),
        "doc_type": "Báo cáo",
        "subject": "Kết quả thực hiện nhiệm vụ quốc phòng, quân sự địa phương năm 2019",
        "recipient": "Ủy ban nhân dân tỉnh.",
        "intro": ["Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Bộ Chỉ huy báo cáo như sau:"],
        "sections": [
            Section(
                heading="I. KẾT QUẢ ĐẠT ĐƯỢC",
                paragraphs=[
                    "Hoàn thành 100% chỉ tiêu tuyển quân; huấn luyện đạt khá, giỏi.",
                    "Phối hợp chặt chẽ với các sở, ban, ngành trong công tác diễn tập.",
                ],
            ),
            Section(
                heading="II. PHƯƠNG HƯỚNG",
                paragraphs=["Tiếp tục duy trì nghiêm chế độ trực."],
            ),
        ],
        "signer": Signer(
            name="Đại tá Nguyễn Văn Ánh", title="Chỉ huy trưởng", authority="KT.", own_title="Phó Chỉ huy trưởng"
        ),
        "recipients": ["UBND tỉnh (b/c)", "Các Sở, Ban, Ngành"],
        "archive": "VT, TM",
    }
    values.update(overrides)
    return OfficialDocument(**values)


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def docx_to_text(data: bytes) -> str:
    doc = open_docx(data)
    parts = []
    for table in doc.tables:
        for cell in table.rows[0].cells:
            parts.extend(p.text for p in cell.paragraphs)
    parts.extend(p.text for p in doc.paragraphs)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def rendered():
    return open_docx(build_docx(make_document()))


def cell_paragraphs(doc, table_index: int, column: int):
    return doc.tables[table_index].rows[0].cells[column].paragraphs


def only_run(paragraph):
    runs = paragraph.runs
    assert len(runs) == 1, paragraph.text
    return runs[0]


def body_paragraph(doc, text: str):
    matches = [p for p in doc.paragraphs if p.text == text]
    assert matches, f"missing paragraph {text!r}"
    return matches[0]


def mm(length) -> float:
    return length / EMU_PER_MM


def test_returns_a_docx_zip():
    data = build_docx(make_document())
    assert zipfile.is_zipfile(io.BytesIO(data))
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_page_is_a4_portrait_with_decree_margins(rendered):
    section = rendered.sections[0]
    assert mm(section.page_width) == pytest.approx(210, abs=0.5)
    assert mm(section.page_height) == pytest.approx(297, abs=0.5)
    assert mm(section.top_margin) == pytest.approx(20, abs=0.5)
    assert mm(section.bottom_margin) == pytest.approx(20, abs=0.5)
    assert mm(section.left_margin) == pytest.approx(30, abs=0.5)
    assert mm(section.right_margin) == pytest.approx(15, abs=0.5)


def test_page_number_only_from_second_page(rendered):
    section = rendered.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert 'w:instr="PAGE"' in header_xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_normal_style_and_doc_defaults_use_times_new_roman(rendered):
    normal = rendered.styles["Normal"]
    assert normal.font.name == FONT
    assert normal.font.size == Pt(14)
    rfonts = normal.element.rPr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert rfonts.get(qn(attr)) == FONT
    defaults = rendered.styles.element.find(qn("w:docDefaults"))
    default_fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    # A leftover theme attribute would override the explicit name in Word.
    assert not any("Theme" in key or "theme" in key for key in default_fonts.attrib)
    assert default_fonts.get(qn("w:eastAsia")) == FONT


def test_every_run_sets_all_four_font_slots(rendered):
    runs = [run for p in rendered.paragraphs for run in p.runs]
    for table in rendered.tables:
        for cell in table.rows[0].cells:
            runs.extend(run for p in cell.paragraphs for run in p.runs)
    assert len(runs) > 20
    for run in runs:
        rfonts = run._r.rPr.find(qn("w:rFonts"))
        assert rfonts is not None, run.text
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert rfonts.get(qn(attr)) == FONT, (run.text, attr)
        assert run.font.size is not None, run.text


def text_paragraphs(doc, table_index: int, column: int):
    """The cell's paragraphs that carry text (the short rules are empty paragraphs of their own)."""
    return [p for p in cell_paragraphs(doc, table_index, column) if p.text]


def test_header_left_cell(rendered):
    parent, issuing, number = text_paragraphs(rendered, 0, 0)
    assert parent.text == "UBND TỈNH HÒA BÌNH"
    run = only_run(parent)
    assert run.font.size == Pt(13)
    assert not run.font.bold
    assert issuing.text == "BỘ CHỈ HUY QUÂN SỰ TỈNH"
    run = only_run(issuing)
    assert run.font.size == Pt(13)
    assert run.font.bold
    rule = issuing._p.getnext()
    bottom = rule.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert bottom is not None
    assert bottom.get(qn("w:val")) == "single"
    assert number.text == "Số: 45/BC-BCH"
    assert only_run(number).font.size == Pt(13)
    assert not only_run(number).font.bold
    for paragraph in (parent, issuing, number):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_header_right_cell_national_name_motto_and_date(rendered):
    national, motto, dated = text_paragraphs(rendered, 0, 1)
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    run = only_run(national)
    assert run.font.bold
    # 12 pt (Phụ lục I allows 12-13): at 13 pt it is 95.7 mm, wider than its cell.
    assert run.font.size == Pt(12)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    run = only_run(motto)
    assert run.font.bold
    assert run.font.size == Pt(13)
    rule = motto._p.getnext()
    assert rule.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None
    assert dated.text == "Hòa Bình, ngày 05 tháng 01 năm 2020"
    run = only_run(dated)
    assert run.font.italic
    assert not run.font.bold
    assert run.font.size == Pt(14)
    for paragraph in (national, motto, dated):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (dt.date(2020, 3, 15), "ngày 15 tháng 3 năm 2020"),
        (dt.date(2021, 2, 9), "ngày 09 tháng 02 năm 2021"),
        (dt.date(2020, 12, 1), "ngày 01 tháng 12 năm 2020"),
        (dt.date(2020, 10, 20), "ngày 20 tháng 10 năm 2020"),
    ],
)
def test_date_line_leading_zero_rules(day, expected):
    assert format_document_date("Hòa Bình", day) == f"Hòa Bình, {expected}"
    doc = open_docx(build_docx(make_document(issued_on=day)))
    assert text_paragraphs(doc, 0, 1)[2].text == f"Hòa Bình, {expected}"


def test_date_without_place():
    assert format_document_date("  ", dt.date(2020, 3, 1)) == "ngày 01 tháng 3 năm 2020"


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("BÁO CÁO", Pt(14)),
        ("Kết quả thực hiện nhiệm vụ quốc phòng, quân sự địa phương năm 2019", Pt(14)),
    ],
)
def test_type_and_subject_bold_centred(rendered, text, size):
    paragraph = body_paragraph(rendered, text)
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = only_run(paragraph)
    assert run.font.bold
    assert run.font.size == size


def test_title_block_order(rendered):
    texts = [p.text for p in rendered.paragraphs if p.text]
    assert texts[:3] == [
        "BÁO CÁO",
        "Kết quả thực hiện nhiệm vụ quốc phòng, quân sự địa phương năm 2019",
        "Kính gửi: Ủy ban nhân dân tỉnh.",
    ]


def test_recipient_line_centred_not_bold(rendered):
    paragraph = body_paragraph(rendered, "Kính gửi: Ủy ban nhân dân tỉnh.")
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = only_run(paragraph)
    assert run.font.size == Pt(14)
    assert not run.font.bold


def test_no_recipient_line_when_none():
    doc = open_docx(build_docx(make_document(recipient=None)))
    assert not any(p.text.startswith("Kính gửi") for p in doc.paragraphs)


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Bộ Chỉ huy báo cáo như sau:",
        "Hoàn thành 100% chỉ tiêu tuyển quân; huấn luyện đạt khá, giỏi.",
        "Tiếp tục duy trì nghiêm chế độ trực.",
    ],
)
def test_body_paragraph_format(rendered, text):
    paragraph = body_paragraph(rendered, text)
    fmt = paragraph.paragraph_format
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.first_line_indent == Cm(1.27)
    assert fmt.space_before == Pt(6)
    assert fmt.space_after == Pt(6)
    assert fmt.line_spacing == pytest.approx(1.15)
    run = only_run(paragraph)
    assert run.font.size == Pt(14)
    assert not run.font.bold


def test_section_headings_bold_indented_like_body(rendered):
    texts = [p.text for p in rendered.paragraphs]
    assert texts.index("I. KẾT QUẢ ĐẠT ĐƯỢC") < texts.index(
        "Hoàn thành 100% chỉ tiêu tuyển quân; huấn luyện đạt khá, giỏi."
    )
    assert texts.index("II. PHƯƠNG HƯỚNG") > texts.index("I. KẾT QUẢ ĐẠT ĐƯỢC")
    for heading in ("I. KẾT QUẢ ĐẠT ĐƯỢC", "II. PHƯƠNG HƯỚNG"):
        paragraph = body_paragraph(rendered, heading)
        assert only_run(paragraph).font.bold
        assert paragraph.paragraph_format.first_line_indent == Cm(1.27)
        assert paragraph.paragraph_format.keep_with_next


def test_tables_have_no_visible_borders_and_schema_order(rendered):
    assert len(rendered.tables) == 2
    for table in rendered.tables:
        tbl_pr = table._tbl.tblPr
        borders = tbl_pr.find(qn("w:tblBorders"))
        assert borders is not None
        edges = {child.tag: child.get(qn("w:val")) for child in borders}
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            assert edges[qn(f"w:{edge}")] in {"nil", "none"}
        children = [child.tag for child in tbl_pr]
        assert children.index(qn("w:tblBorders")) < children.index(qn("w:tblLook"))
        if qn("w:tblLayout") in children:
            assert children.index(qn("w:tblBorders")) < children.index(qn("w:tblLayout"))
        # No cell-level borders that would bring the lines back.
        assert not table._tbl.xpath(".//w:tcBorders")


def test_paragraph_border_is_placed_in_schema_order(rendered):
    for paragraph in cell_paragraphs(rendered, 0, 0) + cell_paragraphs(rendered, 0, 1):
        p_pr = paragraph._p.pPr
        if p_pr.find(qn("w:pBdr")) is None:
            continue
        children = [child.tag for child in p_pr]
        assert children.index(qn("w:pBdr")) < children.index(qn("w:spacing"))
        assert children.index(qn("w:pBdr")) < children.index(qn("w:jc"))


def test_header_table_fits_text_width(rendered):
    section = rendered.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    for table in rendered.tables:
        total = sum(column.width for column in table.columns)
        assert mm(total) == pytest.approx(mm(text_width), abs=0.5)


def test_markup_and_control_characters_survive_as_text():
    data = build_docx(
        make_document(
            subject="Về <script>alert('x')</script> & \"kiểm tra\"",
            intro=["Dòng\x0bthứ hai\x00 và \x1f ký tự lạ"],
            recipients=["Sở <b>Tư pháp</b>\x07"],
        )
    )
    doc = open_docx(data)
    texts = [p.text for p in doc.paragraphs]
    assert "Về <script>alert('x')</script> & \"kiểm tra\"" in texts
    assert "Dòng thứ hai và  ký tự lạ" in texts
    assert cell_paragraphs(doc, 1, 0)[1].text == "- Sở <b>Tư pháp</b>;"
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "&lt;script&gt;" in xml
    assert "<script>" not in xml
    assert "\x0b" not in docx_to_text(data)


def test_vietnamese_text_round_trips(rendered):
    text = docx_to_text(build_docx(make_document()))
    for expected in ("Ủy ban nhân dân tỉnh", "ĐẠT ĐƯỢC", "Nguyễn Văn Ánh", "Hạnh phúc"):
        assert expected in text
