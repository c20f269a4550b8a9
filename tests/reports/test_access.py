"""The access matrix: every report page and action against every role (DESIGN §11)."""

from datetime import date

import pytest
from django.urls import reverse

from reports.models import AgencyReport
from reports.services.agency_reports import agency_report_save, agency_report_submit
from reports.services.consolidated import consolidated_compile
from tests.reports.conftest import narrative

ROLES = [
    "anonymous",
    "agency_staff",
    "agency_manager",
    "other_agency_staff",
    "coordinator",
    "other_coordinator",
    "leader",
    "admin",
]
TRACKERS = {"coordinator", "leader", "admin"}
AGENCY = {"agency_staff", "agency_manager"}


def login(client, world, role):
    if role != "anonymous":
        client.force_login(world.users()[role])


def expect(response, role, allowed, ok=200):
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role in allowed:
        assert response.status_code == ok, (role, response.status_code)
    else:
        assert response.status_code == 403, (role, response.status_code)


@pytest.fixture
def submitted(world, after_cutoff):
    """Sở Nội vụ's report is submitted and the consolidated report is compiled."""
    agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )
    consolidated_compile(period=world.period, user=world.coordinator, today=after_cutoff)
    return world


PAGES = {
    "period_list": (lambda w: reverse("reports:period_list"), set(ROLES) - {"anonymous"}),
    "period_detail": (lambda w: reverse("reports:period_detail", args=[w.period.pk]), TRACKERS),
    "agency_report": (
        lambda w: reverse("reports:agency_report", args=[w.period.pk, w.agency.pk]),
        TRACKERS | AGENCY,
    ),
    "agency_report_docx": (
        lambda w: reverse("reports:agency_report_docx", args=[w.period.pk, w.agency.pk]),
        TRACKERS | AGENCY,
    ),
    "consolidated": (lambda w: reverse("reports:consolidated", args=[w.period.pk]), TRACKERS),
    "consolidated_docx": (lambda w: reverse("reports:consolidated_docx", args=[w.period.pk]), TRACKERS),
    "consolidated_xlsx": (lambda w: reverse("reports:consolidated_xlsx", args=[w.period.pk]), TRACKERS),
    "dashboard": (lambda w: reverse("reports:dashboard"), TRACKERS | {"other_coordinator"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page_name", list(PAGES))
def test_pages(client, submitted, page_name, role):
    url, allowed = PAGES[page_name]
    login(client, submitted, role)
    expect(client.get(url(submitted)), role, allowed)


def _no_report(world):
    return None


def _submitted(world):
    agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )


def _compiled(world):
    consolidated_compile(period=world.period, user=world.coordinator, today=date(2026, 6, 20))


def _report_version(world):
    return AgencyReport.objects.get(period=world.period, agency=world.agency).version


def _consolidated_version(world):
    return world.period.consolidated.version


CONSOLIDATED_FIELDS = {
    "results": "A",
    "limitations": "",
    "tasks_ahead": "",
    "proposals": "",
    "recipients": "",
}

ACTIONS = {
    "save_draft": (
        _no_report,
        lambda w: reverse("reports:agency_report", args=[w.period.pk, w.agency.pk]),
        lambda w: {"version": 0, **narrative(), "save": "1"},
        AGENCY,
    ),
    "submit": (
        _no_report,
        lambda w: reverse("reports:agency_report", args=[w.period.pk, w.agency.pk]),
        lambda w: {"version": 0, **narrative(), "submit": "1"},
        {"agency_manager"},
    ),
    "accept": (
        _submitted,
        lambda w: reverse("reports:agency_report_review", args=[w.period.pk, w.agency.pk]),
        lambda w: {"version": _report_version(w), "comment": "", "decision": "accept"},
        {"coordinator"},
    ),
    "return": (
        _submitted,
        lambda w: reverse("reports:agency_report_review", args=[w.period.pk, w.agency.pk]),
        lambda w: {"version": _report_version(w), "comment": "Bổ sung.", "decision": "return"},
        {"coordinator"},
    ),
    "urge": (_no_report, lambda w: reverse("reports:period_urge", args=[w.period.pk]), lambda w: {}, {"coordinator"}),
    "compile": (
        _no_report,
        lambda w: reverse("reports:consolidated_compile", args=[w.period.pk]),
        lambda w: {},
        {"coordinator"},
    ),
    "consolidated_save": (
        _compiled,
        lambda w: reverse("reports:consolidated", args=[w.period.pk]),
        lambda w: {"version": _consolidated_version(w), **CONSOLIDATED_FIELDS, "save": "1"},
        {"coordinator"},
    ),
    "issue": (
        _compiled,
        lambda w: reverse("reports:consolidated_issue", args=[w.period.pk]),
        lambda w: {
            "version": _consolidated_version(w),
            "issued_on": "18/06/2026",
            "number": "",
            "signer": w.coordinator_agency.signers.get(is_head=True).pk,
            "authority": "",
        },
        {"coordinator"},
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_actions(client, world, action, role):
    prepare, url, data, allowed = ACTIONS[action]
    prepare(world)
    world.period.refresh_from_db()
    login(client, world, role)
    expect(client.post(url(world), data(world)), role, allowed, ok=302)


def test_only_the_agency_sees_its_draft(client, world):
    agency_report_save(
        period=world.period,
        agency=world.agency,
        user=world.staff,
        expected_version=0,
        **narrative(results="NỘI DUNG DỰ THẢO NỘI BỘ"),
    )
    page = reverse("reports:agency_report", args=[world.period.pk, world.agency.pk])
    download = reverse("reports:agency_report_docx", args=[world.period.pk, world.agency.pk])
    for role in ["agency_staff", "agency_manager"]:
        client.force_login(world.users()[role])
        assert "NỘI DUNG DỰ THẢO NỘI BỘ" in client.get(page).content.decode()
        assert client.get(download).status_code == 200
    for role in ["coordinator", "leader", "admin"]:
        client.force_login(world.users()[role])
        response = client.get(page)
        assert response.status_code == 200
        html = response.content.decode()
        assert "NỘI DUNG DỰ THẢO NỘI BỘ" not in html
        assert "Đơn vị chưa nộp báo cáo này" in html
        assert client.get(download).status_code == 404


def test_reviewers_see_the_submitted_version_not_the_rework(client, world):
    report = agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )
    from reports.services.agency_reports import agency_report_return

    agency_report_return(report=report, user=world.coordinator, expected_version=None, comment="Sửa.")
    agency_report_save(
        period=world.period,
        agency=world.agency,
        user=world.staff,
        expected_version=None,
        **narrative(results="BẢN ĐANG SỬA"),
    )
    client.force_login(world.coordinator)
    html = client.get(reverse("reports:agency_report", args=[world.period.pk, world.agency.pk])).content.decode()
    assert narrative()["results"] in html
    assert "BẢN ĐANG SỬA" not in html


def test_a_report_of_an_agency_without_assignments_is_404(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("reports:agency_report", args=[world.period.pk, world.leader.agency_id]))
    assert response.status_code == 404


def test_menu_shows_the_dashboard_only_to_those_who_may_open_it(client, world):
    for role, shown in [
        ("agency_staff", False),
        ("coordinator", True),
        ("leader", True),
        ("other_agency_staff", False),
    ]:
        client.force_login(world.users()[role])
        html = client.get(reverse("reports:period_list")).content.decode()
        assert (f'href="{reverse("reports:dashboard")}"' in html) is shown, role
        assert f'href="{reverse("reports:period_list")}"' in html
