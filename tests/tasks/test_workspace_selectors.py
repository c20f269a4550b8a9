"""Selectors of the workspace: list order, counts in one query, search, filter choices, history diffs, the page."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tasks import selectors
from tasks import workflow as services
from tasks.models import Assignment, Task
from tasks.timeliness import Status, Timeliness
from tests.factories import AgencyFactory, AssignmentFactory, TaskFactory

from .conftest import TODAY


def make(world, number, **fields):
    task = Task.objects.create(group=world.assignment.task.group, number=number, text=fields.pop("text", "Việc"))
    return Assignment.objects.create(task=task, agency=world.agency, **fields)


def test_assignment_list_order(world):
    overdue = make(world, 2, deadline=TODAY - timedelta(days=1))
    soon = make(world, 3, deadline=TODAY + timedelta(days=2))
    standing = make(world, 4, deadline=None)
    done = make(world, 5, deadline=TODAY, status=Status.DONE, completed_on=TODAY)
    later = world.assignment  # within deadline, 20 days out
    rows = list(selectors.assignment_list(agency_id=world.agency.pk, today=TODAY))
    assert rows == [overdue, soon, later, standing, done]


def test_assignment_list_per_directive(world):
    rows = selectors.assignment_list(directive_id=world.directive.pk, today=TODAY)
    assert set(rows) == {world.assignment, world.sibling}


def test_timeliness_counts_in_one_query(world):
    make(world, 2, deadline=TODAY - timedelta(days=1))
    make(world, 3, deadline=TODAY - timedelta(days=5))
    make(world, 4, deadline=None)
    queryset = selectors.assignment_list(agency_id=world.agency.pk, today=TODAY)
    with CaptureQueriesContext(connection) as queries:
        counts = selectors.timeliness_counts(queryset)
    assert len(queries) == 1
    assert counts == {Timeliness.OVERDUE: 2, Timeliness.STANDING: 1, Timeliness.WITHIN_DEADLINE: 1}


def test_search_ignores_diacritics(world):
    make(world, 2, text="Xây dựng khu vực phòng thủ vững chắc")
    queryset = selectors.assignment_list(agency_id=world.agency.pk)
    assert [a.task.number for a in selectors.assignment_search(queryset, query="PHONG THU")] == [2]
    assert selectors.assignment_search(queryset, query="  ").count() == queryset.count()


def test_filter_choices_are_the_agencys_directives_and_groups(world):
    directives, groups = selectors.workspace_filter_choices(agency_id=world.agency.pk)
    assert list(directives) == [world.directive]
    assert list(groups) == [world.assignment.task.group]
    directives, groups = selectors.workspace_filter_choices(directive_id=world.other_directive.pk)
    assert list(directives) == [world.other_directive]


def test_coordinated_directives(world):
    coordinator = world.users["coordinator"]
    assert list(selectors.directives_coordinated_by(agency_id=coordinator.agency_id)) == [world.directive]
    assert not selectors.directives_coordinated_by(agency_id=None).exists()


def test_changes_say_who_changed_what(world):
    staff, coordinator = world.users["staff"], world.users["coordinator"]
    services.progress_update_create(assignment=world.assignment, author=staff, percent=50, results="Nửa chặng")
    services.assignment_declare_done(assignment=world.assignment, user=staff, expected_version=2, today=TODAY)
    services.assignment_return(assignment=world.assignment, user=coordinator, expected_version=3, comment="Bổ sung")
    changes = selectors.assignment_changes(world.assignment)
    assert changes[0].created
    assert [(c.user, c.reason) for c in changes[1:]] == [
        (staff, "Báo cáo tiến độ"),
        (staff, "Báo cáo hoàn thành"),
        (coordinator, "Bổ sung"),
    ]
    declared = {field.name: (field.old, field.new) for field in changes[2].fields}
    assert declared["status"] == ("Đang thực hiện", "Chờ xác nhận")
    assert declared["percent"] == ("50%", "100%")
    assert declared["completed_on"] == ("—", f"{TODAY:%d/%m/%Y}")
    returned = {field.name: (field.old, field.new) for field in changes[3].fields}
    # Returned work goes back to the percent reported before it was declared done (issue 15: consistent states).
    assert returned == {
        "status": ("Chờ xác nhận", "Đang thực hiện"),
        "completed_on": (f"{TODAY:%d/%m/%Y}", "—"),
        "percent": ("100%", "50%"),
    }


def test_assignment_page_has_siblings_with_their_latest_update_only(world):
    other = AssignmentFactory(task=world.assignment.task, agency=AgencyFactory())
    for percent in (10, 30):
        services.progress_update_create(
            assignment=world.sibling, author=world.users["cooperating_staff"], percent=percent, results=str(percent)
        )
    AssignmentFactory(task=TaskFactory(group=world.assignment.task.group), agency=world.agency)  # another task
    page = selectors.assignment_page(assignment=selectors.assignment_get(assignment_id=world.assignment.pk))
    assert {sibling.pk for sibling in page.siblings} == {world.sibling.pk, other.pk}
    latest = {sibling.pk: [u.results for u in sibling.latest_updates] for sibling in page.siblings}
    assert latest == {world.sibling.pk: ["30"], other.pk: []}
    assert list(page.updates) == []
    assert page.pending_extension is None
