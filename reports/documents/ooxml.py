"""Low-level WordprocessingML helpers python-docx lacks: Times New Roman on every script slot, compact
paragraphs, bottom borders and borderless tables, each element inserted where Word's schema wants it."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from functools import lru_cache

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from .text import FONT_NAME, clean_text


def set_rfonts(r_pr) -> None:
    rfonts = r_pr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        r_pr.insert(0, rfonts)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme_attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT_NAME)


def style_run(run, *, size: Pt, bold: bool = False, italic: bool = False) -> None:
    """Times New Roman on every script slot, the size (also for complex scripts), bold and italic.

    The run properties are built once per style and copied: python-docx's setters look up the schema's
    child order on every call, which made a 60-agency table take seconds.
    """
    r_pr = run._r.get_or_add_rPr()
    for child in list(r_pr):
        r_pr.remove(child)
    for child in _run_properties(int(size.pt * 2), bold, italic):
        r_pr.append(copy.deepcopy(child))


@lru_cache(maxsize=64)
def _run_properties(half_points: int, bold: bool, italic: bool) -> tuple:
    # Word may render characters through the eastAsia or cs slot depending on
    # the editing language and w:hint; leaving those unset lets Vietnamese
    # text fall back to another font. Children in CT_RPr's schema order.
    rfonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT_NAME)
    children = [rfonts]
    for tag, on in (("w:b", bold), ("w:i", italic)):
        element = OxmlElement(tag)
        if not on:
            element.set(qn("w:val"), "0")
        children.append(element)
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(half_points))
        children.append(element)
    return tuple(children)


def add_run(
    paragraph: Paragraph,
    text: str,
    *,
    size: Pt,
    bold: bool = False,
    italic: bool = False,
) -> None:
    run = paragraph.add_run(clean_text(text))
    style_run(run, size=size, bold=bold, italic=italic)


def format_compact(paragraph: Paragraph, alignment) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = alignment
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0


def add_compact(
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
    format_compact(paragraph, alignment)
    if text:
        add_run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def add_bottom_border(paragraph: Paragraph) -> None:
    _add_paragraph_borders(paragraph, ("bottom",))


def add_box_border(paragraph: Paragraph) -> None:
    _add_paragraph_borders(paragraph, ("top", "left", "bottom", "right"), space="2")


def set_mark_size(paragraph: Paragraph, size: Pt) -> None:
    """The size of the paragraph mark: what sets an empty paragraph's height."""
    p_pr = paragraph._p.get_or_add_pPr()
    r_pr = p_pr.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        p_pr.insert_element_before(r_pr, "w:sectPr", "w:pPrChange")
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(int(size.pt * 2)))
        r_pr.append(element)


def _add_paragraph_borders(paragraph: Paragraph, edges: Sequence[str], *, space: str = "1") -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for edge in edges:
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "6")
        line.set(qn("w:space"), space)
        line.set(qn("w:color"), "auto")
        borders.append(line)
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


def borderless_table(doc, widths: Sequence[int], *, padding: int | None = None) -> Table:
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
    if padding is not None:
        set_cell_margins(tbl_pr, padding)
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(int(width.twips) for width in widths)))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
    return table


def set_cell_margins(tbl_pr, padding: int) -> None:
    """State the cells' left and right padding, so the room measured for each header line is the room used."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(padding.twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
