"""The annex as .xlsx: one sheet with a merged title, a header row and one bordered row per item (XlsxWriter)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from .text import FONT_NAME, clean_text

XLSX_DATE_FORMAT = "dd/mm/yyyy"
XLSX_DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
XLSX_MAX_COLUMN_WIDTH = 60
XLSX_MIN_COLUMN_WIDTH = 6
XLSX_MAX_CELL_TEXT = 32_767
XLSX_PIXELS_PER_CHARACTER = 7
XLSX_PAPER_A4 = 9
_SHEET_TITLE_ILLEGAL = re.compile(r"[\[\]:*?/\\]")
_BORDER = {"border": 1, "border_color": "#000000"}
_CENTRED = {"align": "center", "valign": "vcenter", "text_wrap": True}


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


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: Sequence[str]
    rows: Iterable[Sequence[object]]
    sheet_name: str = "Phụ lục"
    subtitle: str | None = None


def build_xlsx(
    *,
    title: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    sheet_name: str = "Phụ lục",
    subtitle: str | None = None,
) -> bytes:
    """One sheet: a merged title row, an optional subtitle, a header row and one bordered row per item."""
    return build_workbook([Sheet(title=title, columns=columns, rows=rows, sheet_name=sheet_name, subtitle=subtitle)])


def build_workbook(sheets: Sequence[Sheet]) -> bytes:
    """Each sheet in turn, laid out as build_xlsx lays out one.

    Written with XlsxWriter in constant-memory mode: each row goes to a temporary file as soon as the next
    one starts, and every cell of a kind shares one format. Styling each cell of an openpyxl workbook took
    about a minute for a province's 50,000 assignments.
    """
    if not sheets or any(not sheet.columns for sheet in sheets):
        raise ValueError("build_xlsx needs at least one column")
    buffer = io.BytesIO()
    # Leaving the block closes the workbook, also when a bad row raises half way.
    with xlsxwriter.Workbook(buffer, {"constant_memory": True, "nan_inf_to_errors": True}) as workbook:
        for sheet in sheets:
            _write_sheet(
                workbook,
                title=sheet.title,
                subtitle=sheet.subtitle,
                columns=sheet.columns,
                rows=sheet.rows,
                sheet_name=sheet.sheet_name,
            )
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
    header = [clean_text(name) for name in columns]
    widths = [_display_width(name) for name in header]
    formats = _body_formats(workbook)
    header_row = _write_headings(workbook, sheet, title=title, subtitle=subtitle, column_count=len(header))
    _write_header(workbook, sheet, header, row_index=header_row)
    last_row = _write_rows(sheet, rows, header_row=header_row, widths=widths, formats=formats)
    # Column widths, panes, filter and print setup are written when the
    # workbook closes, so they can follow the rows.
    _finish_sheet(sheet, widths, header_row=header_row, last_row=last_row)


@dataclass(frozen=True)
class _BodyFormats:
    """Every body cell of a kind shares one format."""

    text: Format
    date: Format
    datetime: Format


def _body_formats(workbook: xlsxwriter.Workbook) -> _BodyFormats:
    body = {"font_name": FONT_NAME, "font_size": 12, "valign": "top", "text_wrap": True, **_BORDER}
    return _BodyFormats(
        text=workbook.add_format(body),
        date=workbook.add_format({**body, "num_format": XLSX_DATE_FORMAT}),
        datetime=workbook.add_format({**body, "num_format": XLSX_DATETIME_FORMAT}),
    )


def _write_headings(
    workbook: xlsxwriter.Workbook, sheet: Worksheet, *, title: str, subtitle: str | None, column_count: int
) -> int:
    """The title (and subtitle) across every column; returns the index of the header row that follows."""
    sheet.set_row(0, 24)
    heading_rows = [(title, {"font_size": 14, "bold": True})]
    if subtitle:
        heading_rows.append((subtitle, {"font_size": 12, "italic": True}))
    for row_index, (text, font) in enumerate(heading_rows):
        cell_format = workbook.add_format({"font_name": FONT_NAME, **font, **_CENTRED})
        if column_count > 1:
            sheet.merge_range(row_index, 0, row_index, column_count - 1, clean_text(text), cell_format)
        else:
            sheet.write_string(row_index, 0, clean_text(text), cell_format)
    return len(heading_rows)


def _write_header(workbook: xlsxwriter.Workbook, sheet: Worksheet, header: list[str], *, row_index: int) -> None:
    header_format = workbook.add_format(
        {"font_name": FONT_NAME, "font_size": 12, "bold": True, "pattern": 1, "bg_color": "#D9E1F2"}
        | _CENTRED
        | _BORDER
    )
    for column, name in enumerate(header):
        sheet.write_string(row_index, column, name, header_format)


def _write_rows(
    sheet: Worksheet,
    rows: Iterable[Sequence[object]],
    *,
    header_row: int,
    widths: list[int],
    formats: _BodyFormats,
) -> int:
    """One bordered row per item under the header, widening `widths` to fit; returns the last row's index."""
    column_count = len(widths)
    row_index = header_row
    for number, row in enumerate(rows, start=1):
        values = row if isinstance(row, list | tuple) else list(row)
        if len(values) > column_count:
            raise ValueError(f"row {number} has {len(values)} values for {column_count} columns")
        row_index += 1
        for column in range(column_count):
            value = _excel_value(values[column]) if column < len(values) else None
            _write_cell(sheet, row_index, column, value, formats)
            widths[column] = max(widths[column], _display_width(value))
    return row_index


def _write_cell(sheet: Worksheet, row_index: int, column: int, value: object, formats: _BodyFormats) -> None:
    if value is None:
        # Still bordered: missing trailing values leave empty cells in the grid.
        sheet.write_blank(row_index, column, None, formats.text)
    elif isinstance(value, str):
        # Always a string: text typed by users must never become a live formula.
        sheet.write_string(row_index, column, value, formats.text)
    elif isinstance(value, dt.datetime):
        sheet.write_datetime(row_index, column, value, formats.datetime)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row_index, column, value, formats.date)
    elif isinstance(value, bool):
        sheet.write_boolean(row_index, column, value, formats.text)
    else:
        sheet.write_number(row_index, column, value, formats.text)


def _finish_sheet(sheet: Worksheet, widths: list[int], *, header_row: int, last_row: int) -> None:
    for column, width in enumerate(widths):
        width = min(max(width + 2, XLSX_MIN_COLUMN_WIDTH), XLSX_MAX_COLUMN_WIDTH)
        sheet.set_column_pixels(column, column, _column_pixels(width))
    sheet.freeze_panes(header_row + 1, 0)
    sheet.autofilter(header_row, 0, last_row, len(widths) - 1)
    sheet.repeat_rows(header_row)
    sheet.set_paper(XLSX_PAPER_A4)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
