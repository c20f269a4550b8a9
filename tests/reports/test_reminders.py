"""Report due dates in the daily reminder scan: same schedule, same ledger, same notices and digest as assignments.

The world's period is the first 6 months of 2026; the directive's reporting agencies are Sở Nội vụ (staff,
manager), Công an tỉnh (other) and the coordinating command itself (coordinator), which has an assignment too.
"""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Notification, User
from directives.models import ReminderPolicy
from reports.models import ConsolidatedReport, ReportPeriod, ReportSchedule
from reports.reminder_sources import (
    AGENCY_REPORT_SOURCE,
    CONSOLIDATED_REPORT_SOURCE,
    OPEN_DAYS_AFTER_DUE,
    agency_report_key,
)
from reports.services.agency_reports import (
    agency_report_accept,
    agency_report_return,
    agency_report_save,
    agency_report_submit,
)
from reports.services.consolidated import consolidated_compile
from reports.services.periods import report_period_get_or_create
from tasks.models import Assignment, ReminderLedger
from tasks.reminders.digest import digest_send
from tasks.reminders.scan import reminder_scan_run
from tests.factories import AgencyFactory, AssignmentFactory, DirectiveFactory, TaskFactory, UserFactory
from tests.reports.conftest import narrative

REMINDER_KINDS = (Notification.Kind.REMINDER, Notification.Kind.OVERDUE)


@pytest.fixture(autouse=True)
def standing_assignments(world):
    """No assignment deadline to remind of, so the assignments' own reminders stay out of these tests."""
    Assignment.objects.update(deadline=None)


def agency_scan(world, offset: int):
    return reminder_scan_run(today=world.period.agency_due_on + timedelta(days=offset))


def consolidated_scan(world, offset: int):
    return reminder_scan_run(today=world.period.consolidated_due_on + timedelta(days=offset))


def reminders(**filters):
    return Notification.objects.filter(kind__in=REMINDER_KINDS, **filters)


def report_url(world, agency) -> str:
    return reverse("reports:agency_report", args=[world.period.pk, agency.pk])


def told(world, agency) -> set[str]:
    """Users reminded about the agency's report."""
    return set(reminders(url=report_url(world, agency)).values_list("user__username", flat=True))


def test_the_dates_of_the_world(world):
    # 14/06/2026 is a Sunday: agency reports are due two working days later, the consolidated report four.
    assert world.period.agency_due_on == date(2026, 6, 16)
    assert world.period.consolidated_due_on == date(2026, 6, 18)


def test_seven_days_before_every_reporting_agency_is_reminded(world):
    result = agency_scan(world, -7)
    assert result.reminders == 3
    assert told(world, world.agency) == {"staff", "manager"}
    assert told(world, world.other_agency) == {"other"}
    assert told(world, world.coordinator_agency) == {"coordinator"}
    # Leaders, admins and agencies that do not report on the directive get nothing.
    assert not reminders(user__in=[world.leader, world.admin, world.other_coordinator]).exists()
    notice = reminders(user=world.staff).get()
    assert notice.kind == Notification.Kind.REMINDER
    assert notice.title == "Báo cáo 6 tháng đầu năm 2026 của đơn vị về Kết luận 249-KL/TU còn 7 ngày đến hạn"
    assert "Đơn vị chưa bắt đầu lập báo cáo." in notice.body
    assert "Hạn nộp báo cáo của đơn vị: 16/06/2026" in notice.body
    assert notice.url == f"/reports/periods/{world.period.pk}/agencies/{world.agency.pk}/"
    keys = set(ReminderLedger.objects.values_list("source", "object_id", "kind", "due_on"))
    assert (
        AGENCY_REPORT_SOURCE,
        agency_report_key(world.period.pk, world.agency.pk),
        "before",
        date(2026, 6, 9),
    ) in keys


def test_nothing_before_the_first_reminder(world):
    agency_scan(world, -8)
    assert not reminders().exists()
    assert not ReminderLedger.objects.exists()


@pytest.mark.parametrize(
    ("offset", "kind", "title"),
    [
        (-3, Notification.Kind.REMINDER, "Kết luận 249-KL/TU còn 3 ngày đến hạn"),
        (-1, Notification.Kind.REMINDER, "Kết luận 249-KL/TU còn 1 ngày đến hạn"),
        (0, Notification.Kind.REMINDER, "Kết luận 249-KL/TU đến hạn hôm nay"),
        (1, Notification.Kind.OVERDUE, "Kết luận 249-KL/TU quá hạn 1 ngày"),
        (8, Notification.Kind.OVERDUE, "Kết luận 249-KL/TU quá hạn 8 ngày"),
    ],
)
def test_before_on_and_after_the_due_date(world, offset, kind, title):
    agency_scan(world, offset)
    notice = reminders(user=world.staff, url=report_url(world, world.agency)).get()
    assert notice.kind == kind
    assert title in notice.title


def test_walking_every_day_follows_the_assignments_schedule_once_each(world):
    sent_on = []
    for offset in range(-10, 23):
        before = reminders(user=world.staff).count()
        agency_scan(world, offset)
        if reminders(user=world.staff).count() > before:
            sent_on.append(offset)
    assert sent_on == [-7, -3, -1, 0, 1, 8, 15, 22]


def test_the_directives_reminder_policy_applies(world):
    ReminderPolicy.objects.create(directive=world.directive, days_before="5", on_due_day=False, overdue_every_days=0)
    sent_on = []
    for offset in range(-10, 23):
        before = reminders(user=world.staff).count()
        agency_scan(world, offset)
        if reminders(user=world.staff).count() > before:
            sent_on.append(offset)
    assert sent_on == [-5, 1]


def test_submitted_and_accepted_reports_get_nothing(world):
    agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )
    other = agency_report_submit(
        period=world.period, agency=world.other_agency, user=world.other_staff, expected_version=None, **narrative()
    )
    agency_report_accept(report=other, user=world.coordinator, expected_version=None)
    for offset in (-7, -3, 0, 1, 8):
        agency_scan(world, offset)
    assert told(world, world.agency) == set()
    assert told(world, world.other_agency) == set()
    # The coordinating command reports too, and has not.
    assert told(world, world.coordinator_agency) == {"coordinator"}


def test_a_draft_is_still_reminded(world):
    agency_report_save(period=world.period, agency=world.agency, user=world.staff, expected_version=None, **narrative())
    agency_scan(world, -1)
    notice = reminders(user=world.staff).get()
    assert "Bản nháp của đơn vị chưa được gửi." in notice.body


def test_a_returned_report_is_reminded_again(world):
    agency_scan(world, -7)
    report = agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )
    agency_scan(world, -3)
    assert reminders(user=world.staff).count() == 1
    agency_report_return(report=report, user=world.coordinator, expected_version=None, comment="Bổ sung số liệu.")
    # The next step of the schedule reminds the agency again, saying why.
    agency_scan(world, -1)
    assert reminders(user=world.staff).count() == 2
    notice = reminders(user=world.staff).first()
    assert "còn 1 ngày đến hạn" in notice.title
    assert "trả lại" in notice.body
    # Resubmitted: nothing more.
    agency_report_submit(
        period=world.period, agency=world.agency, user=world.manager, expected_version=None, **narrative()
    )
    agency_scan(world, 1)
    assert reminders(user=world.staff).count() == 2


def test_a_second_scan_the_same_day_sends_nothing(world):
    first = agency_scan(world, -7)
    second = agency_scan(world, -7)
    assert (first.reminders, first.notifications) == (3, 4)
    assert (second.reminders, second.notifications) == (0, 0)
    assert reminders().count() == 4


def test_missed_days_are_caught_up_once(world):
    # No scan for weeks: one overdue reminder (the latest step, due + 8), not one per missed step.
    result = agency_scan(world, 10)
    assert result.reminders == 3
    notice = reminders(user=world.staff).get()
    assert notice.kind == Notification.Kind.OVERDUE
    assert "quá hạn 10 ngày" in notice.title
    assert ReminderLedger.objects.filter(source=AGENCY_REPORT_SOURCE, kind="overdue").get(
        object_id=agency_report_key(world.period.pk, world.agency.pk)
    ).due_on == world.period.agency_due_on + timedelta(days=8)
    for offset in (11, 12, 13, 14):
        agency_scan(world, offset)
    assert reminders(user=world.staff).count() == 1
    agency_scan(world, 15)
    assert reminders(user=world.staff).count() == 2


def test_reminders_stop_once_the_consolidated_report_is_issued_or_long_after(world):
    agency_scan(world, OPEN_DAYS_AFTER_DUE + 1)
    assert not reminders().exists()
    report = consolidated_compile(period=world.period, user=world.coordinator, today=world.period.cutoff_on)
    ConsolidatedReport.objects.filter(pk=report.pk).update(
        status=ConsolidatedReport.Status.ISSUED, number=1, year=2026, issued_on=world.period.consolidated_due_on
    )
    agency_scan(world, 1)
    assert not reminders().exists()


def test_untracked_directives_are_not_reminded(world):
    type(world.directive).objects.filter(pk=world.directive.pk).update(is_tracked=False)
    agency_scan(world, 0)
    assert not reminders().exists()


def test_consolidated_report_reminds_the_coordinating_agency_before_and_on_its_due_date(world):
    coordinator_staff = UserFactory(username="coordinator_staff", agency=world.coordinator_agency)
    url = reverse("reports:consolidated", args=[world.period.pk])
    sent_on = []
    for offset in range(-10, 5):
        before = reminders(url=url).count()
        consolidated_scan(world, offset)
        if reminders(url=url).count() > before:
            sent_on.append(offset)
    assert sent_on == [-7, -3, -1, 0]
    assert set(reminders(url=url).values_list("user__username", flat=True)) == {"coordinator", "coordinator_staff"}
    notices = list(reminders(url=url, user=coordinator_staff).order_by("pk"))
    assert notices[0].title == "Báo cáo tổng hợp 6 tháng đầu năm 2026 về Kết luận 249-KL/TU còn 7 ngày đến hạn"
    assert notices[-1].title == "Báo cáo tổng hợp 6 tháng đầu năm 2026 về Kết luận 249-KL/TU đến hạn hôm nay"
    assert "18/06/2026" in notices[-1].body
    assert {notice.kind for notice in notices} == {Notification.Kind.REMINDER}
    assert set(
        ReminderLedger.objects.filter(source=CONSOLIDATED_REPORT_SOURCE).values_list("object_id", flat=True)
    ) == {world.period.pk}


def test_an_issued_consolidated_report_is_not_reminded(world):
    report = consolidated_compile(period=world.period, user=world.coordinator, today=world.period.cutoff_on)
    consolidated_scan(world, -1)
    assert reminders(url=reverse("reports:consolidated", args=[world.period.pk])).count() == 1
    ConsolidatedReport.objects.filter(pk=report.pk).update(
        status=ConsolidatedReport.Status.ISSUED, number=1, year=2026, issued_on=world.period.consolidated_due_on
    )
    consolidated_scan(world, 0)
    assert reminders(url=reverse("reports:consolidated", args=[world.period.pk])).count() == 1


def test_the_dry_run_lists_report_reminders_and_writes_nothing(world):
    out = StringIO()
    call_command("send_reminders", "--dry-run", "--date", "18/06/2026", stdout=out)
    output = out.getvalue()
    assert "Báo cáo 6 tháng đầu năm 2026 của đơn vị về Kết luận 249-KL/TU quá hạn 2 ngày" in output
    assert "Báo cáo tổng hợp 6 tháng đầu năm 2026 về Kết luận 249-KL/TU đến hạn hôm nay" in output
    assert f"/reports/periods/{world.period.pk}/consolidated/" in output
    assert "staff <staff@dondoc.test>" in output
    assert not Notification.objects.exists()
    assert not ReminderLedger.objects.exists()


def test_report_reminders_go_in_the_daily_digest(world):
    agency_scan(world, 1)
    assert digest_send(user_id=world.staff.pk, day=world.period.agency_due_on + timedelta(days=1)) == 1
    message = mail.outbox[-1]
    assert message.subject == "[Đôn đốc] Nhắc việc ngày 17/06/2026: 1 quá hạn"
    assert "QUÁ HẠN (1)" in message.body
    assert "Báo cáo 6 tháng đầu năm 2026 của đơn vị về Kết luận 249-KL/TU quá hạn 1 ngày" in message.body
    assert f"http://127.0.0.1:8000{report_url(world, world.agency)}" in message.body
    # The consolidated report's reminders land under "due soon" for the coordinator.
    consolidated_scan(world, -1)
    assert digest_send(user_id=world.coordinator.pk, day=world.period.consolidated_due_on - timedelta(days=1)) == 2
    assert "SẮP ĐẾN HẠN (1)" in mail.outbox[-1].body
    assert "Báo cáo tổng hợp 6 tháng đầu năm 2026" in mail.outbox[-1].body


def grow(world, *, agencies: int, periods: int) -> None:
    """More reporting agencies with users, and more open periods of other directives due the same day."""
    for _ in range(agencies):
        agency = AgencyFactory()
        UserFactory(agency=agency)
        UserFactory(agency=agency, role=User.Role.MANAGER)
        AssignmentFactory(task=TaskFactory(group=world.assignments["home_standing"].task.group), agency=agency)
    for index in range(periods):
        directive = DirectiveFactory(coordinating_agency=world.coordinator_agency)
        task = TaskFactory(group__directive=directive)
        AssignmentFactory(task=task, agency=world.agency)
        schedule = ReportSchedule.objects.create(directive=directive)
        report_period_get_or_create(schedule=schedule, kind="half_year", year=2026, index=1)
        if index % 2:
            ReminderPolicy.objects.create(directive=directive, days_before="7,3,1")


def count_queries(world) -> int:
    Assignment.objects.filter(task__group__directive=world.directive).update(deadline=date(2026, 6, 1))
    Notification.objects.all().delete()
    ReminderLedger.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        result = reminder_scan_run(today=world.period.consolidated_due_on - timedelta(days=3))
    assert result.reminders
    return len([query for query in queries.captured_queries if query["sql"].startswith("SELECT")])


def test_scan_query_count_does_not_depend_on_agencies_or_periods(world):
    # Assignment source: policies, chunk, ledger, ledger re-read, users, agencies. Agency reports: periods, policies,
    # reporting agencies, reports, ledger, ledger re-read, users, agencies. Consolidated: periods, policies, ledger,
    # ledger re-read, users.
    small = count_queries(world)
    assert small == 6 + 8 + 5
    grow(world, agencies=30, periods=10)
    assert ReportPeriod.objects.count() == 11
    assert count_queries(world) == small
