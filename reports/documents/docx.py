"""The NĐ 30/2020 official document (Phụ lục I) as .docx: A4 page, header table, title block, body, signature."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from .layout import (
    CELL_PADDING_MM,
    HEADER_LEFT_MM,
    HEADER_RIGHT_MM,
    MOTTO_SIZE,
    NATIONAL_SIZE,
    TEXT_WIDTH_MM,
    Fitted,
    fit_header_text,
    inner_width,
    rule_indent,
    short_rule_mm,
)
from .metrics import text_width_mm
from .ooxml import (
    add_bottom_border,
    add_box_border,
    add_compact,
    add_run,
    borderless_table,
    format_compact,
    set_mark_size,
    set_rfonts,
    style_run,
)
from .signature import Signer, add_signature_table
from .tables import add_grid_table
from .text import FONT_NAME, clean_text

BODY_SIZE = Pt(14)
HEADER_SIZE = Pt(13)
BODY_FIRST_LINE_INDENT = Cm(1.27)
BODY_SPACING = Pt(6)
BODY_LINE_SPACING = 1.15
RULE_LINE_HEIGHT = 3

PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(20)
MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT = Mm(30)
MARGIN_RIGHT = Mm(15)

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
DRAFT_BOX_PADDING_MM = 6


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    # Rows of a bordered table after the paragraphs; the first row is the header.
    table: list[list[str]] | None = None
    after_table: list[str] = field(default_factory=list)


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
    signer: Signer
    recipients: list[str]
    archive: str = "VT"
    draft: bool = False


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
    if document.draft:
        _add_draft_marks(doc)
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
        if section.table:
            add_grid_table(doc, section.table, text_width=Mm(TEXT_WIDTH_MM))
        for text in section.after_table:
            _add_body_paragraph(doc, text)
    add_signature_table(doc, signer=document.signer, recipients=document.recipients, archive=document.archive)

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


def _add_draft_marks(doc) -> None:
    """ "DỰ THẢO" boxed at the top right of every page, so a draft is never taken for the issued report."""
    section = doc.sections[0]
    # The first page's header is empty; the others' first paragraph holds the page number, so add one below it.
    for header, reuse in ((section.first_page_header, True), (section.header, False)):
        paragraph = header.paragraphs[0] if reuse else header.add_paragraph()
        format_compact(paragraph, WD_ALIGN_PARAGRAPH.CENTER)
        add_run(paragraph, DRAFT_MARK, size=HEADER_SIZE, bold=True)
        # The box's border follows the indents: indent it down to the mark's own width, at the right margin.
        mark_mm = text_width_mm(DRAFT_MARK, size_pt=HEADER_SIZE.pt, bold=True) + DRAFT_BOX_PADDING_MM
        paragraph.paragraph_format.left_indent = Mm(TEXT_WIDTH_MM - mark_mm)
        add_box_border(paragraph)


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
    table = borderless_table(doc, (Mm(HEADER_LEFT_MM), Mm(HEADER_RIGHT_MM)), padding=Mm(CELL_PADDING_MM))
    left, right = table.rows[0].cells
    left_room, right_room = inner_width(HEADER_LEFT_MM), inner_width(HEADER_RIGHT_MM)

    first = True
    if document.parent_body.strip():
        parent = fit_header_text(document.parent_body.strip().upper(), room_mm=left_room, bold=False)
        _add_lines(left, parent, bold=False, reuse_first=True)
        first = False
    issuing = fit_header_text(document.issuing_body.strip().upper(), room_mm=left_room, bold=True)
    _add_lines(left, issuing, bold=True, reuse_first=first)
    _add_rule(left, room_mm=left_room, rule_mm=short_rule_mm(issuing.width_mm(bold=True), left_room))
    number = add_compact(left, f"Số: {document.number}", size=HEADER_SIZE)
    number.paragraph_format.space_before = Pt(6)

    add_compact(right, NATIONAL_NAME, size=Pt(NATIONAL_SIZE), bold=True, reuse_first=True)
    add_compact(right, NATIONAL_MOTTO, size=Pt(MOTTO_SIZE), bold=True)
    motto_mm = text_width_mm(NATIONAL_MOTTO, size_pt=MOTTO_SIZE, bold=True)
    _add_rule(right, room_mm=right_room, rule_mm=motto_mm)
    dated = add_compact(
        right,
        format_document_date(document.place, document.issued_on),
        size=BODY_SIZE,
        italic=True,
    )
    dated.paragraph_format.space_before = Pt(6)


def _add_lines(cell, fitted: Fitted, *, bold: bool, reuse_first: bool) -> None:
    """One paragraph per measured line, so the break falls where it was measured, never where a font decides."""
    for index, line in enumerate(fitted.lines):
        add_compact(cell, line, size=Pt(fitted.size), bold=bold, reuse_first=reuse_first and index == 0)


def _add_rule(container, *, room_mm: float, rule_mm: float) -> None:
    """A centred horizontal rule `rule_mm` long: the bottom border of an empty, 1 pt-high paragraph."""
    paragraph = add_compact(container, "", size=Pt(1))
    fmt = paragraph.paragraph_format
    indent = Mm(rule_indent(room_mm=room_mm, rule_mm=rule_mm))
    fmt.left_indent = indent
    fmt.right_indent = indent
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(RULE_LINE_HEIGHT)
    add_bottom_border(paragraph)
    set_mark_size(paragraph, Pt(1))


def _add_title_block(doc, document: OfficialDocument) -> None:
    doc_type = add_compact(doc, document.doc_type.upper(), size=BODY_SIZE, bold=True)
    doc_type.paragraph_format.space_before = Pt(18)
    add_compact(doc, document.subject, size=BODY_SIZE, bold=True)
    subject_mm = text_width_mm(clean_text(document.subject), size_pt=BODY_SIZE.pt, bold=True)
    _add_rule(doc, room_mm=TEXT_WIDTH_MM, rule_mm=short_rule_mm(subject_mm, TEXT_WIDTH_MM))
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
