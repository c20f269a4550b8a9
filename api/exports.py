"""Lists as files: CSV (UTF-8 with a byte order mark, so Excel reads Vietnamese) and .xlsx (XlsxWriter).

Both stream: the CSV is written row by row into the response, the workbook in XlsxWriter's constant-memory mode
into a temporary file, so memory stays flat however many rows a list has.
"""

import csv
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from tasks.models import Assignment
from tasks.timeliness import Status, Timeliness

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"


@dataclass(frozen=True)
class Table:
    name: str  # the file's name without extension
    header: Sequence[str]
    rows: Iterable[Sequence]  # values: str, int, date or None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(table: Table) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield BOM + writer.writerow([str(cell) for cell in table.header])
        for row in table.rows:
            yield writer.writerow([_text(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.name}.csv"'
    return response


def xlsx_response(table: Table) -> FileResponse:
    target = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it)
    book = xlsxwriter.Workbook(target, {"constant_memory": True, "in_memory": False})
    sheet = book.add_worksheet(table.name[:31])
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, [str(cell) for cell in table.header], bold)
    sheet.freeze_panes(1, 0)
    for index, row in enumerate(table.rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, date):
                sheet.write_datetime(index, column, value, day)
            elif value is not None:
                sheet.write(index, column, value)
    book.close()
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=f"{table.name}.xlsx", content_type=XLSX)


def table_response(table: Table, fmt: str):
    return csv_response(table) if fmt == "csv" else xlsx_response(table)


def assignment_header() -> list[str]:
    return [
        _("Id"),
        _("Directive"),
        _("Item"),
        _("Task"),
        _("Agency"),
        _("Role"),
        _("Workflow state"),
        _("Timeliness"),
        _("Deadline"),
        _("Percent done"),
        _("Completed on"),
    ]


ASSIGNMENT_COLUMNS = (
    "pk",
    "task__group__directive__number",
    "task__group__number",
    "task__number",
    "task__text",
    "agency__name",
    "role",
    "status",
    "timeliness_code",
    "deadline",
    "percent",
    "completed_on",
)


def assignment_rows(assignments) -> Iterable[list]:
    """Rows in the list's order, read as plain values in chunks: no model instances, so 10,000s stream fast."""
    roles = {value: str(label) for value, label in Assignment.Role.choices}
    statuses = {value: str(label) for value, label in Status.choices}
    timeliness = {value: str(label) for value, label in Timeliness.choices}
    values = assignments.values_list(*ASSIGNMENT_COLUMNS)
    for pk, directive, group, number, text, agency, role, status, code, deadline, percent, done in values.iterator(
        chunk_size=2000
    ):
        yield [
            pk,
            directive,
            f"{group}.{number}",
            text,
            agency,
            roles[role],
            statuses[status],
            timeliness[code],
            deadline,
            percent,
            done,
        ]


def extension_header() -> list[str]:
    return [
        _("Id"),
        _("Directive"),
        _("Agency"),
        _("Current deadline"),
        _("Requested deadline"),
        _("Reason"),
        _("Requested by"),
        _("Requested on"),
    ]


def extension_rows(requests) -> Iterable[list]:
    for request in requests.iterator(chunk_size=2000):
        yield [
            request.pk,
            request.assignment.task.group.directive.number,
            request.assignment.agency.name,
            request.current_deadline,
            request.new_deadline,
            request.reason,
            str(request.requested_by) if request.requested_by else "",
            timezone.localdate(request.requested_at),
        ]


def tracker_header() -> list[str]:
    return [_("Agency"), _("State"), _("Submitted at"), _("On time")]


def tracker_rows(tracker) -> Iterable[list]:
    for row in tracker.rows:
        first = row.report.first_submitted_at if row.report else None
        submitted = timezone.localdate(first) if first else None
        on_time = "" if row.on_time is None else (_("yes") if row.on_time else _("no"))
        yield [row.agency.name, str(row.label), submitted, on_time]
