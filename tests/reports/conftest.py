"""A small province for the reports tests: one directive coordinated by a military command, two reporting
agencies, users of every role, and the first-6-months period of 2026 (15/12/2025 – 14/06/2026)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from agencies.models import Agency, Signer, User
from directives.models import Directive
from reports.models import ReportPeriod, ReportSchedule
from reports.services.periods import report_period_get_or_create
from tasks.models import Assignment, ProgressUpdate
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    DirectiveFactory,
    TaskFactory,
    TaskGroupFactory,
    UserFactory,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Well before the period: the assignments exist for the whole window.
REGISTERED_AT = datetime(2025, 12, 1, 8, 0, tzinfo=TZ)


def local(day: date, hour: int = 9, minute: int = 0, second: int = 0, micro: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second, micro), tzinfo=TZ)


def save_at(assignment: Assignment, moment: datetime, **changes) -> Assignment:
    """Change an assignment as if it happened at `moment`: the history row carries that date."""
    for name, value in changes.items():
        setattr(assignment, name, value)
    assignment.version += 1
    assignment._history_date = moment
    assignment.save()
    del assignment._history_date
    return assignment


def add_update(assignment: Assignment, author: User, moment: datetime, percent: int, **texts) -> ProgressUpdate:
    return ProgressUpdate.objects.create(
        assignment=assignment, author=author, created_at=moment, percent=percent, **texts
    )


def make_assignment(task, agency, *, deadline=None, role=Assignment.Role.LEAD) -> Assignment:
    assignment = AssignmentFactory.build(task=task, agency=agency, deadline=deadline, role=role)
    assignment._history_date = REGISTERED_AT
    assignment.save()
    del assignment._history_date
    return assignment


@dataclass
class World:
    directive: Directive
    other_directive: Directive
    coordinator_agency: Agency
    agency: Agency
    other_agency: Agency
    period: ReportPeriod
    staff: User
    manager: User
    other_staff: User
    coordinator: User
    other_coordinator: User
    leader: User
    admin: User
    assignments: dict

    def users(self) -> dict[str, User]:
        return {
            "agency_staff": self.staff,
            "agency_manager": self.manager,
            "other_agency_staff": self.other_staff,
            "coordinator": self.coordinator,
            "other_coordinator": self.other_coordinator,
            "leader": self.leader,
            "admin": self.admin,
        }


@pytest.fixture
def world(db) -> World:
    command = AgencyFactory(
        name="Bộ Chỉ huy quân sự tỉnh",
        short_name="Bộ CHQS tỉnh",
        code="bchqs",
        kind=Agency.Kind.MILITARY,
        parent_body="UBND TỈNH HÒA BÌNH",
        document_code="BCH",
    )
    home = AgencyFactory(name="Sở Nội vụ", code="so-noi-vu", parent_body="UBND TỈNH HÒA BÌNH", document_code="SNV")
    other = AgencyFactory(name="Công an tỉnh", code="cong-an", parent_body="UBND TỈNH HÒA BÌNH", document_code="CAT")
    police_directive_coordinator = AgencyFactory(name="Sở Tư pháp", code="so-tu-phap")
    people = AgencyFactory(name="Ủy ban nhân dân tỉnh", code="ubnd", kind=Agency.Kind.PEOPLES_COMMITTEE)

    directive = DirectiveFactory(number="249-KL/TU", coordinating_agency=command, issued_on=date(2019, 9, 17))
    other_directive = DirectiveFactory(number="12-CT/TU", coordinating_agency=police_directive_coordinator)
    group1 = TaskGroupFactory(directive=directive, number=1, title="Lãnh đạo, chỉ đạo")
    group2 = TaskGroupFactory(directive=directive, number=2, title="Giáo dục quốc phòng")
    t11 = TaskFactory(group=group1, number=1, text="Quán triệt Kết luận.")
    t21 = TaskFactory(group=group2, number=1, text="Bồi dưỡng kiến thức quốc phòng.")
    t22 = TaskFactory(group=group2, number=2, text="Kiện toàn Hội đồng.")
    assignments = {
        "home_standing": make_assignment(t11, home),
        "home_due_march": make_assignment(t21, home, deadline=date(2026, 3, 31)),
        "home_due_may": make_assignment(t22, home, deadline=date(2026, 5, 15)),
        "other_due_march": make_assignment(t21, other, deadline=date(2026, 3, 31), role=Assignment.Role.COOPERATING),
        "command_standing": make_assignment(t11, command),
    }
    Signer.objects.create(agency=command, name="Đại tá Nguyễn Văn A", title="Chỉ huy trưởng", is_head=True)
    Signer.objects.create(agency=command, name="Thượng tá Trần Văn B", title="Phó Chỉ huy trưởng", sort_order=20)
    Signer.objects.create(agency=home, name="Nguyễn Thị C", title="Giám đốc", is_head=True)
    schedule = ReportSchedule.objects.create(directive=directive)
    period, _ = report_period_get_or_create(schedule=schedule, kind="half_year", year=2026, index=1)
    return World(
        directive=directive,
        other_directive=other_directive,
        coordinator_agency=command,
        agency=home,
        other_agency=other,
        period=period,
        staff=UserFactory(username="staff", agency=home, role=User.Role.STAFF, full_name="Chuyên viên Nội vụ"),
        manager=UserFactory(username="manager", agency=home, role=User.Role.MANAGER, full_name="Giám đốc Sở Nội vụ"),
        other_staff=UserFactory(username="other", agency=other, role=User.Role.STAFF),
        coordinator=UserFactory(
            username="coordinator",
            agency=command,
            role=User.Role.MANAGER,
            full_name="Đại tá Nguyễn Văn A",
            job_title="Chỉ huy trưởng",
        ),
        other_coordinator=UserFactory(
            username="othercoord", agency=police_directive_coordinator, role=User.Role.MANAGER
        ),
        leader=UserFactory(username="leader", agency=people, role=User.Role.LEADER),
        admin=UserFactory(username="admin", agency=people, role=User.Role.ADMIN),
        assignments=assignments,
    )


@pytest.fixture
def after_cutoff():
    """A day after the first-6-months period of 2026 closed."""
    return date(2026, 6, 20)


def narrative(**overrides) -> dict[str, str]:
    values = {
        "results": "Đã quán triệt Kết luận đến toàn thể cán bộ.",
        "limitations": "Kinh phí còn hạn chế.",
        "tasks_ahead": "Tiếp tục bồi dưỡng.",
        "proposals": "Đề nghị bổ sung kinh phí.",
    }
    values.update(overrides)
    return values


ONE_DAY = timedelta(days=1)
