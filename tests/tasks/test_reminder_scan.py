"""The daily scan against the database: who is told, exactly once, catching up after a gap."""

from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import Notification
from directives.models import ReminderPolicy
from tasks.models import Assignment, ReminderLedger
from tasks.reminders import register_reminder_source
from tasks.reminders.scan import reminder_scan_run
from tests.factories import AgencyFactory, AssignmentFactory, TaskFactory, UserFactory


def recipients(**filters) -> set[str]:
    return set(Notification.objects.filter(**filters).values_list("user__username", flat=True))


def scan(world, offset: int):
    return reminder_scan_run(today=world.deadline + timedelta(days=offset))


def test_seven_days_before_tells_the_agencys_active_staff_and_managers(reminder_world):
    result = scan(reminder_world, -7)
    assert result.reminders == 1
    assert recipients() == {"cv.snv", "ql.snv"}
    notice = Notification.objects.get(user=reminder_world.staff)
    assert notice.kind == Notification.Kind.REMINDER
    assert notice.title == "Nhiệm vụ 5.2 của Kết luận 249-KL/TU còn 7 ngày đến hạn"
    assert "Xây dựng khu vực phòng thủ tỉnh." in notice.body
    assert "Hạn: 15/12/2026" in notice.body
    # The assignment page is built on another branch; until then the link is the task's group on the directive page.
    assert notice.url in (
        f"/assignments/{reminder_world.assignment.pk}/",
        f"/directives/{reminder_world.directive.pk}/#group-5",
    )


@pytest.mark.parametrize(
    ("offset", "kind", "title"),
    [
        (-3, Notification.Kind.REMINDER, "còn 3 ngày đến hạn"),
        (-1, Notification.Kind.REMINDER, "còn 1 ngày đến hạn"),
        (0, Notification.Kind.REMINDER, "đến hạn hôm nay"),
        (1, Notification.Kind.OVERDUE, "quá hạn 1 ngày"),
        (8, Notification.Kind.OVERDUE, "quá hạn 8 ngày"),
    ],
)
def test_each_step_of_the_schedule(reminder_world, offset, kind, title):
    scan(reminder_world, offset)
    notice = Notification.objects.get(user=reminder_world.staff)
    assert notice.kind == kind
    assert title in notice.title


def test_walking_every_day_sends_the_default_schedule_once_each(reminder_world):
    sent_on = []
    for offset in range(-10, 23):
        before = Notification.objects.filter(user=reminder_world.staff).count()
        scan(reminder_world, offset)
        if Notification.objects.filter(user=reminder_world.staff).count() > before:
            sent_on.append(offset)
    assert sent_on == [-7, -3, -1, 0, 1, 8, 15, 22]


def test_overdue_escalates_once_to_agency_managers_and_the_coordinating_agency(reminder_world):
    scan(reminder_world, 1)
    assert recipients(kind=Notification.Kind.OVERDUE) == {"cv.snv", "ql.snv", "bchqs.ql", "bchqs.cv"}
    # The agency's manager already has the overdue reminder: no second notice about the same assignment.
    assert Notification.objects.filter(user=reminder_world.manager).count() == 1
    escalation = Notification.objects.get(user=reminder_world.coordinator)
    assert escalation.title == "Sở Nội vụ quá hạn 1 ngày với nhiệm vụ 5.2 của Kết luận 249-KL/TU"
    kinds = set(ReminderLedger.objects.values_list("kind", flat=True))
    assert kinds == {"overdue", "escalation"}
    # The weekly repeat goes to the agency alone.
    scan(reminder_world, 8)
    assert Notification.objects.filter(user=reminder_world.coordinator).count() == 1
    assert Notification.objects.filter(user=reminder_world.staff).count() == 2


def test_inactive_users_and_other_agencies_get_nothing(reminder_world):
    scan(reminder_world, 1)
    assert not Notification.objects.filter(user__in=[reminder_world.inactive, reminder_world.other]).exists()


@pytest.mark.parametrize(
    "status",
    [
        Assignment.Status.DONE,
        Assignment.Status.PAUSED,
        Assignment.Status.CANCELLED,
        Assignment.Status.AWAITING_CONFIRMATION,
    ],
)
def test_closed_assignments_send_nothing(reminder_world, status):
    Assignment.objects.filter(pk=reminder_world.assignment.pk).update(status=status)
    for offset in (-7, 0, 1, 8):
        scan(reminder_world, offset)
    assert not Notification.objects.exists()
    assert not ReminderLedger.objects.exists()


def test_standing_assignment_sends_nothing(reminder_world):
    Assignment.objects.filter(pk=reminder_world.assignment.pk).update(deadline=None)
    for offset in (-7, 0, 1, 8):
        scan(reminder_world, offset)
    assert not Notification.objects.exists()


def test_a_second_scan_the_same_day_sends_nothing(reminder_world):
    first = scan(reminder_world, -3)
    second = scan(reminder_world, -3)
    assert (first.notifications, second.notifications) == (2, 0)
    assert Notification.objects.count() == 2
    assert ReminderLedger.objects.count() == 1


def test_two_racing_scans_send_one_set(reminder_world):
    """A second scan commits its ledger rows between the first scan's ledger read and its insert."""
    original = ReminderLedger.objects.bulk_create
    raced = []

    def racing_bulk_create(objs, **kwargs):
        if not raced:
            raced.append(None)
            raced[0] = reminder_scan_run(today=reminder_world.deadline + timedelta(days=1))
        return original(objs, **kwargs)

    with mock.patch.object(ReminderLedger.objects, "bulk_create", side_effect=racing_bulk_create):
        first = scan(reminder_world, 1)
    assert raced[0].notifications == 4
    assert first.notifications == 0
    assert Notification.objects.count() == 4
    assert set(ReminderLedger.objects.values_list("run_id", flat=True)) == {raced[0].run_id}


def test_catch_up_after_three_days_without_a_worker_sends_once(reminder_world):
    scan(reminder_world, -3)  # the last run before the worker stopped
    Notification.objects.all().delete()
    # Nothing ran on D-2 ... D; the run on D+1 sends the overdue reminder alone, not the D-1 and D ones.
    result = scan(reminder_world, 1)
    titles = set(Notification.objects.filter(user=reminder_world.staff).values_list("title", flat=True))
    assert titles == {"Nhiệm vụ 5.2 của Kết luận 249-KL/TU quá hạn 1 ngày"}
    assert result.reminders == 2  # overdue + escalation
    assert scan(reminder_world, 2).notifications == 0
    assert scan(reminder_world, 3).notifications == 0


def test_catch_up_within_the_overdue_repeat(reminder_world):
    scan(reminder_world, 1)
    Notification.objects.all().delete()
    # Down from D+7 to D+10: one reminder for D+8, on D+11; the escalation went out on D+1 already.
    assert scan(reminder_world, 11).reminders == 1
    assert Notification.objects.filter(user=reminder_world.staff).count() == 1
    assert scan(reminder_world, 14).notifications == 0


def test_directive_policy_changes_the_days(reminder_world):
    ReminderPolicy.objects.create(
        directive=reminder_world.directive,
        days_before="10",
        on_due_day=False,
        overdue_every_days=3,
        escalate_when_overdue=False,
    )
    sent_on = []
    for offset in range(-12, 8):
        if scan(reminder_world, offset).notifications:
            sent_on.append(offset)
    assert sent_on == [-10, 1, 4, 7]
    assert not Notification.objects.filter(user=reminder_world.coordinator).exists()


def test_new_assignment_is_announced_once(reminder_world):
    today = date(2026, 12, 1)
    fresh = AssignmentFactory(task=TaskFactory(group=reminder_world.task.group), agency=reminder_world.agency)
    Assignment.objects.filter(pk=fresh.pk).update(created_at=datetime(2026, 11, 30, 3, tzinfo=UTC))
    reminder_scan_run(today=today)
    reminder_scan_run(today=today + timedelta(days=1))
    notices = Notification.objects.filter(kind=Notification.Kind.ASSIGNED)
    assert sorted(notices.values_list("user__username", flat=True)) == ["cv.snv", "ql.snv"]
    assert notices.first().title.startswith("Nhiệm vụ mới được giao: nhiệm vụ 5.")


def test_new_assignment_already_overdue_is_announced_as_overdue(reminder_world):
    today = reminder_world.deadline + timedelta(days=3)
    Assignment.objects.filter(pk=reminder_world.assignment.pk).update(created_at=datetime(2026, 12, 17, 3, tzinfo=UTC))
    reminder_scan_run(today=today)
    staff_notices = Notification.objects.filter(user=reminder_world.staff)
    assert list(staff_notices.values_list("kind", flat=True)) == [Notification.Kind.OVERDUE]
    assert "quá hạn" in staff_notices.get().title


def test_dry_run_writes_nothing_and_previews_per_user(reminder_world):
    result = reminder_scan_run(today=reminder_world.deadline + timedelta(days=1), dry_run=True)
    assert not Notification.objects.exists()
    assert not ReminderLedger.objects.exists()
    assert set(result.preview) == {
        reminder_world.staff.pk,
        reminder_world.manager.pk,
        reminder_world.coordinator.pk,
        reminder_world.coordinator_staff.pk,
    }
    assert result.reminders == 2


def test_a_registered_source_is_scanned_with_the_same_ledger(reminder_world):
    """The registry lets report due dates join later: a source yields candidates and words them."""
    from tasks.reminders.rules import _SOURCES, Candidate, Notice

    class ReportSource:
        name = "report"

        def chunks(self, *, today):
            yield [Candidate(object_id=42, kind="report_due", due_on=today)]

        def notices(self, *, candidates, today):
            return [Notice((reminder_world.manager.pk,), Notification.Kind.REPORT, "Báo cáo tháng", "", "/")]

    register_reminder_source("report", ReportSource)
    try:
        reminder_scan_run(today=date(2026, 1, 10))
        reminder_scan_run(today=date(2026, 1, 10))
    finally:
        del _SOURCES["report"]
    assert Notification.objects.filter(kind=Notification.Kind.REPORT).count() == 1
    assert ReminderLedger.objects.filter(source="report", object_id=42).count() == 1


def build(assignments: int):
    agencies = [AgencyFactory() for _ in range(3)]
    for agency in agencies:
        UserFactory(agency=agency)
    coordinating = AgencyFactory()
    UserFactory(agency=coordinating)
    task = TaskFactory(group__directive__coordinating_agency=coordinating)
    for index in range(assignments):
        AssignmentFactory(
            task=TaskFactory(group=task.group) if index else task,
            agency=agencies[index % 3],
            deadline=date(2026, 12, 15) - timedelta(days=index % 20),
        )
    Assignment.objects.update(created_at=datetime(2026, 1, 1, tzinfo=UTC))


def count_scan_queries(chunk_size: int) -> tuple[int, int]:
    """(reads, all queries) of one scan; the scan writes with bulk INSERTs that SQLite splits every 999 values."""
    Notification.objects.all().delete()
    ReminderLedger.objects.all().delete()
    with mock.patch("tasks.reminders.assignments.CHUNK_SIZE", chunk_size), CaptureQueriesContext(connection) as queries:
        reminder_scan_run(today=date(2026, 12, 16))
    assert Notification.objects.exists()
    reads = [query for query in queries.captured_queries if query["sql"].startswith("SELECT")]
    return len(reads), len(queries)


@pytest.mark.django_db
def test_scan_query_count_depends_on_chunks_not_on_assignments():
    build(60)
    # One chunk: policies, chunk, ledger, ledger re-read, users, agencies; plus one read of the open reporting
    # periods by each of the reports app's two sources (agency and consolidated reports), which find none here.
    small_reads, small_total = count_scan_queries(chunk_size=1000)
    assert small_reads == 6 + 2
    build(300)
    large_reads, large_total = count_scan_queries(chunk_size=1000)
    assert large_reads == small_reads
    if connection.vendor == "postgresql":
        # One INSERT per chunk and table: the total does not grow either.
        assert large_total == small_total
    # More chunks cost a fixed number of reads each: chunk, ledger, ledger re-read (360 rows: 4 chunks).
    chunked_reads, _ = count_scan_queries(chunk_size=100)
    assert chunked_reads == small_reads + 3 * 3


def test_admin_lists_what_was_sent(client, reminder_world):
    from django.urls import reverse

    scan(reminder_world, 1)
    client.force_login(UserFactory(role="admin", is_superuser=True, agency=None))
    page = client.get(reverse("admin:tasks_reminderledger_changelist"))
    assert page.status_code == 200
    assert "Báo cáo cấp trên" in page.content.decode()
    assert client.get(reverse("admin:tasks_digestledger_changelist")).status_code == 200
    assert client.get(reverse("admin:tasks_reminderledger_add")).status_code == 403
