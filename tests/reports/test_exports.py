"""Exports downloaded through the pages: the consolidated .docx checked element by element, the .xlsx annex, and
the agency report .docx."""

import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from reports.services.agency_reports import agency_report_accept, agency_report_submit
from reports.services.consolidated import consolidated_compile, consolidated_issue
from tests.reports.conftest import local, narrative, save_at

FONT = "Times New Roman"
EMU_PER_MM = 36000


def mm(length) -> float:
    return length / EMU_PER_MM


def only_run(paragraph):
    assert len(paragraph.runs) == 1, paragraph.text
    return paragraph.runs[0]


def by_text(doc, text):
    matches = [p for p in doc.paragraphs if p.text == text]
    assert matches, f"missing paragraph {text!r}"
    return matches[0]


@pytest.fixture
def issued(world, after_cutoff):
    save_at(
        world.assignments["home_due_march"],
        local(date(2026, 3, 20)),
        status="done",
        percent=100,
        completed_on=date(2026, 3, 20),
    )
    home = agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )
    agency_report_accept(report=home, user=world.coordinator, expected_version=None)
    report = consolidated_compile(period=world.period, user=world.coordinator, today=after_cutoff)
    report.recipients = "Ủy ban nhân dân tỉnh (b/c)\n- Các sở, ban, ngành;"
    report.save()
    return consolidated_issue(
        report=report, user=world.coordinator, expected_version=None, issued_on=date(2026, 6, 18), number=7
    )


@pytest.fixture
def docx(client, world, issued):
    client.force_login(world.coordinator)
    response = client.get(reverse("reports:consolidated_docx", args=[world.period.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert 'filename="bao-cao-07-2026-half_year-1.docx"' in response["Content-Disposition"]
    return Document(io.BytesIO(response.content))


def test_page_and_margins(docx):
    section = docx.sections[0]
    assert (round(mm(section.page_width)), round(mm(section.page_height))) == (210, 297)
    assert 20 <= round(mm(section.top_margin), 1) <= 25
    assert 20 <= round(mm(section.bottom_margin), 1) <= 25
    assert 30 <= round(mm(section.left_margin), 1) <= 35
    assert 15 <= round(mm(section.right_margin), 1) <= 20


def test_header(docx):
    parent, issuing, number = [p for p in docx.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert parent.text == "UBND TỈNH HÒA BÌNH"
    assert not only_run(parent).font.bold
    assert issuing.text == "BỘ CHỈ HUY QUÂN SỰ TỈNH"
    assert only_run(issuing).font.bold
    assert only_run(issuing).font.size == Pt(13)
    assert number.text == "Số: 07/BC-BCH"
    national, motto, dated = [p for p in docx.tables[0].rows[0].cells[1].paragraphs if p.text]
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert only_run(national).font.bold
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert only_run(motto).font.bold
    assert only_run(motto).font.size == Pt(13)
    assert dated.text == "Hòa Bình, ngày 18 tháng 6 năm 2026"
    assert only_run(dated).font.italic
    assert not only_run(dated).font.bold


def test_title_subject_and_recipient(docx):
    title = by_text(docx, "BÁO CÁO")
    assert only_run(title).font.bold
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    subject = by_text(docx, "Kết quả thực hiện Kết luận số 249-KL/TU 6 tháng đầu năm 2026")
    assert only_run(subject).font.bold
    assert only_run(subject).font.size == Pt(14)
    recipient = by_text(docx, "Kính gửi: Ủy ban nhân dân tỉnh.")
    assert not only_run(recipient).font.bold


def test_body_sections_in_order_with_statistics(docx):
    texts = [p.text for p in docx.paragraphs]
    headings = [
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. HẠN CHẾ, NGUYÊN NHÂN",
        "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    positions = [texts.index(heading) for heading in headings]
    assert positions == sorted(positions)
    for heading in headings:
        assert only_run(by_text(docx, heading)).font.bold
    intro = texts[texts.index("Kính gửi: Ủy ban nhân dân tỉnh.") + 1]
    assert intro.startswith("Thực hiện Kết luận số 249-KL/TU ngày 17/09/2019 của Ban Chấp hành Đảng bộ tỉnh")
    section_one = texts[positions[0] + 1 : positions[1]]
    assert section_one[0].startswith("Tính đến ngày 14/06/2026 (thời điểm chốt số liệu), tổng số lượt nhiệm vụ")
    assert "là 5, trong đó: đã hoàn thành 1 (đúng hạn 1, quá hạn 0)" in section_one[0]
    # 1 done on time out of 1 done and 2 overdue, with a decimal comma.
    assert section_one[1].endswith("đạt 33,3%.")
    assert "chi tiết tại Phụ lục kèm theo" in section_one[0]
    assert "Sở Nội vụ báo cáo: Đã quán triệt Kết luận đến toàn thể cán bộ." in section_one
    section_two = texts[positions[1] + 1 : positions[2]]
    assert section_two[0] == "Còn 2 lượt nhiệm vụ quá hạn chưa hoàn thành, gồm:"
    assert "Sở Nội vụ nêu khó khăn, vướng mắc: Kinh phí còn hạn chế." in section_two
    assert texts[positions[3] + 1] == "Sở Nội vụ đề xuất, kiến nghị: Đề nghị bổ sung kinh phí."


def test_body_paragraph_format(docx):
    paragraph = by_text(docx, "Sở Nội vụ báo cáo: Đã quán triệt Kết luận đến toàn thể cán bộ.")
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert paragraph.paragraph_format.first_line_indent == Cm(1.27)
    run = only_run(paragraph)
    assert run.font.name == FONT
    assert run.font.size == Pt(14)
    assert not run.font.bold
    assert not run.font.italic
    rfonts = run._r.rPr.find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert rfonts.get(qn(slot)) == FONT


def test_signature_and_recipients(docx):
    left, right = docx.tables[-1].rows[0].cells
    lines = [p.text for p in left.paragraphs]
    assert lines == ["Nơi nhận:", "- Ủy ban nhân dân tỉnh (b/c);", "- Các sở, ban, ngành;", "- Lưu: VT, BCH."]
    heading = only_run(left.paragraphs[0])
    assert heading.font.bold
    assert heading.font.italic
    assert heading.font.size == Pt(12)
    for paragraph in left.paragraphs[1:]:
        assert only_run(paragraph).font.size == Pt(11)
    signature = [p.text for p in right.paragraphs if p.text]
    assert signature == ["CHỈ HUY TRƯỞNG", "Đại tá Nguyễn Văn A"]
    assert only_run(right.paragraphs[0]).font.bold
    assert only_run(right.paragraphs[-1]).font.bold


def test_xlsx_annex(client, world, issued):
    client.force_login(world.leader)
    response = client.get(reverse("reports:consolidated_xlsx", args=[world.period.pk]))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Tổng hợp", "Chi tiết"]
    sheet = workbook["Chi tiết"]
    assert sheet["A1"].value.startswith("PHỤ LỤC II: CHI TIẾT THEO NHIỆM VỤ")
    assert "số liệu tính đến ngày 14/06/2026" in sheet["A2"].value
    header = [cell.value for cell in sheet[3]]
    assert header[:4] == ["STT", "Cơ quan, đơn vị", "Nhiệm vụ", "Nội dung"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert len(rows) == 5
    assert [row[0] for row in rows] == [1, 2, 3, 4, 5]
    by_key = {(row[1], row[2]): row for row in rows}
    done = by_key[("Sở Nội vụ", "2.1")]
    assert done[6] == "Đã hoàn thành"
    assert done[7] == 100
    assert done[8] == "Hoàn thành đúng hạn"
    assert done[9].date() == date(2026, 3, 20)
    assert by_key[("Công an tỉnh", "2.1")][8] == "Quá hạn"
    assert by_key[("Sở Nội vụ", "1.1")][5] == "Thường xuyên"
    # Agencies come in order, then tasks.
    assert [row[1] for row in rows] == sorted(row[1] for row in rows)


def test_agency_report_docx(client, world):
    agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )
    client.force_login(world.coordinator)
    response = client.get(reverse("reports:agency_report_docx", args=[world.period.pk, world.agency.pk]))
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    parent, issuing, number = [p for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert (parent.text, issuing.text) == ("UBND TỈNH HÒA BÌNH", "SỞ NỘI VỤ")
    assert number.text.endswith("/BC-SNV")
    texts = [p.text for p in doc.paragraphs]
    assert "Kính gửi: Bộ Chỉ huy quân sự tỉnh." in texts
    assert "Đã quán triệt Kết luận đến toàn thể cán bộ." in texts
    assert "Tình hình thực hiện từng nhiệm vụ tại thời điểm chốt số liệu:" in texts
    assert any(text.startswith("- Nhiệm vụ 2.1: ") for text in texts)
    signature = [p.text for p in doc.tables[-1].rows[0].cells[1].paragraphs if p.text]
    # Signed by the agency's head as kept in its signers, never by a user's display name.
    assert signature == ["GIÁM ĐỐC", "Nguyễn Thị C"]
