"""The report access policies, role by role and state by state, and the pages doing what the policy says."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from agencies.models import User
from reports.errors import Errors
from reports.permissions import agency_report_access, consolidated_report_access
from reports.selectors.agency_reports import agency_report_get, agency_report_versions
from reports.selectors.consolidated import consolidated_get
from reports.services.agency_reports import (
    agency_report_accept,
    agency_report_return,
    agency_report_save,
    agency_report_submit,
)
from reports.services.consolidated import consolidated_compile, consolidated_issue
from tests.factories import UserFactory
from tests.reports.conftest import narrative

ROLES = [
    "anonymous",
    "admin",
    "leader",
    "coordinator_manager",
    "coordinator_staff",
    "agency_staff",
    "agency_manager",
    "other_agency_staff",
    "other_coordinator",
]
TRACKERS = {"admin", "leader", "coordinator_manager", "coordinator_staff"}
COORDINATORS = {"coordinator_manager", "coordinator_staff"}
MEMBERS = {"agency_staff", "agency_manager"}
MANAGERS = {"agency_manager"}

AGENCY_STATES = ["none", "draft", "submitted", "returned", "accepted"]
EDITABLE = {"none", "draft", "returned"}
SUBMITTED_ONCE = {"submitted", "returned", "accepted"}
LOCKED = {"submitted": Errors.SUBMITTED_LOCKED, "accepted": Errors.ACCEPTED_LOCKED}


def user_for(world, role):
    if role == "anonymous":
        return AnonymousUser()
    if role == "coordinator_manager":
        return world.coordinator
    if role == "coordinator_staff":
        return UserFactory(username="coordstaff", agency=world.coordinator_agency, role=User.Role.STAFF)
    return world.users()[role]


def put_agency_report_in(world, state):
    """Sở Nội vụ's report for the period, brought to `state` through the services."""
    if state == "none":
        return
    if state == "draft":
        agency_report_save(
            period=world.period, agency=world.agency, user=world.staff, expected_version=0, **narrative()
        )
        return
    report = agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )
    if state == "returned":
        agency_report_return(report=report, user=world.coordinator, expected_version=None, comment="Bổ sung.")
    if state == "accepted":
        agency_report_accept(report=report, user=world.coordinator, expected_version=None)


def agency_access(world, user):
    report = agency_report_get(period=world.period, agency_id=world.agency.pk)
    versions = agency_report_versions(report=report)
    return agency_report_access(user, period=world.period, agency_id=world.agency.pk, report=report, versions=versions)


@pytest.mark.parametrize("state", AGENCY_STATES)
@pytest.mark.parametrize("role", ROLES)
def test_agency_report_access(world, role, state):
    put_agency_report_in(world, state)
    access = agency_access(world, user_for(world, role))

    assert access.may_view is (role in TRACKERS | MEMBERS)
    assert access.may_track is (role in TRACKERS)
    assert access.sees_draft is (role in MEMBERS)
    assert access.may_draft is (role in MEMBERS)
    assert access.may_submit is (role in MANAGERS)
    assert access.may_review is (role in COORDINATORS)
    assert access.can_edit is (role in MEMBERS and state in EDITABLE)
    assert access.can_submit is (role in MANAGERS and state in EDITABLE)
    assert access.can_review is (role in COORDINATORS and state == "submitted")
    has_file = state != "none" if role in MEMBERS else state in SUBMITTED_ONCE
    assert access.may_download is (role in TRACKERS | MEMBERS and has_file)
    if role in TRACKERS and state in SUBMITTED_ONCE:
        assert access.shown_version.number == 1
    else:
        assert access.shown_version is None
    expected_reason = str(LOCKED[state]) if role in MEMBERS and state in LOCKED else ""
    assert access.locked_reason == expected_reason


def test_others_see_the_latest_submitted_version_not_the_rework(world):
    put_agency_report_in(world, "returned")
    report = agency_report_get(period=world.period, agency_id=world.agency.pk)
    agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=report.version, **narrative()
    )
    assert agency_access(world, world.coordinator).shown_version.number == 2


def test_an_inactive_member_may_do_nothing(world):
    world.manager.is_active = False
    access = agency_access(world, world.manager)
    assert not (access.may_view or access.sees_draft or access.may_draft or access.may_submit or access.can_edit)


@pytest.mark.parametrize("state", AGENCY_STATES)
@pytest.mark.parametrize("role", sorted(TRACKERS | MEMBERS | {"other_agency_staff"}))
def test_the_agency_report_page_does_what_the_policy_says(client, world, role, state):
    put_agency_report_in(world, state)
    user = user_for(world, role)
    access = agency_access(world, user)
    client.force_login(user)
    page = reverse("reports:agency_report", args=[world.period.pk, world.agency.pk])
    download = reverse("reports:agency_report_docx", args=[world.period.pk, world.agency.pk])
    response = client.get(page)
    if not access.may_view:
        assert response.status_code == 403
        assert client.get(download).status_code == 403
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert ('name="save"' in html) is access.can_edit
    assert ('name="submit"' in html) is access.can_submit
    review = reverse("reports:agency_report_review", args=[world.period.pk, world.agency.pk])
    assert (f'action="{review}"' in html) is access.can_review
    assert (f'href="{download}"' in html) is access.may_download
    assert (f'href="{reverse("reports:period_detail", args=[world.period.pk])}"' in html) is access.may_track
    assert client.get(download).status_code == (200 if access.may_download else 404)


# ---------------------------------------------------------------- the consolidated report

CONSOLIDATED_STATES = ["none", "draft", "issued"]


def put_consolidated_in(world, state):
    if state == "none":
        return
    report = consolidated_compile(period=world.period, user=world.coordinator, today=date(2026, 6, 20))
    if state == "issued":
        consolidated_issue(report=report, user=world.coordinator, expected_version=None, issued_on=date(2026, 6, 18))


def consolidated_access(world, user):
    return consolidated_report_access(user, period=world.period, report=consolidated_get(period=world.period))


@pytest.mark.parametrize("state", CONSOLIDATED_STATES)
@pytest.mark.parametrize("role", ROLES)
def test_consolidated_report_access(world, role, state):
    put_consolidated_in(world, state)
    access = consolidated_access(world, user_for(world, role))

    assert access.may_view is (role in TRACKERS)
    assert access.may_compile is (role in COORDINATORS)
    assert access.can_compile is (role in COORDINATORS and state == "none")
    assert access.can_edit is (role in COORDINATORS and state == "draft")
    assert access.may_download is (role in TRACKERS and state != "none")


@pytest.mark.parametrize("state", CONSOLIDATED_STATES)
@pytest.mark.parametrize("role", sorted(TRACKERS | {"agency_manager"}))
def test_the_consolidated_page_does_what_the_policy_says(client, world, role, state):
    put_consolidated_in(world, state)
    user = user_for(world, role)
    access = consolidated_access(world, user)
    client.force_login(user)
    response = client.get(reverse("reports:consolidated", args=[world.period.pk]))
    docx = reverse("reports:consolidated_docx", args=[world.period.pk])
    if not access.may_view:
        assert response.status_code == 403
        assert client.get(docx).status_code == 403
        return
    html = response.content.decode()
    assert (f'action="{reverse("reports:consolidated_compile", args=[world.period.pk])}"' in html) is access.can_compile
    assert ('name="refresh"' in html) is access.can_edit
    assert (f'action="{reverse("reports:consolidated_issue", args=[world.period.pk])}"' in html) is access.can_edit
    assert (f'href="{docx}"' in html) is access.may_download
    assert client.get(docx).status_code == (200 if access.may_download else 404)
