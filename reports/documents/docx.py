"""The NĐ 30/2020 official document (Phụ lục I) as .docx: A4 page, header table, title block, body, signature."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from .ooxml import add_bottom_border, add_compact, add_run, borderless_table, format_compact, set_rfonts, style_run
from .text import FONT_NAME, clean_text

BODY_SIZE = Pt(14)
HEADER_SIZE = Pt(13)
BODY_FIRST_LINE_INDENT = Cm(1.27)
BODY_SPACING = Pt(6)
BODY_LINE_SPACING = 1.15

PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(20)
MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT = Mm(30)
MARGIN_RIGHT = Mm(15)

# 65 + 100 = the 165 mm text width. Measured with Times-metric fonts, the
# right column must hold "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" at 13 pt bold
# (~89 mm) on one line, which leaves ~61 mm for a typical issuing body.
HEADER_LEFT_WIDTH = Mm(65)
HEADER_RIGHT_WIDTH = Mm(100)
# The motto underline must be about as long as the motto (~57 mm at 14 pt
# bold); a paragraph border spans the indented width, so indent to shorten it.
MOTTO_INDENT = Mm(18)
SIGNATURE_LEFT_WIDTH = Mm(75)
SIGNATURE_RIGHT_WIDTH = Mm(90)
SIGNATURE_BLANK_LINES = 4

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class OfficialDocument:
    parent_body: str
    issuing_body: str
    number: str
    place: str
    issued_on: dt.date
    doc_type: str
    subject: str
    recipient: str | None
    intro: list[str]
    sections: list[Section]
    signer_authority: str
    signer_name: str
    recipients: list[str]
    archive: str = "VT"
    signer_delegation: str | None = None


def format_document_date(place: str, day: dt.date) -> str:
    # NĐ 30/2020 Phụ lục I: pad days below 10 and months 1-2 (so "tháng 01"
    # cannot be altered to "tháng 11"); months 3-12 are written as is.
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    dated = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    place = clean_text(place).strip()
    return f"{place}, {dated}" if place else dated


def build_docx(document: OfficialDocument) -> bytes:
    doc = Document()
    _setup_page(doc)
    _setup_default_font(doc)
    _set_core_properties(doc, document)

    _add_header_table(doc, document)
    _add_title_block(doc, document)
    for text in document.intro:
        _add_body_paragraph(doc, text)
    for section in document.sections:
        if section.heading.strip():
            _add_body_paragraph(doc, section.heading, bold=True, keep_with_next=True)
        for text in section.paragraphs:
            _add_body_paragraph(doc, text)
    _add_signature_table(doc, document)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _setup_page(doc) -> None:
    section = doc.sections[0]
    # python-docx's bundled template is US Letter; state A4 explicitly.
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.top_margin = MARGIN_TOP
    section.bottom_margin = MARGIN_BOTTOM
    section.left_margin = MARGIN_LEFT
    section.right_margin = MARGIN_RIGHT
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # NĐ 30 numbers pages from page 2 only, centred in the top margin.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_page_number_field(paragraph)


def _add_page_number_field(paragraph: Paragraph) -> None:
    field_element = OxmlElement("w:fldSimple")
    field_element.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field_element)
    run = paragraph.add_run("1")
    style_run(run, size=BODY_SIZE)
    # Word shows the cached run until fields update; it must sit inside the field.
    field_element.append(run._r)


def _setup_default_font(doc) -> None:
    # The template's defaults use theme fonts (Calibri/Cambria), and theme
    # attributes win over explicit names, so replace them at every level.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is not None:
        r_pr = rpr_default.find(qn("w:rPr"))
        if r_pr is not None:
            set_rfonts(r_pr)
            lang = r_pr.find(qn("w:lang"))
            if lang is not None:
                # Vietnamese proofing instead of English red squiggles everywhere.
                lang.set(qn("w:val"), "vi-VN")

    normal = doc.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = BODY_SIZE
    set_rfonts(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0


def _set_core_properties(doc, document: OfficialDocument) -> None:
    props = doc.core_properties
    props.author = clean_text(document.issuing_body)
    props.last_modified_by = clean_text(document.issuing_body)
    props.title = clean_text(f"{document.doc_type} {document.subject}").strip()
    props.subject = clean_text(document.subject)
    props.comments = ""
    props.keywords = ""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    props.created = now
    props.modified = now
    props.revision = 1


def _add_header_table(doc, document: OfficialDocument) -> None:
    table = borderless_table(doc, (HEADER_LEFT_WIDTH, HEADER_RIGHT_WIDTH))
    left, right = table.rows[0].cells

    add_compact(left, document.parent_body.upper(), size=HEADER_SIZE, reuse_first=True)
    issuing = add_compact(left, document.issuing_body.upper(), size=HEADER_SIZE, bold=True)
    add_bottom_border(issuing)
    number = add_compact(left, f"Số: {document.number}", size=HEADER_SIZE)
    number.paragraph_format.space_before = Pt(6)

    add_compact(right, NATIONAL_NAME, size=HEADER_SIZE, bold=True, reuse_first=True)
    motto = add_compact(right, NATIONAL_MOTTO, size=BODY_SIZE, bold=True)
    motto.paragraph_format.left_indent = MOTTO_INDENT
    motto.paragraph_format.right_indent = MOTTO_INDENT
    add_bottom_border(motto)
    dated = add_compact(
        right,
        format_document_date(document.place, document.issued_on),
        size=BODY_SIZE,
        italic=True,
    )
    dated.paragraph_format.space_before = Pt(6)


def _add_title_block(doc, document: OfficialDocument) -> None:
    doc_type = add_compact(doc, document.doc_type.upper(), size=BODY_SIZE, bold=True)
    doc_type.paragraph_format.space_before = Pt(18)
    add_compact(doc, document.subject, size=BODY_SIZE, bold=True)
    if document.recipient and document.recipient.strip():
        recipient = add_compact(doc, f"Kính gửi: {document.recipient.strip()}", size=BODY_SIZE)
        recipient.paragraph_format.space_before = Pt(12)
    # Visual gap between the title block and the body text.
    doc.paragraphs[-1].paragraph_format.space_after = Pt(12)


def _add_body_paragraph(doc, text: str, *, bold: bool = False, keep_with_next: bool = False):
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = BODY_FIRST_LINE_INDENT
    fmt.space_before = BODY_SPACING
    fmt.space_after = BODY_SPACING
    fmt.line_spacing = BODY_LINE_SPACING
    fmt.keep_with_next = keep_with_next or None
    add_run(paragraph, text, size=BODY_SIZE, bold=bold)
    return paragraph


def _recipient_lines(document: OfficialDocument) -> list[str]:
    # Callers often paste lines copied from older documents that already carry
    # the "- " prefix or ";" suffix; normalise so they are not doubled.
    lines = []
    for raw in document.recipients:
        text = clean_text(raw).strip().lstrip("-\u2013").strip().rstrip(";,").strip()
        if text:
            lines.append(f"- {text};")
    archive = clean_text(document.archive).strip().rstrip(".;,").strip() or "VT"
    lines.append(f"- Lưu: {archive}.")
    return lines


def _add_signature_table(doc, document: OfficialDocument) -> None:
    spacer = doc.add_paragraph()
    format_compact(spacer, WD_ALIGN_PARAGRAPH.LEFT)
    table = borderless_table(doc, (SIGNATURE_LEFT_WIDTH, SIGNATURE_RIGHT_WIDTH))
    left, right = table.rows[0].cells

    add_compact(
        left,
        "Nơi nhận:",
        size=Pt(12),
        bold=True,
        italic=True,
        alignment=WD_ALIGN_PARAGRAPH.LEFT,
        reuse_first=True,
    )
    for line in _recipient_lines(document):
        add_compact(left, line, size=Pt(11), alignment=WD_ALIGN_PARAGRAPH.LEFT)

    first = True
    if document.signer_delegation and document.signer_delegation.strip():
        add_compact(
            right,
            document.signer_delegation.strip().upper(),
            size=HEADER_SIZE,
            bold=True,
            reuse_first=True,
        )
        first = False
    add_compact(
        right,
        document.signer_authority.strip().upper(),
        size=HEADER_SIZE,
        bold=True,
        reuse_first=first,
    )
    for _ in range(SIGNATURE_BLANK_LINES):
        add_compact(right, "", size=BODY_SIZE)
    add_compact(right, document.signer_name.strip(), size=BODY_SIZE, bold=True)
