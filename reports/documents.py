"""Render NĐ 30/2020 administrative documents as .docx and annex tables as .xlsx."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import xlsxwriter
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT_NAME = "Times New Roman"
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

XLSX_DATE_FORMAT = "dd/mm/yyyy"
XLSX_DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
XLSX_MAX_COLUMN_WIDTH = 60
XLSX_MIN_COLUMN_WIDTH = 6
XLSX_MAX_CELL_TEXT = 32_767
XLSX_PIXELS_PER_CHARACTER = 7
XLSX_PAPER_A4 = 9

# Characters XML 1.0 forbids; lxml refuses them, so one user-typed control
# character would otherwise break the whole .docx export (XlsxWriter would show
# them as _x0000_ codes in the .xlsx).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Vertical tab and form feed come from Word's manual line/page breaks pasted
# into form fields; they separate words, so keep a space rather than gluing them.
_XML_ILLEGAL_SPACES = re.compile("[\x0b\x0c]")
_SHEET_TITLE_ILLEGAL = re.compile(r"[\[\]:*?/\\]")


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


def clean_text(value: object) -> str:
    text = "" if value is None else str(value)
    return _XML_ILLEGAL.sub("", _XML_ILLEGAL_SPACES.sub(" ", text))


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
    _style_run(run, size=BODY_SIZE)
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
            _set_rfonts(r_pr)
            lang = r_pr.find(qn("w:lang"))
            if lang is not None:
                # Vietnamese proofing instead of English red squiggles everywhere.
                lang.set(qn("w:val"), "vi-VN")

    normal = doc.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = BODY_SIZE
    _set_rfonts(normal.element.get_or_add_rPr())
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


def _set_rfonts(r_pr) -> None:
    rfonts = r_pr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        r_pr.insert(0, rfonts)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme_attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT_NAME)


def _style_run(run, *, size: Pt, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT_NAME
    run.font.size = size
    run.font.bold = bold
    run.font.italic = italic
    r_pr = run._r.get_or_add_rPr()
    # Word may render characters through the eastAsia or cs slot depending on
    # the editing language and w:hint; leaving those unset lets Vietnamese
    # text fall back to another font.
    _set_rfonts(r_pr)
    size_cs = r_pr.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = OxmlElement("w:szCs")
        r_pr.find(qn("w:sz")).addnext(size_cs)
    size_cs.set(qn("w:val"), str(int(size.pt * 2)))


def _add_run(
    paragraph: Paragraph,
    text: str,
    *,
    size: Pt,
    bold: bool = False,
    italic: bool = False,
) -> None:
    run = paragraph.add_run(clean_text(text))
    _style_run(run, size=size, bold=bold, italic=italic)


def _format_compact(paragraph: Paragraph, alignment) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = alignment
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0


def _add_compact(
    container,
    text: str,
    *,
    size: Pt,
    bold: bool = False,
    italic: bool = False,
    alignment=WD_ALIGN_PARAGRAPH.CENTER,
    reuse_first: bool = False,
) -> Paragraph:
    # A new cell already owns one empty paragraph; fill it instead of leaving
    # a blank line at the top of the cell.
    if reuse_first and container.paragraphs and not container.paragraphs[0].text:
        paragraph = container.paragraphs[0]
    else:
        paragraph = container.add_paragraph()
    _format_compact(paragraph, alignment)
    if text:
        _add_run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _add_bottom_border(paragraph: Paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "auto")
    borders.append(bottom)
    # CT_PPr is a strict sequence; a misplaced pBdr makes Word reject the file.
    p_pr.insert_element_before(
        borders,
        *(
            f"w:{tag}"
            for tag in (
                "shd",
                "tabs",
                "suppressAutoHyphens",
                "kinsoku",
                "wordWrap",
                "overflowPunct",
                "topLinePunct",
                "autoSpaceDE",
                "autoSpaceDN",
                "bidi",
                "adjustRightInd",
                "snapToGrid",
                "spacing",
                "ind",
                "contextualSpacing",
                "mirrorIndents",
                "suppressOverlap",
                "jc",
                "textDirection",
                "textAlignment",
                "textboxTightWrap",
                "outlineLvl",
                "divId",
                "cnfStyle",
                "rPr",
                "sectPr",
                "pPrChange",
            )
        ),
    )


def _borderless_table(doc, widths: Sequence[int]) -> Table:
    table = doc.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    # CT_TblPr is a strict sequence: tblBorders must precede shd, tblLayout,
    # tblCellMar and tblLook, otherwise Word reports the file as corrupt.
    tbl_pr.insert_element_before(
        borders,
        *(
            f"w:{tag}"
            for tag in (
                "shd",
                "tblLayout",
                "tblCellMar",
                "tblLook",
                "tblCaption",
                "tblDescription",
                "tblPrChange",
            )
        ),
    )
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(int(width.twips) for width in widths)))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
    return table


def _add_header_table(doc, document: OfficialDocument) -> None:
    table = _borderless_table(doc, (HEADER_LEFT_WIDTH, HEADER_RIGHT_WIDTH))
    left, right = table.rows[0].cells

    _add_compact(left, document.parent_body.upper(), size=HEADER_SIZE, reuse_first=True)
    issuing = _add_compact(left, document.issuing_body.upper(), size=HEADER_SIZE, bold=True)
    _add_bottom_border(issuing)
    number = _add_compact(left, f"Số: {document.number}", size=HEADER_SIZE)
    number.paragraph_format.space_before = Pt(6)

    _add_compact(right, NATIONAL_NAME, size=HEADER_SIZE, bold=True, reuse_first=True)
    motto = _add_compact(right, NATIONAL_MOTTO, size=BODY_SIZE, bold=True)
    motto.paragraph_format.left_indent = MOTTO_INDENT
    motto.paragraph_format.right_indent = MOTTO_INDENT
    _add_bottom_border(motto)
    dated = _add_compact(
        right,
        format_document_date(document.place, document.issued_on),
        size=BODY_SIZE,
        italic=True,
    )
    dated.paragraph_format.space_before = Pt(6)


def _add_title_block(doc, document: OfficialDocument) -> None:
    doc_type = _add_compact(doc, document.doc_type.upper(), size=BODY_SIZE, bold=True)
    doc_type.paragraph_format.space_before = Pt(18)
    _add_compact(doc, document.subject, size=BODY_SIZE, bold=True)
    if document.recipient and document.recipient.strip():
        recipient = _add_compact(doc, f"Kính gửi: {document.recipient.strip()}", size=BODY_SIZE)
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
    _add_run(paragraph, text, size=BODY_SIZE, bold=bold)
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
    _format_compact(spacer, WD_ALIGN_PARAGRAPH.LEFT)
    table = _borderless_table(doc, (SIGNATURE_LEFT_WIDTH, SIGNATURE_RIGHT_WIDTH))
    left, right = table.rows[0].cells

    _add_compact(
        left,
        "Nơi nhận:",
        size=Pt(12),
        bold=True,
        italic=True,
        alignment=WD_ALIGN_PARAGRAPH.LEFT,
        reuse_first=True,
    )
    for line in _recipient_lines(document):
        _add_compact(left, line, size=Pt(11), alignment=WD_ALIGN_PARAGRAPH.LEFT)

    first = True
    if document.signer_delegation and document.signer_delegation.strip():
        _add_compact(
            right,
            document.signer_delegation.strip().upper(),
            size=HEADER_SIZE,
            bold=True,
            reuse_first=True,
        )
        first = False
    _add_compact(
        right,
        document.signer_authority.strip().upper(),
        size=HEADER_SIZE,
        bold=True,
        reuse_first=first,
    )
    for _ in range(SIGNATURE_BLANK_LINES):
        _add_compact(right, "", size=BODY_SIZE)
    _add_compact(right, document.signer_name.strip(), size=BODY_SIZE, bold=True)


def _sheet_title(name: str) -> str:
    # Excel caps sheet names at 31 characters and forbids []:*?/\ in them.
    title = _SHEET_TITLE_ILLEGAL.sub(" ", clean_text(name)).strip().strip("'")
    return title[:31] or "Sheet1"


def _excel_value(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        # Excel has no time zones; keep the wall-clock time the caller localised.
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date | bool | int | float | Decimal):
        return value
    # A cell holds at most 32,767 characters.
    return clean_text(value)[:XLSX_MAX_CELL_TEXT]


def _display_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return len(XLSX_DATETIME_FORMAT)
    if isinstance(value, dt.date):
        return len(XLSX_DATE_FORMAT)
    if isinstance(value, str) and "\n" not in value and "\r" not in value:
        return len(value)
    return max((len(line) for line in str(value).splitlines()), default=0)


def _column_pixels(width: int) -> int:
    # XlsxWriter's set_column() adds Excel's 5 px cell padding to a width in
    # characters; stating pixels (7 per character of the default font) stores
    # exactly the width computed, in characters, as the file always had.
    return width * XLSX_PIXELS_PER_CHARACTER


def build_xlsx(
    *,
    title: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    sheet_name: str = "Phụ lục",
    subtitle: str | None = None,
) -> bytes:
    """One sheet: a merged title row, an optional subtitle, a header row and one bordered row per item.

    Written with XlsxWriter in constant-memory mode: each row goes to a temporary file as soon as the next
    one starts, and every cell of a kind shares one format. Styling each cell of an openpyxl workbook took
    about a minute for a province's 50,000 assignments.
    """
    if not columns:
        raise ValueError("build_xlsx needs at least one column")
    buffer = io.BytesIO()
    # Leaving the block closes the workbook, also when a bad row raises half way.
    with xlsxwriter.Workbook(buffer, {"constant_memory": True, "nan_inf_to_errors": True}) as workbook:
        _write_sheet(workbook, title=title, subtitle=subtitle, columns=columns, rows=rows, sheet_name=sheet_name)
    return buffer.getvalue()


def _write_sheet(
    workbook: xlsxwriter.Workbook,
    *,
    title: str,
    subtitle: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    sheet_name: str,
) -> None:
    sheet = workbook.add_worksheet(_sheet_title(sheet_name))
    column_count = len(columns)
    header = [clean_text(name) for name in columns]
    widths = [_display_width(name) for name in header]

    border = {"border": 1, "border_color": "#000000"}
    centred = {"align": "center", "valign": "vcenter", "text_wrap": True}
    body = {"font_name": FONT_NAME, "font_size": 12, "valign": "top", "text_wrap": True, **border}
    body_format = workbook.add_format(body)
    date_format = workbook.add_format({**body, "num_format": XLSX_DATE_FORMAT})
    datetime_format = workbook.add_format({**body, "num_format": XLSX_DATETIME_FORMAT})

    sheet.set_row(0, 24)
    heading_rows = [(title, {"font_size": 14, "bold": True})]
    if subtitle:
        heading_rows.append((subtitle, {"font_size": 12, "italic": True}))
    for row_index, (text, font) in enumerate(heading_rows):
        cell_format = workbook.add_format({"font_name": FONT_NAME, **font, **centred})
        if column_count > 1:
            sheet.merge_range(row_index, 0, row_index, column_count - 1, clean_text(text), cell_format)
        else:
            sheet.write_string(row_index, 0, clean_text(text), cell_format)

    header_row = len(heading_rows)
    header_format = workbook.add_format(
        {"font_name": FONT_NAME, "font_size": 12, "bold": True, "pattern": 1, "bg_color": "#D9E1F2"} | centred | border
    )
    for column, name in enumerate(header):
        sheet.write_string(header_row, column, name, header_format)

    row_index = header_row
    for number, row in enumerate(rows, start=1):
        values = row if isinstance(row, list | tuple) else list(row)
        if len(values) > column_count:
            raise ValueError(f"row {number} has {len(values)} values for {column_count} columns")
        row_index += 1
        for column in range(column_count):
            value = _excel_value(values[column]) if column < len(values) else None
            if value is None:
                # Still bordered: missing trailing values leave empty cells in the grid.
                sheet.write_blank(row_index, column, None, body_format)
                continue
            if isinstance(value, str):
                # Always a string: text typed by users must never become a live formula.
                sheet.write_string(row_index, column, value, body_format)
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(row_index, column, value, datetime_format)
            elif isinstance(value, dt.date):
                sheet.write_datetime(row_index, column, value, date_format)
            elif isinstance(value, bool):
                sheet.write_boolean(row_index, column, value, body_format)
            else:
                sheet.write_number(row_index, column, value, body_format)
            width = _display_width(value)
            if width > widths[column]:
                widths[column] = width

    # Column widths, panes, filter and print setup are written when the
    # workbook closes, so they can follow the rows.
    for column, width in enumerate(widths):
        width = min(max(width + 2, XLSX_MIN_COLUMN_WIDTH), XLSX_MAX_COLUMN_WIDTH)
        sheet.set_column_pixels(column, column, _column_pixels(width))
    sheet.freeze_panes(header_row + 1, 0)
    sheet.autofilter(header_row, 0, row_index, column_count - 1)
    sheet.repeat_rows(header_row)
    sheet.set_paper(XLSX_PAPER_A4)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
