"""The OpenAPI schema validates (drf-spectacular's own check), every path in it answers as documented, and the
documentation page loads its assets from this server (drf-spectacular-sidecar), not a CDN."""

import re
from datetime import timedelta

import pytest
import yaml
from django.core.management import call_command

from tests.api.reports.test_reports_api import API as REPORT_API

REPORT_TAILS = [
    "",
    "{id}/agencies/{agency_id}/report/",
    "{id}/agencies/{agency_id}/report/docx/",
    "{id}/consolidated/",
    "{id}/consolidated/docx/",
    "{id}/consolidated/xlsx/",
]
assert len(REPORT_TAILS) == len(REPORT_API)


@pytest.fixture(autouse=True)
def frozen_today(on_today):
    """Every call here happens on TODAY."""


def schema(tmp_path) -> dict:
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    return yaml.safe_load(target.read_text())


def calls(world, token_id: int) -> dict[tuple[str, str], tuple[str, dict, int]]:
    """For each (path, method) of the schema: who calls it, with what, and the answer expected."""
    a, d = world.assignment.pk, world.directive.pk
    later = f"{world.assignment.deadline + timedelta(days=5):%Y-%m-%d}"
    return {
        ("/api/v1/directives/", "get"): ("staff", {}, 200),
        ("/api/v1/directives/{id}/", "get"): ("staff", {"id": d}, 200),
        ("/api/v1/directives/{id}/assignments/", "get"): ("coordinator", {"id": d}, 200),
        ("/api/v1/assignments/", "get"): ("staff", {}, 200),
        ("/api/v1/assignments/{id}/", "get"): ("staff", {"id": a}, 200),
        ("/api/v1/assignments/{id}/updates/", "get"): ("staff", {"id": a}, 200),
        ("/api/v1/assignments/{id}/updates/", "post"): (
            "staff",
            {"id": a, "body": {"percent": 30, "results": "x"}},
            201,
        ),
        ("/api/v1/assignments/{id}/extension-requests/", "get"): ("staff", {"id": a}, 200),
        ("/api/v1/assignments/{id}/extension-requests/", "post"): (
            "staff",
            {"id": a, "body": {"version": 2, "new_deadline": later, "reason": "Cần thêm"}},
            201,
        ),
        ("/api/v1/assignments/{id}/declare-done/", "post"): ("staff", {"id": a, "body": {"version": 2}}, 200),
        ("/api/v1/assignments/{id}/return/", "post"): (
            "coordinator",
            {"id": a, "body": {"version": 3, "comment": "Bổ sung"}},
            200,
        ),
        # Returned, it is in progress again: nothing to confirm (the service's refusal, 400).
        ("/api/v1/assignments/{id}/confirm/", "post"): ("coordinator", {"id": a, "body": {"version": 4}}, 400),
        # The manager passes the work down, but names no unit: the service's refusal, 400.
        ("/api/v1/assignments/{id}/delegate/", "post"): (
            "manager",
            {"id": a, "body": {"version": 4, "units": []}},
            400,
        ),
        ("/api/v1/exports/assignments.{fmt}", "get"): ("staff", {"fmt": "csv"}, 200),
        ("/api/v1/exports/directives/{id}/assignments.{fmt}", "get"): ("coordinator", {"id": d, "fmt": "xlsx"}, 200),
        ("/api/v1/exports/directives/{id}/dashboard.{fmt}", "get"): ("leader", {"id": d, "fmt": "csv"}, 200),
        ("/api/v1/exports/extension-requests.{fmt}", "get"): ("leader", {"fmt": "csv"}, 200),
        ("/api/v1/webhooks/", "get"): ("admin", {}, 200),
        ("/api/v1/webhooks/", "post"): ("admin", {"body": {"name": "x", "url": "ftp://x", "secret": "s" * 16}}, 400),
        ("/api/v1/webhooks/{id}/deliveries/", "get"): ("admin", {"id": 1}, 200),
        ("/api/v1/webhook-deliveries/{id}/replay/", "post"): ("admin", {"id": 1}, 404),
        ("/api/v1/tokens/", "get"): ("staff", {}, 200),
        ("/api/v1/tokens/", "post"): ("staff", {"body": {"name": "Cổng dữ liệu"}}, 201),
        ("/api/v1/tokens/{id}/", "get"): ("staff", {"id": token_id}, 200),
        ("/api/v1/tokens/{id}/", "delete"): ("staff", {"id": token_id}, 204),
    }


# Called, for every role, in reports/test_reports_api.py (which needs the reports' world).
REPORT_PATHS = {(f"/api/v1/periods/{tail}", "get") for tail in REPORT_TAILS} | {
    ("/api/v1/periods/{id}/agencies/{agency_id}/report/submit/", "post"),
    ("/api/v1/exports/periods/{id}/tracker.{fmt}", "get"),
}


def test_the_schema_validates_and_every_path_answers_as_expected(tmp_path, world, api_as):
    from api.tokens import api_token_create

    paths = schema(tmp_path)["paths"]
    documented = {(path, method) for path, item in paths.items() for method in item if method != "parameters"}
    token = api_token_create(user=world.users["staff"], name="để thu hồi").token
    table = calls(world, token.pk)
    assert documented == set(table) | REPORT_PATHS
    for (path, method), (role, args, expected) in table.items():
        url = path.replace("{id}", str(args.get("id"))).replace("{fmt}", str(args.get("fmt")))
        response = getattr(api_as(role), method)(url, args.get("body"), format="json")
        assert response.status_code == expected, (path, method, response.content)


def test_the_documentation_page_loads_its_assets_from_this_server(client, world):
    client.force_login(world.users["staff"])
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in asset for asset in assets)
    assert not [asset for asset in assets if asset.startswith(("http:", "https:", "//"))]
    assert client.get("/api/v1/schema/").status_code == 200


def test_the_schema_names_the_bearer_token(tmp_path):
    assert schema(tmp_path)["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A personal API token (made on the profile page or at /api/v1/tokens/).",
    }
