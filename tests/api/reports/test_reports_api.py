"""Reports through the API: every role gets what the report pages give it, the manager submits with the version
read, and the downloads are the pages' files."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.tokens import api_token_create
from reports.models import AgencyReport
from tests.conftest import travel_to
from tests.reports.conftest import narrative
from tests.reports.test_access import PAGES, ROLES

API = {
    "period_list": lambda w: "/api/v1/periods/",
    "agency_report": lambda w: f"/api/v1/periods/{w.period.pk}/agencies/{w.agency.pk}/report/",
    "agency_report_docx": lambda w: f"/api/v1/periods/{w.period.pk}/agencies/{w.agency.pk}/report/docx/",
    "consolidated": lambda w: f"/api/v1/periods/{w.period.pk}/consolidated/",
    "consolidated_docx": lambda w: f"/api/v1/periods/{w.period.pk}/consolidated/docx/",
    "consolidated_xlsx": lambda w: f"/api/v1/periods/{w.period.pk}/consolidated/xlsx/",
}
SIGNED_IN = [role for role in ROLES if role != "anonymous"]


@pytest.fixture(autouse=True)
def after_the_cutoff():
    with travel_to(date(2026, 6, 20)) as traveller:
        yield traveller


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='thử').raw}")
    return client


@pytest.mark.parametrize("role", SIGNED_IN)
@pytest.mark.parametrize("name", list(API))
def test_each_role_gets_from_the_api_what_the_report_page_gives(client, submitted, name, role):
    user = submitted.users()[role]
    client.force_login(user)
    page = client.get(PAGES[name][0](submitted))
    answer = token_client(user).get(API[name](submitted))
    assert answer.status_code == page.status_code, (name, role)
    if name.endswith(("docx", "xlsx")) and page.status_code == 200:
        assert answer["Content-Type"] == page["Content-Type"]
        assert answer["Content-Disposition"] == page["Content-Disposition"]


@pytest.mark.parametrize("role", SIGNED_IN)
def test_the_period_list_is_the_reports_page(client, submitted, role):
    user = submitted.users()[role]
    client.force_login(user)
    page = [item.period.pk for item in client.get(reverse("reports:period_list")).context["items"]]
    rows = token_client(user).get("/api/v1/periods/").json()["results"]
    assert [row["period"]["id"] for row in rows] == page


def test_outside_the_agency_only_the_submitted_text_is_shown(submitted):
    url = API["agency_report"](submitted)
    inside = token_client(submitted.staff)
    inside_body = inside.get(url).json()
    assert inside_body["results"] == narrative()["results"]
    assert inside_body["version"] is not None
    outside = token_client(submitted.coordinator).get(url).json()
    assert outside["results"] == narrative()["results"]
    assert outside["submitted_version"] == 1
    assert outside["version"] is None


def submit_url(world) -> str:
    return f"/api/v1/periods/{world.period.pk}/agencies/{world.agency.pk}/report/submit/"


def test_the_manager_submits_with_the_version_read_and_staff_may_not(world):
    staff, manager = token_client(world.staff), token_client(world.manager)
    assert staff.post(submit_url(world), {"version": 0, **narrative()}, format="json").status_code == 403
    stale = manager.post(submit_url(world), {"version": 3, **narrative()}, format="json")
    assert stale.status_code == 409
    assert not AgencyReport.objects.exists()
    unknown = manager.post(submit_url(world), {"version": 0, "resluts": "x"}, format="json")
    assert unknown.status_code == 400
    done = manager.post(submit_url(world), {"version": 0, **narrative()}, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["status"] == AgencyReport.Status.SUBMITTED
    again = manager.post(submit_url(world), {"version": done.json()["version"], **narrative()}, format="json")
    assert again.status_code == 400
    assert again.json()["code"] == "already_submitted"


def test_the_submission_tracker_exports_the_pages_rows(client, submitted):
    client.force_login(submitted.coordinator)
    page = client.get(reverse("reports:period_detail", args=[submitted.period.pk])).context["tracker"]
    url = f"/api/v1/exports/periods/{submitted.period.pk}/tracker.csv"
    response = token_client(submitted.coordinator).get(url)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [(row[0], row[1]) for row in rows[1:]] == [(r.agency.name, str(r.label)) for r in page.rows]
    assert token_client(submitted.staff).get(url).status_code == 403
    assert token_client(submitted.coordinator).get(url.replace(".csv", ".xlsx")).status_code == 200
