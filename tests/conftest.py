"""Shared fixtures: the seeded province, demo users, a fixed 'today', and the session clock.

`pytest --clock "2027-02-10 23:30"` (or DONDOC_TEST_CLOCK) runs the whole session as if the wall clock read that
local time in Asia/Ho_Chi_Minh; it ticks on from there. `.ci/run` uses it to run the suite on the edge dates of
the calendar. A test that means a particular day travels there itself (the `clock` fixture or time_machine); a test
that means "whatever today is" says so in its name and reads today from the same clock as the code.
"""

import os
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings as django_settings
from django.utils import translation

from agencies.models import User

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")

DEMO_USERNAMES = ["admin", "lanhdao", "bchqs", "quanly.snv", "chuyenvien.snv", "chuyenvien.cat"]
# The staff of the other agencies whose work the demo's story tells (tasks/seed/demo_story.json).
STORY_USERNAMES = ["chuyenvien.mttq", "chuyenvien.skhdt", "chuyenvien.sngv", "chuyenvien.stnmt", "chuyenvien.sldtbxh"]
# The district and the commune of the demo's delegated share (tasks/seed/delegation.py).
DELEGATION_USERNAMES = ["quanly.lacson", "chuyenvien.annghia"]
# The test run makes missing parts (PostgreSQL, Redis, Chromium) fail instead of skip when this is set.
REQUIRE_SERVICES = os.environ.get("DONDOC_REQUIRE_SERVICES") == "1"


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=os.environ.get("DONDOC_TEST_CLOCK") or None,
        help="run the session as if the clock read this local time (Asia/Ho_Chi_Minh), e.g. '2027-02-10 23:30'",
    )


def session_moment(value: str) -> datetime:
    """The instant a --clock value names: an ISO date and time, local to Asia/Ho_Chi_Minh unless it says otherwise."""
    moment = datetime.fromisoformat(value.strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=LOCAL)


def pytest_configure(config):
    value = config.getoption("--clock")
    if value:
        config._dondoc_clock = time_machine.travel(session_moment(value), tick=True)
        config._dondoc_clock.start()


def pytest_unconfigure(config):
    traveller = getattr(config, "_dondoc_clock", None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    value = config.getoption("--clock")
    return f"clock: {session_moment(value).isoformat()} (--clock)" if value else None


def travel_to(day: date, at: time = time(9, 0)):
    """A time_machine traveller to `day` at `at`, local time; the clock ticks on from there."""
    return time_machine.travel(datetime.combine(day, at, tzinfo=LOCAL), tick=True)


@pytest.fixture
def clock(seed_today):
    """The wall clock set to 09:00 local time on `seed_today`, for tests whose expectations mean that day."""
    with travel_to(seed_today) as traveller:
        yield traveller


def skip_or_fail(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"required part missing: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's language (Vietnamese): a request's language stays active in its thread after
    the response (as with Django's LocaleMiddleware), so an English page seen by one test would otherwise leak into
    the messages of the next test that renders without a request."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def new_lists_version():
    """Each test starts on new lists' and pages' data versions (tasks.list_version, agencies.page_cache): a test's
    rolled-back rows must not answer the next test from a cache, as no committed write in production can leave them
    behind."""
    from agencies.page_cache import bump_page_version
    from tasks.list_version import bump_list_version

    bump_list_version()
    bump_page_version()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and seeded files go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seed_today() -> date:
    return date(2026, 11, 28)


@pytest.fixture
def seeded(db, seed_today, clock):
    """The demo seed loaded on `seed_today`, with the clock on that day: its deadlines are placed relative to it."""
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
