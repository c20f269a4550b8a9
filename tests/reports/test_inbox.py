"""The home page's inbox ("Việc cần xử lý"): each role's queues, their counts in the menu, the empty and no-agency
states, and a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.inbox import inbox, inbox_total
from reports.services.agency_reports import agency_report_submit
from tasks.models import ExtensionRequest, ProgressUpdate
from tests.conftest import travel_to
from tests.factories import TaskFactory, UserFactory

from .conftest import local, make_assignment, narrative, save_at

APRIL = date(2026, 4, 1)  # the March deadlines have passed; May's is six weeks away
MAY_10 = date(2026, 5, 10)  # May 15th is within a week


def sections(user, today):
    return {section.key: section for section in inbox(user, today=today).sections}


def urls(section):
    return [entry.url for entry in section.entries]


def test_staff_sees_overdue_due_this_week_and_returned_work(world):
    march, may = world.assignments["home_due_march"], world.assignments["home_due_may"]
    found = sections(world.staff, MAY_10)
    assert urls(found["overdue"]) == [march.get_absolute_url()]
    assert urls(found["due_week"]) == [may.get_absolute_url()]
    assert found["returned"].count == 0
    # Declared done, then sent back by the coordinator: it is work to do again.
    ProgressUpdate.objects.create(assignment=may, author=world.staff, percent=100, declares_done=True)
    save_at(may, local(MAY_10), status="in_progress", percent=80)
    assert urls(sections(world.staff, MAY_10)["returned"]) == [may.get_absolute_url()]
    # Nothing of another agency's.
    assert sections(world.other_staff, APRIL)["overdue"].count == 1
    assert sections(world.staff, APRIL)["due_week"].count == 0


def test_done_paused_and_standing_work_is_not_in_the_staff_inbox(world):
    save_at(world.assignments["home_due_march"], local(APRIL), status="paused")
    save_at(world.assignments["home_due_may"], local(APRIL), status="awaiting_confirmation", completed_on=APRIL)
    box = inbox(world.staff, today=MAY_10)
    assert box.total == 0 and box.waiting == []


def test_coordinator_confirms_other_agencies_work_not_its_own(world):
    other = world.assignments["other_due_march"]
    save_at(other, local(APRIL), status="awaiting_confirmation", completed_on=APRIL, percent=100)
    save_at(world.assignments["command_standing"], local(APRIL), status="awaiting_confirmation", completed_on=APRIL)
    found = sections(world.coordinator, APRIL)
    assert urls(found["to_confirm"]) == [other.get_absolute_url()]
    assert found["to_confirm"].more_url == (
        reverse("tasks:directive_assignments", args=[world.directive.pk]) + "?status=awaiting_confirmation"
    )
    # An agency that coordinates nothing has no coordinator's queues.
    assert "to_confirm" not in sections(world.staff, APRIL)


def test_extension_requests_reach_the_coordinator_and_the_leaders(world):
    may = world.assignments["home_due_may"]
    ExtensionRequest.objects.create(
        assignment=may,
        requested_by=world.staff,
        current_deadline=may.deadline,
        new_deadline=date(2026, 7, 1),
        reason="x",
    )
    assert urls(sections(world.coordinator, APRIL)["extensions_asked"]) == [may.get_absolute_url()]
    leader = sections(world.leader, APRIL)
    assert urls(leader["extensions_to_decide"]) == [may.get_absolute_url()]
    assert leader["extensions_to_decide"].more_url == reverse("tasks:extension_list")


def test_leaders_see_overdue_work_by_agency(world):
    found = sections(world.leader, APRIL)["overdue_by_agency"]
    assert found.count == 2
    assert {entry.title for entry in found.entries} == {world.agency.display_name, world.other_agency.display_name}
    assert f"?agency={world.agency.pk}&timeliness=overdue" in " ".join(urls(found))


def test_reports_to_draft_submit_review_and_missing(world, after_cutoff):
    period = world.period
    report_url = reverse("reports:agency_report", args=[period.pk, world.agency.pk])
    assert urls(sections(world.staff, after_cutoff)["reports_to_draft"]) == [report_url]
    assert urls(sections(world.manager, after_cutoff)["reports_to_submit"]) == [report_url]
    missing = sections(world.coordinator, after_cutoff)["reports_missing"]
    # Three agencies report on the directive (the coordinator's own included); none has submitted.
    assert missing.count == 3 and urls(missing) == [period.get_absolute_url()]
    with travel_to(after_cutoff):
        agency_report_submit(
            period=period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
        )
    assert "reports_to_submit" not in sections(world.manager, after_cutoff)
    coordinator = sections(world.coordinator, after_cutoff)
    assert coordinator["reports_missing"].count == 2
    assert urls(coordinator["reports_to_review"]) == [report_url]
    # Before the due date nothing is missing yet.
    assert "reports_missing" not in sections(world.coordinator, period.agency_due_on - timedelta(days=1))


def test_menu_total_is_the_inbox_total(world, after_cutoff):
    for user in world.users().values():
        assert inbox_total(user, today=after_cutoff) == inbox(user, today=after_cutoff).total


def test_home_page_lists_the_items_and_the_menu_counts_them(client, world):
    with travel_to(APRIL):
        client.force_login(world.staff)
        page = client.get(reverse("home")).content.decode()
        assert world.assignments["home_due_march"].get_absolute_url() in page
        assert 'id="nav-inbox"' in page
        # Every page's menu carries the count.
        work = client.get(reverse("tasks:work")).content.decode()
    assert "Việc cần xử lý" in work
    assert 'id="nav-inbox">Việc cần xử lý <span class="badge' in work


def test_an_empty_inbox_says_what_to_do_next(client, world):
    client.force_login(world.other_coordinator)
    page = client.get(reverse("home")).content.decode()
    assert 'id="inbox-empty"' in page
    assert reverse("tasks:work") in page


def test_a_user_without_an_agency_is_told_so(db):
    # Only administrators may lack an agency in the database; the page still says so plainly for anyone else.
    lost = UserFactory.build(username="lost", agency=None, role="staff")
    page = render_to_string("reports/home.html", {"inbox": inbox(lost), "user": lost})
    assert 'id="inbox-no-agency"' in page and 'id="inbox"' not in page
    assert inbox_total(lost) == 0


def test_an_administrator_without_an_agency_gets_the_leaders_queues(world):
    admin = UserFactory(username="root", agency=None, role="admin")
    assert "extensions_to_decide" in sections(admin, APRIL)


def _count_home(client, user) -> int:
    client.force_login(user)
    with travel_to(APRIL), CaptureQueriesContext(connection) as context:
        client.get(reverse("home"))
    return len(context.captured_queries)


@pytest.mark.parametrize("who", ["agency_staff", "coordinator", "leader"])
def test_home_costs_the_same_queries_whatever_the_number_of_items(client, world, who):
    user = world.users()[who]
    before = _count_home(client, user)
    # Twelve more overdue assignments for the agency, all awaiting the coordinator or not.
    for number in range(3, 15):
        task = TaskFactory(group=world.assignments["home_due_march"].task.group, number=number)
        make_assignment(task, world.agency, deadline=date(2026, 3, 1))
        make_assignment(task, world.other_agency, deadline=date(2026, 3, 1))
    assert _count_home(client, user) == before
    # session, user, coordinated directives, the counts, the periods, each non-empty queue's first items,
    # unread notifications, the user's agency
    assert before <= 10


def test_the_menu_count_costs_two_queries(client, world, django_assert_num_queries):
    client.force_login(world.staff)
    # session, user, unread notifications, the user's agency, the list; and the inbox's counts and periods
    with travel_to(APRIL), django_assert_num_queries(7) as context:
        client.get(reverse("agencies:notification_list"))
    inbox_sql = [query["sql"] for query in context.captured_queries if "tasks_assignment" in query["sql"]]
    assert len(inbox_sql) == 2
