"""The annex table (.xlsx): sheet, header, values, formulas never evaluated, print setup and bad input."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from reports.documents.xlsx import build_xlsx

FONT = "Times New Roman"


def make_xlsx(**overrides) -> bytes:
    values = {
        "title": "PHỤ LỤC: DANH SÁCH ĐƠN VỊ",
        "subtitle": "(Kèm theo Báo cáo số 45/BC-BCH ngày 05/01/2020)",
        "columns": ["STT", "Tên đơn vị", "Ngày giao", "Số lượng"],
        "rows": [
            [1, "Ban Chỉ huy Quân sự huyện Đà Bắc", dt.date(2020, 1, 5), 12],
            [2, '=HYPERLINK("http://x")', dt.datetime(2020, 3, 15, 8, 30), 3.5],
            [3, "Trạm\x0bkiểm soát\x00"],
        ],
    }
    values.update(overrides)
    return build_xlsx(**values)


@pytest.fixture(scope="module")
def sheet():
    return openpyxl.load_workbook(io.BytesIO(make_xlsx())).active


def test_xlsx_sheet_name_and_title(sheet):
    assert sheet.title == "Phụ lục"
    assert sheet["A1"].value == "PHỤ LỤC: DANH SÁCH ĐƠN VỊ"
    assert sheet["A1"].font.bold
    assert sheet["A1"].font.size == 14
    assert sheet["A1"].font.name == FONT
    assert "A1:D1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A2"].value == "(Kèm theo Báo cáo số 45/BC-BCH ngày 05/01/2020)"


def test_xlsx_header_row(sheet):
    assert [c.value for c in sheet[3]] == ["STT", "Tên đơn vị", "Ngày giao", "Số lượng"]
    for cell in sheet[3]:
        assert cell.font.bold
        assert cell.font.name == FONT
        assert cell.fill.fill_type == "solid"
        assert cell.border.bottom.style == "thin"
        assert cell.alignment.wrap_text


def test_xlsx_values_round_trip(sheet):
    assert sheet["B4"].value == "Ban Chỉ huy Quân sự huyện Đà Bắc"
    assert sheet["B4"].font.name == FONT
    assert sheet["D4"].value == 12
    assert sheet["C4"].value == dt.datetime(2020, 1, 5)
    assert sheet["C4"].is_date
    assert sheet["C4"].number_format == "dd/mm/yyyy"
    assert sheet["C5"].value == dt.datetime(2020, 3, 15, 8, 30)
    assert sheet["C5"].number_format.startswith("dd/mm/yyyy")
    # Missing trailing values leave empty cells rather than failing.
    assert sheet["B6"].value == "Trạm kiểm soát"
    assert sheet["C6"].value is None


def test_xlsx_user_text_is_never_a_formula(sheet):
    assert sheet["B5"].value == '=HYPERLINK("http://x")'
    assert sheet["B5"].data_type == "s"


def test_xlsx_freeze_panes_and_auto_filter(sheet):
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:D6"


def test_xlsx_body_cells_are_bordered_and_wrapped(sheet):
    # Empty cells left by short rows keep the grid too.
    for coordinate in ("A4", "B5", "C4", "C6", "D6"):
        cell = sheet[coordinate]
        assert cell.font.name == FONT
        assert cell.font.size == 12
        assert not cell.font.bold
        assert cell.border.left.style == cell.border.bottom.style == "thin"
        assert cell.alignment.wrap_text
        assert cell.alignment.vertical == "top"


def test_xlsx_print_setup(sheet):
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.page_setup.orientation == "landscape"
    # One page wide, as many pages tall as needed (fitToWidth defaults to 1).
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1)
    assert sheet.page_setup.fitToHeight == 0


def test_xlsx_accepts_rows_as_any_iterable_and_a_single_column():
    data = build_xlsx(title="Danh sách", columns=["Tên"], rows=(iter([name]) for name in ["Đà Bắc", "Mai Châu"]))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [row[0].value for row in sheet.iter_rows()] == ["Danh sách", "Tên", "Đà Bắc", "Mai Châu"]
    assert sheet["A1"].font.bold
    assert not sheet.merged_cells.ranges
    assert sheet.freeze_panes == "A3"


def test_xlsx_column_widths_follow_content_and_are_capped():
    data = make_xlsx(rows=[[1, "x" * 500, dt.date(2020, 1, 1), 1]], subtitle=None)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.column_dimensions["B"].width == 60
    assert 6 <= sheet.column_dimensions["A"].width < 12
    assert sheet.column_dimensions["C"].width >= 10


def test_xlsx_without_subtitle_puts_header_on_row_two():
    data = make_xlsx(subtitle=None, rows=[])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "STT"
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:D2"


def test_xlsx_sheet_name_is_sanitised():
    data = make_xlsx(sheet_name="Phụ lục [1]/2020: danh sách chi tiết các đơn vị")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert len(sheet.title) <= 31
    assert not any(ch in sheet.title for ch in "[]:*?/\\")


def test_xlsx_rejects_rows_longer_than_columns():
    with pytest.raises(ValueError, match="5 values for 4 columns"):
        make_xlsx(rows=[[1, 2, 3, 4, 5]])


def test_xlsx_requires_columns():
    with pytest.raises(ValueError, match="at least one column"):
        build_xlsx(title="x", columns=[], rows=[])
