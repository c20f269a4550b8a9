"""A small province to reorganise: two agencies with open and closed work, a successor, users and a past period."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from agencies.models import Agency, AgencyChange, User
from directives.models import Directive
from reports.models import AgencyReport, ReportPeriod
from tasks.models import Assignment, ExtensionRequest
from tasks.reorganising import Reorganisation
from tests.conftest import travel_to
from tests.factories import AgencyFactory, AssignmentFactory, DirectiveFactory, TaskFactory, UserFactory

# The work was given in 2024; the change takes effect on 01/07/2025, when it is performed.
BEFORE = date(2024, 3, 1)
EFFECTIVE = date(2025, 7, 1)
DECISION = {
    "decision_number": "1676/NQ-UBTVQH15",
    "decision_date": date(2025, 6, 16),
    "issuer": "Ủy ban Thường vụ Quốc hội",
    "effective_on": EFFECTIVE,
}


@dataclass
class Province:
    directive: Directive
    a: Agency
    b: Agency
    c: Agency
    admin: User
    a_staff: User
    b_manager: User
    c_staff: User
    a_open: Assignment  # lead, due three days after the change, with a pending extension request
    a_done: Assignment
    b_open: Assignment
    b_shared: Assignment  # cooperating on the task A leads: it joins A's when both go to C
    a_shared: Assignment
    past_period: ReportPeriod
    draft: AgencyReport
    submitted: AgencyReport

    def request(self, kind, **fields) -> Reorganisation:
        return Reorganisation(kind=kind, **{**DECISION, **fields})


@pytest.fixture
def province(db) -> Province:
    with travel_to(BEFORE):
        coordinator = AgencyFactory(name="Bộ Chỉ huy quân sự tỉnh (thử)")
        directive = DirectiveFactory(coordinating_agency=coordinator)
        a = AgencyFactory(name="UBND huyện Kỳ Sơn", code="ubnd-ky-son", kind=Agency.Kind.DISTRICT)
        b = AgencyFactory(name="UBND huyện Lương Sơn", code="ubnd-luong-son", kind=Agency.Kind.DISTRICT)
        c = AgencyFactory(name="UBND xã Lương Sơn", code="ubnd-xa-luong-son", kind=Agency.Kind.COMMUNE)
        admin = UserFactory(
            username="qt", role=User.Role.ADMIN, agency=None, full_name="Quản trị viên", is_superuser=True
        )
        users = {
            "a_staff": UserFactory(username="cv.kyson", agency=a),
            "b_manager": UserFactory(username="ql.luongson", agency=b, role=User.Role.MANAGER),
            "c_staff": UserFactory(username="cv.xaluongson", agency=c),
        }
        tasks = [TaskFactory(group__directive=directive) for _ in range(3)]
        deadline = EFFECTIVE + timedelta(days=3)
        a_open = AssignmentFactory(task=tasks[0], agency=a, deadline=deadline, status=Assignment.Status.IN_PROGRESS)
        a_done = AssignmentFactory(
            task=tasks[1],
            agency=a,
            deadline=date(2024, 6, 1),
            status=Assignment.Status.DONE,
            completed_on=date(2024, 5, 20),
        )
        b_open = AssignmentFactory(task=tasks[1], agency=b, deadline=deadline)
        b_shared = AssignmentFactory(task=tasks[0], agency=b, role=Assignment.Role.COOPERATING, deadline=deadline)
        a_shared = AssignmentFactory(task=tasks[2], agency=a, role=Assignment.Role.COOPERATING, deadline=deadline)
        ExtensionRequest.objects.create(
            assignment=a_open,
            requested_by=users["a_staff"],
            new_deadline=deadline + timedelta(days=30),
            reason="Thiếu kinh phí",
        )
        period = ReportPeriod.objects.create(
            directive=directive,
            kind=ReportPeriod.Kind.HALF_YEAR,
            year=2024,
            index=1,
            starts_on=date(2023, 12, 15),
            cutoff_on=date(2024, 6, 14),
            agency_due_on=date(2024, 6, 18),
            consolidated_due_on=date(2024, 6, 20),
        )
        later = ReportPeriod.objects.create(
            directive=directive,
            kind=ReportPeriod.Kind.HALF_YEAR,
            year=2025,
            index=1,
            starts_on=date(2024, 12, 15),
            cutoff_on=date(2025, 6, 14),
            agency_due_on=date(2025, 6, 18),
            consolidated_due_on=date(2025, 6, 20),
        )
    with travel_to(date(2024, 6, 30)):
        a_done.refresh_from_db()
        submitted = AgencyReport.objects.create(period=period, agency=a, status=AgencyReport.Status.SUBMITTED)
        draft = AgencyReport.objects.create(period=later, agency=a, results="Bản nháp")
    return Province(
        directive=directive,
        a=a,
        b=b,
        c=c,
        admin=admin,
        a_open=a_open,
        a_done=a_done,
        b_open=b_open,
        b_shared=b_shared,
        a_shared=a_shared,
        past_period=period,
        draft=draft,
        submitted=submitted,
        **users,
    )


def counts() -> dict:
    """Rows of every table a reorganisation writes, to show that a refusal or a dry run wrote nothing."""
    return {
        "changes": AgencyChange.objects.count(),
        "agencies": Agency.history.count(),
        "assignments": Assignment.history.count(),
        "users": User.history.count(),
        "reports": AgencyReport.history.count(),
        "extensions": list(ExtensionRequest.objects.values_list("decision", flat=True)),
        "by_agency": sorted(Assignment.objects.values_list("pk", "agency_id", "status")),
    }
