"""Shared fixtures: the seeded province, demo users, a fixed 'today'."""

import os
from datetime import UTC, date, datetime

import pytest

from agencies.models import User

DEMO_USERNAMES = ["admin", "lanhdao", "bchqs", "quanly.snv", "chuyenvien.snv", "chuyenvien.cat"]
# The test run makes missing parts (PostgreSQL, Redis, Chromium) fail instead of skip when this is set.
REQUIRE_SERVICES = os.environ.get("DONDOC_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"required part missing: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and seeded files go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seed_today() -> date:
    return date(2026, 11, 28)


@pytest.fixture
def seeded(db, seed_today):
    from tasks.seed.loader import seed

    return seed(today=seed_today, demo=True)


@pytest.fixture
def demo_user(seeded):
    def get(username: str) -> User:
        return User.objects.get(username=username)

    return get


@pytest.fixture
def reminder_world(db):
    """One directive coordinated by a military command, one task assigned to a department, and their users.

    Deadline 15/12/2026; the assignments look created long ago, so no "new assignment" notice interferes.
    """
    from types import SimpleNamespace

    from tasks.models import Assignment
    from tests.factories import AgencyFactory, AssignmentFactory, DirectiveFactory, TaskFactory, UserFactory

    coordinating = AgencyFactory(name="Bộ Chỉ huy quân sự tỉnh", short_name="Bộ CHQS tỉnh")
    agency = AgencyFactory(name="Sở Nội vụ", short_name="Sở Nội vụ")
    directive = DirectiveFactory(number="249-KL/TU", coordinating_agency=coordinating)
    task = TaskFactory(group__directive=directive, group__number=5, number=2, text="Xây dựng khu vực phòng thủ tỉnh.")
    assignment = AssignmentFactory(task=task, agency=agency, deadline=date(2026, 12, 15))
    Assignment.objects.filter(pk=assignment.pk).update(created_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    world = SimpleNamespace(
        coordinating=coordinating,
        agency=agency,
        directive=directive,
        task=task,
        assignment=assignment,
        deadline=assignment.deadline,
        staff=UserFactory(agency=agency, username="cv.snv", full_name="Nguyễn Văn Chuyên"),
        manager=UserFactory(agency=agency, role=User.Role.MANAGER, username="ql.snv", full_name="Trần Thị Quản"),
        inactive=UserFactory(agency=agency, is_active=False, username="cu.snv"),
        coordinator=UserFactory(agency=coordinating, role=User.Role.MANAGER, username="bchqs.ql"),
        coordinator_staff=UserFactory(agency=coordinating, username="bchqs.cv"),
        other=UserFactory(username="khac"),
    )
    return world
