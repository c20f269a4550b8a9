"""Exports: the CSV (UTF-8 with BOM) and .xlsx of each list, read back, equal the rows its page shows."""

import csv
import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse

from tasks.models import ExtensionRequest
from tests.tasks.helpers import add_assignments


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every list here is read on TODAY."""


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def read_xlsx(response) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = [list(row) for row in book.active.iter_rows(values_only=True)]
    return [["" if cell is None else cell for cell in row] for row in rows]


def as_text(cell) -> str:
    if hasattr(cell, "strftime"):
        return f"{cell:%d/%m/%Y}"
    return str(cell)


def page_ids(client, url, params) -> list[int]:
    return [a.pk for a in client.get(url, params).context["page_obj"].object_list]


@pytest.mark.parametrize("params", [{}, {"status": "in_progress"}, {"q": "quoc phong", "timeliness": "overdue"}])
def test_the_work_list_exports_the_pages_rows_as_csv_and_xlsx(client, api_as, world, params):
    add_assignments(world.agency, world.directive, 20)
    client.force_login(world.users["staff"])
    page = page_ids(client, reverse("tasks:work"), params)
    api = api_as("staff")
    rows = read_csv(api.get("/api/v1/exports/assignments.csv", params))
    assert rows[0][0] == "Mã"
    assert [int(row[0]) for row in rows[1:]] == page
    sheet = read_xlsx(api.get("/api/v1/exports/assignments.xlsx", params))
    assert [[as_text(cell) for cell in row] for row in sheet] == rows


def test_a_directives_assignments_export_follows_its_page(client, api_as, world):
    client.force_login(world.users["coordinator"])
    params = {"agency": world.agency.pk}
    page = page_ids(client, reverse("tasks:directive_assignments", args=[world.directive.pk]), params)
    url = f"/api/v1/exports/directives/{world.directive.pk}/assignments.csv"
    assert [int(row[0]) for row in read_csv(api_as("coordinator").get(url, params))[1:]] == page
    assert api_as("staff").get(url).status_code == 403
    assert api_as("coordinator").get(url, {"colour": "x"}).status_code == 400


def test_the_extension_list_exports_for_leaders_only(api_as, world):
    ExtensionRequest.objects.create(
        assignment=world.assignment,
        requested_by=world.users["staff"],
        current_deadline=world.assignment.deadline,
        new_deadline=world.assignment.deadline + timedelta(days=9),
        reason="Chờ kinh phí",
    )
    rows = read_csv(api_as("leader").get("/api/v1/exports/extension-requests.csv"))
    assert rows[1][1:6] == [
        world.directive.number,
        world.agency.name,
        f"{world.assignment.deadline:%d/%m/%Y}",
        f"{world.assignment.deadline + timedelta(days=9):%d/%m/%Y}",
        "Chờ kinh phí",
    ]
    assert read_xlsx(api_as("admin").get("/api/v1/exports/extension-requests.xlsx"))[1][4] is not None
    assert api_as("staff").get("/api/v1/exports/extension-requests.csv").status_code == 403


def test_an_export_is_dated_as_the_page_dd_mm_yyyy(api_as, world):
    rows = read_csv(api_as("staff").get("/api/v1/exports/assignments.csv"))
    assert rows[1][8] == f"{world.assignment.deadline:%d/%m/%Y}"
    assert date.fromisoformat(str(world.assignment.deadline))
