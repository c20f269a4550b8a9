"""The official document as a records clerk checks it, read from the raw XML: no header line wraps (measured
with Liberation Serif's metrics, and in LibreOffice's own rendering), the short rules, the draft mark and the
signer's authority."""

import datetime as dt
import io
import shutil
import subprocess
import unicodedata
import zipfile

import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from reports.documents.docx import OfficialDocument, Section, build_docx
from reports.documents.pdf import docx_to_pdf
from reports.documents.signature import Signer
from tests.conftest import skip_or_fail

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
FONT_DIR = "/usr/share/fonts/truetype/liberation"
TWIPS_PER_MM = 1440 / 25.4
LONG_NAMES = [
    "Bộ Chỉ huy Quân sự tỉnh",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
]


def q(tag: str) -> str:
    _prefix, name = tag.split(":")
    return f"{{{W}}}{name}"


class Metrics:
    """Advance widths straight from the font files, independent of the code under test."""

    def __init__(self):
        self.faces = {}
        for bold, italic, name in (
            (False, False, "Regular"),
            (True, False, "Bold"),
            (False, True, "Italic"),
            (True, True, "BoldItalic"),
        ):
            try:
                font = TTFont(f"{FONT_DIR}/LiberationSerif-{name}.ttf")
            except FileNotFoundError:
                skip_or_fail("fonts-liberation is not installed")
            widths = font["hmtx"].metrics
            units = font["head"].unitsPerEm
            self.faces[(bold, italic)] = {code: widths[g][0] / units for code, g in font.getBestCmap().items()}

    def width_mm(self, text: str, *, size_pt: float, bold: bool, italic: bool) -> float:
        face = self.faces[(bold, italic)]
        total = 0.0
        for char in text:
            if ord(char) in face:
                total += face[ord(char)]
            else:  # Liberation Serif 1.07 lacks precomposed Vietnamese capitals: the base letter's width.
                total += sum(face[ord(c)] for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        return total * size_pt * 25.4 / 72


@pytest.fixture(scope="module")
def metrics():
    return Metrics()


def make(**overrides) -> OfficialDocument:
    values = {
        "parent_body": "UBND tỉnh Hòa Bình",
        "issuing_body": "Bộ Chỉ huy Quân sự tỉnh",
        "number": "     /BC-BCH",
        "place": "Hòa Bình",
        "issued_on": dt.date(2026, 7, 5),
        "doc_type": "Báo cáo",
        "subject": "Kết quả thực hiện Kết luận số 249-KL/TU 6 tháng đầu năm 2026",
        "recipient": "Ủy ban nhân dân tỉnh.",
        "intro": ["Thực hiện Kết luận số 249-KL/TU, Bộ Chỉ huy báo cáo như sau:"],
        "sections": [Section("I. KẾT QUẢ ĐẠT ĐƯỢC", ["Hoàn thành."])],
        "signer": Signer(name="Đại tá Nguyễn Văn A", title="Chỉ huy trưởng"),
        "recipients": ["Như trên"],
    }
    values.update(overrides)
    return OfficialDocument(**values)


def part(data: bytes, name: str = "word/document.xml"):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def twips_mm(value) -> float:
    return int(value) / TWIPS_PER_MM


def header_cells(root):
    table = root.find(".//w:body/w:tbl", NS)
    margins = {e.tag.split("}")[1]: twips_mm(e.get(q("w:w"))) for e in table.find("w:tblPr/w:tblCellMar", NS)}
    for cell in table.findall("w:tr/w:tc", NS):
        room = twips_mm(cell.find("w:tcPr/w:tcW", NS).get(q("w:w"))) - margins["left"] - margins["right"]
        yield cell, room


def paragraph_room(paragraph, room: float) -> float:
    ind = paragraph.find("w:pPr/w:ind", NS)
    if ind is None:
        return room
    return room - sum(twips_mm(ind.get(q(f"w:{side}"), 0)) for side in ("left", "right"))


def runs(paragraph):
    for run in paragraph.findall("w:r", NS):
        r_pr = run.find("w:rPr", NS)
        size = int(r_pr.find("w:sz", NS).get(q("w:val"))) / 2
        bold = r_pr.find("w:b", NS) is not None and r_pr.find("w:b", NS).get(q("w:val"), "1") not in ("0", "false")
        italic = r_pr.find("w:i", NS) is not None and r_pr.find("w:i", NS).get(q("w:val"), "1") not in ("0", "false")
        yield "".join(t.text or "" for t in run.findall("w:t", NS)), size, bold, italic


@pytest.mark.parametrize("name", LONG_NAMES)
def test_no_header_line_would_wrap(metrics, name):
    root = part(build_docx(make(issuing_body=name, parent_body="Ủy ban nhân dân tỉnh Hòa Bình")))
    measured = 0
    for cell, room in header_cells(root):
        for paragraph in cell.findall("w:p", NS):
            width = sum(
                metrics.width_mm(text, size_pt=size, bold=bold, italic=italic)
                for text, size, bold, italic in runs(paragraph)
            )
            if width:
                measured += 1
                # LibreOffice wrapped a line with 0.5 mm to spare: a millimetre at least.
                assert width + 1.0 <= paragraph_room(paragraph, room), ("".join(r[0] for r in runs(paragraph)), width)
    assert measured >= 6


def test_quoc_hieu_and_a_short_name_stay_on_one_paragraph_each():
    root = part(build_docx(make()))
    texts = ["".join(t.text for t in p.iter(q("w:t"))) for p in root.find(".//w:body/w:tbl", NS).iter(q("w:p"))]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "BỘ CHỈ HUY QUÂN SỰ TỈNH" in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts


def rule_after(root, text: str):
    """The empty bordered paragraph right after the paragraph whose text is `text`, and that paragraph."""
    for paragraph in root.iter(q("w:p")):
        if "".join(t.text or "" for t in paragraph.iter(q("w:t"))) == text:
            rule = paragraph.getnext()
            assert rule.find("w:pPr/w:pBdr/w:bottom", NS) is not None, text
            assert not "".join(t.text or "" for t in rule.iter(q("w:t")))
            return paragraph, rule
    raise AssertionError(f"no paragraph {text!r}")


def rule_length(rule, room: float) -> float:
    return paragraph_room(rule, room)


def test_rule_lengths(metrics):
    root = part(build_docx(make()))
    (left, left_room), (right, right_room) = header_cells(root)
    _name, rule = rule_after(left, "BỘ CHỈ HUY QUÂN SỰ TỈNH")
    name_mm = metrics.width_mm("BỘ CHỈ HUY QUÂN SỰ TỈNH", size_pt=13, bold=True, italic=False)
    assert name_mm / 3 <= rule_length(rule, left_room) <= name_mm / 2
    ind = rule.find("w:pPr/w:ind", NS)
    assert ind.get(q("w:left")) == ind.get(q("w:right"))  # centred
    _motto, rule = rule_after(right, "Độc lập - Tự do - Hạnh phúc")
    motto_mm = metrics.width_mm("Độc lập - Tự do - Hạnh phúc", size_pt=13, bold=True, italic=False)
    assert abs(rule_length(rule, right_room) - motto_mm) < 0.5
    subject = "Kết quả thực hiện Kết luận số 249-KL/TU 6 tháng đầu năm 2026"
    _subject, rule = rule_after(root.find("w:body", NS), subject)
    subject_mm = metrics.width_mm(subject, size_pt=14, bold=True, italic=False)
    assert subject_mm / 3 <= rule_length(rule, 165) <= subject_mm / 2


def header_texts(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n.startswith("word/header")]
        return " | ".join("".join(etree.fromstring(archive.read(n)).itertext()) for n in names)


def test_draft_is_marked_on_every_page_and_an_issued_report_is_not():
    draft = build_docx(make(draft=True))
    with zipfile.ZipFile(io.BytesIO(draft)) as archive:
        headers = [n for n in archive.namelist() if n.startswith("word/header")]
    assert len(headers) >= 2
    for name in headers:
        assert "DỰ THẢO" in "".join(part(draft, name).itertext()), name
    assert "DỰ THẢO" not in header_texts(build_docx(make(number="07/BC-BCH")))


def signature_lines(data: bytes) -> list[str]:
    tables = part(data).findall(".//w:body/w:tbl", NS)
    right = tables[-1].findall("w:tr/w:tc", NS)[1]
    return [t for t in ("".join(x.text or "" for x in p.iter(q("w:t"))) for p in right.findall("w:p", NS)) if t]


@pytest.mark.parametrize(
    ("signer", "lines"),
    [
        (Signer(name="Đại tá A", title="Chỉ huy trưởng"), ["CHỈ HUY TRƯỞNG", "Đại tá A"]),
        (
            Signer(name="Thượng tá B", title="Chỉ huy trưởng", authority="KT.", own_title="Phó Chỉ huy trưởng"),
            ["KT. CHỈ HUY TRƯỞNG", "PHÓ CHỈ HUY TRƯỞNG", "Thượng tá B"],
        ),
        (
            Signer(name="Nguyễn Văn C", title="Ban Chỉ đạo", authority="TM.", own_title="Trưởng ban"),
            ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN", "Nguyễn Văn C"],
        ),
        (Signer(name="Thượng tá D", title="Chỉ huy trưởng", authority="Q."), ["Q. CHỈ HUY TRƯỞNG", "Thượng tá D"]),
        (
            Signer(name="Trung tá E", title="Chỉ huy trưởng", authority="TL.", own_title="Chánh Văn phòng"),
            ["TL. CHỈ HUY TRƯỞNG", "CHÁNH VĂN PHÒNG", "Trung tá E"],
        ),
        (
            Signer(name="Thiếu tá G", title="Chỉ huy trưởng", authority="TUQ.", own_title="Trưởng phòng Tham mưu"),
            ["TUQ. CHỈ HUY TRƯỞNG", "TRƯỞNG PHÒNG THAM MƯU", "Thiếu tá G"],
        ),
    ],
)
def test_signer_authorities(signer, lines):
    assert signature_lines(build_docx(make(signer=signer))) == lines


def test_header_lines_do_not_wrap_in_libreoffice(tmp_path):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        skip_or_fail("LibreOffice (libreoffice-writer-nogui) and pdftotext (poppler-utils) are needed")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(docx_to_pdf(build_docx(make(draft=True)), timeout=120))
    text = subprocess.run(
        ["pdftotext", "-layout", "-l", "1", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    lines = text.splitlines()
    for element in (
        "UBND TỈNH HÒA BÌNH",
        "BỘ CHỈ HUY QUÂN SỰ TỈNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hòa Bình, ngày 05 tháng 7 năm 2026",
        "DỰ THẢO",
    ):
        assert any(element in line for line in lines), (element, text[:800])
