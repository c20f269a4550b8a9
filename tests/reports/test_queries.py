"""Pinned query counts: the tracker, the dashboard and the report pages cost the same at 10 rows and at many."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import User
from reports.services.agency_reports import agency_report_accept, agency_report_submit
from reports.services.consolidated import consolidated_compile
from reports.services.periods import report_period_get_or_create
from tests.factories import AgencyFactory, TaskFactory, UserFactory
from tests.reports.conftest import add_update, local, make_assignment, narrative, save_at


def grow(world, agencies: int, tasks: int):
    """More agencies, tasks, assignments, updates and submitted reports."""
    group = world.assignments["home_due_may"].task.group
    new_tasks = [TaskFactory(group=group, number=100 + n) for n in range(tasks)]
    for n in range(agencies):
        agency = AgencyFactory()
        manager = UserFactory(agency=agency, role=User.Role.MANAGER)
        for task in new_tasks:
            assignment = make_assignment(task, agency, deadline=date(2026, 4, 1) if n % 2 else None)
            save_at(assignment, local(date(2026, 3, 1)), status="in_progress", percent=20)
            add_update(assignment, manager, local(date(2026, 3, 1)), 20, results="Đang làm.")
        report = agency_report_submit(
            period=world.period, agency=agency, user=manager, expected_version=None, **narrative()
        )
        if n % 3 == 0:
            agency_report_accept(report=report, user=world.coordinator, expected_version=None)
    for task in new_tasks:
        assignment = make_assignment(task, world.agency, deadline=date(2026, 5, 1))
        add_update(assignment, world.staff, local(date(2026, 4, 1)), 50, results="Một nửa.")


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries)


PAGES = {
    "tracker": ("coordinator", lambda w: reverse("reports:period_detail", args=[w.period.pk])),
    "dashboard": ("leader", lambda w: reverse("reports:dashboard")),
    "agency_report_own": ("agency_staff", lambda w: reverse("reports:agency_report", args=[w.period.pk, w.agency.pk])),
    "agency_report_reviewer": (
        "coordinator",
        lambda w: reverse("reports:agency_report", args=[w.period.pk, w.agency.pk]),
    ),
    "period_list": ("agency_manager", lambda w: reverse("reports:period_list")),
    "consolidated": ("coordinator", lambda w: reverse("reports:consolidated", args=[w.period.pk])),
}

# Pinned counts (SQLite; PostgreSQL adds no query here): a change must be deliberate.
# Each includes one query for the unread-notification count in the menu, and two for the inbox's count there.
PINNED = {
    "tracker": 10,
    # The agencies merged or dissolved away by today, whose closed work rolls into their successors: one query.
    "dashboard": 21,
    # The agency as named at the cutoff (a later rename): one query.
    "agency_report_own": 14,
    "agency_report_reviewer": 12,
    "period_list": 10,
    # The issue form's signers and the head it proposes: two queries.
    "consolidated": 10,
}


def prepare(world):
    agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )
    consolidated_compile(period=world.period, user=world.coordinator, today=date(2026, 6, 20))
    # Past periods for the dashboard chart: one with a frozen report, others computed at their cutoff.
    schedule = world.directive.report_schedule
    for index in (1, 2, 3):
        report_period_get_or_create(schedule=schedule, kind="quarter", year=2026, index=index)


@pytest.mark.parametrize("page_name", list(PAGES))
def test_query_count_does_not_grow(client, world, page_name):
    prepare(world)
    role, url = PAGES[page_name]
    client.force_login(world.users()[role])
    small = count(client, url(world))
    grow(world, agencies=12, tasks=4)
    large = count(client, url(world))
    assert small == large
    assert small == PINNED[page_name]
