"""A bordered table in the body of an official document: a bold header row repeated on every page, 12 pt."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt

from .ooxml import add_run, format_compact, set_cell_margins

TABLE_SIZE = Pt(11)
HEADER_SIZE = Pt(10)
NUMBER_COLUMN = Mm(10)
FIGURE_COLUMN = Mm(14)
# Narrow padding, so that a 14 mm figure column holds its header's longest word ("Thường" at 10 pt bold).
CELL_PADDING = Mm(0.6)


def add_grid_table(doc, rows: list[list[str]], *, text_width: int, total_row: bool = True) -> None:
    """`rows[0]` is the header (repeated on every page); columns: number, name, figures. With `total_row` the
    last row is a bold total."""
    columns = len(rows[0])
    table = doc.add_table(rows=len(rows), cols=columns)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    set_cell_margins(table._tbl.tblPr, CELL_PADDING)
    name_width = text_width - NUMBER_COLUMN - FIGURE_COLUMN * (columns - 2)
    widths = [NUMBER_COLUMN, name_width, *([FIGURE_COLUMN] * (columns - 2))]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    # Table._cells walks the whole grid; asking each row for its cells would walk it once per row.
    cells = table._cells
    for row_index, values in enumerate(rows):
        header = row_index == 0
        for column, value in enumerate(values):
            cell = cells[row_index * columns + column]
            cell.width = widths[column]
            paragraph = cell.paragraphs[0]
            left = column == 1 and not header
            format_compact(paragraph, WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER)
            bold = header or (total_row and row_index == len(rows) - 1)
            add_run(paragraph, value, size=HEADER_SIZE if header else TABLE_SIZE, bold=bold)
    _repeat_header(table.rows[0])


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.insert(0, cant_split)
