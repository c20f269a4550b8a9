"""A small world for the workspace tests: two directives, one task with a lead and a cooperating agency,
and one user per role of the access matrix."""

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.models import Agency, User
from directives.models import Directive
from tasks.models import Assignment, Evidence, ProgressUpdate
from tasks.seed.pdf import demo_pdf
from tests.conftest import travel_to
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    DirectiveFactory,
    TaskFactory,
    TaskGroupFactory,
    UserFactory,
)

TODAY = date(2026, 11, 28)


REFERENCE = Path(__file__).resolve().parents[1] / "fixtures" / "kl249.vi.txt"


@pytest.fixture
def admin_client(client, demo_user):
    """The demo administrator, signed in."""
    client.force_login(demo_user("admin"))
    return client


@pytest.fixture
def reference_text() -> str:
    """The directive of DESIGN §7 as the province received it (its scanning typos included)."""
    return REFERENCE.read_text(encoding="utf-8")


@pytest.fixture
def on_today():
    """The wall clock at 09:00 local time on TODAY, for pages and services that read today from it."""
    with travel_to(TODAY) as traveller:
        yield traveller


@dataclass
class World:
    directive: Directive
    other_directive: Directive
    agency: Agency
    assignment: Assignment
    sibling: Assignment
    other_assignment: Assignment
    users: dict[str, User] = field(default_factory=dict)
    unit: Agency | None = None  # delegating_world's commune

    def refresh(self) -> Assignment:
        self.assignment.refresh_from_db()
        return self.assignment


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    coordinator_agency = AgencyFactory(name="Bộ Chỉ huy quân sự tỉnh (thử)")
    other_coordinator_agency = AgencyFactory(name="Sở Ngoại vụ (thử)")
    agency = AgencyFactory(name="Sở Nội vụ (thử)")
    cooperating = AgencyFactory(name="UBND huyện (thử)")
    other = AgencyFactory(name="Công an tỉnh (thử)")
    province = AgencyFactory(name="UBND tỉnh (thử)", kind=Agency.Kind.PEOPLES_COMMITTEE)
    directive = DirectiveFactory(coordinating_agency=coordinator_agency)
    other_directive = DirectiveFactory(coordinating_agency=other_coordinator_agency)
    task = TaskFactory(group=TaskGroupFactory(directive=directive, number=1), number=1, text="Củng cố quốc phòng")
    assignment = AssignmentFactory(
        task=task, agency=agency, role=Assignment.Role.LEAD, deadline=TODAY + timedelta(days=20)
    )
    sibling = AssignmentFactory(task=task, agency=cooperating, role=Assignment.Role.COOPERATING)
    other_task = TaskFactory(group=TaskGroupFactory(directive=other_directive, number=1), number=1)
    other_assignment = AssignmentFactory(task=other_task, agency=other)
    users = {
        "staff": UserFactory(username="staff", agency=agency, role=User.Role.STAFF),
        "manager": UserFactory(username="manager", agency=agency, role=User.Role.MANAGER),
        "other_staff": UserFactory(username="other_staff", agency=other, role=User.Role.STAFF),
        "coordinator": UserFactory(username="coordinator", agency=coordinator_agency, role=User.Role.STAFF),
        "other_coordinator": UserFactory(
            username="other_coordinator", agency=other_coordinator_agency, role=User.Role.MANAGER
        ),
        "leader": UserFactory(username="leader", agency=province, role=User.Role.LEADER),
        "admin": UserFactory(username="admin", agency=None, role=User.Role.ADMIN),
        "cooperating_staff": UserFactory(username="cooperating_staff", agency=cooperating, role=User.Role.STAFF),
    }
    return World(
        directive=directive,
        other_directive=other_directive,
        agency=agency,
        assignment=assignment,
        sibling=sibling,
        other_assignment=other_assignment,
        users=users,
    )


@pytest.fixture
def delegating_world(world) -> World:
    """The world with delegation: a commune under the lead agency and one under the cooperating agency (the
    district), each with staff and a manager, and the district's manager, who reviews what it passes down."""
    from tasks.models import Subordinate

    commune = AgencyFactory(name="UBND xã Tân Lập (thử)", kind=Agency.Kind.OTHER)
    Subordinate.objects.create(agency=world.agency, unit=commune)
    Subordinate.objects.create(agency=world.sibling.agency, unit=commune)
    world.unit = commune
    world.users.update(
        unit_staff=UserFactory(username="unit_staff", agency=commune, role=User.Role.STAFF),
        unit_manager=UserFactory(username="unit_manager", agency=commune, role=User.Role.MANAGER),
        cooperating_manager=UserFactory(
            username="cooperating_manager", agency=world.sibling.agency, role=User.Role.MANAGER
        ),
    )
    return world


@pytest.fixture
def two_communes(delegating_world):
    """The lead agency's two communes, each with a member of staff; the first is the world's commune."""
    world = delegating_world
    from tasks.models import Subordinate

    second = AgencyFactory(name="UBND xã Mường Vang (thử)")
    Subordinate.objects.create(agency=world.agency, unit=second)
    world.users["second_staff"] = UserFactory(username="second_staff", agency=second, role=User.Role.STAFF)
    world.second = second
    return world


@pytest.fixture
def tree(two_communes):
    """The lead agency's share (due TODAY + 20) passed down to its two communes, due five days before it."""
    from .helpers import delegate

    world = two_communes
    world.shares = delegate(world)
    return world


def pdf_upload(name: str = "Báo cáo kết quả.pdf", title: str = "Bao cao") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_pdf(title), content_type="application/pdf")


def png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


def docx_bytes() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


@pytest.fixture
def evidence(world) -> Evidence:
    """One evidence file on the assignment, stored the way the service stores it."""
    update = ProgressUpdate.objects.create(
        assignment=world.assignment, author=world.users["staff"], percent=10, results="Có minh chứng"
    )
    upload = pdf_upload()
    return Evidence.objects.create(
        update=update, file=upload, original_name=upload.name, content_type="application/pdf", size=upload.size
    )


# --- Real processes for the integration tests (tests/tasks/celery_harness.py) -------------------------------


@pytest.fixture
def smtp_server():
    """An SMTP server on loopback keeping what it accepts (a MailSink)."""
    from tests.conftest import skip_or_fail
    from tests.tasks.celery_harness import MailSink, free_port

    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        skip_or_fail("aiosmtpd is not installed")
    sink = MailSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    try:
        controller.start()
    except (OSError, RuntimeError) as error:
        skip_or_fail(f"cannot start an SMTP server on 127.0.0.1:{port}: {error}")
    sink.port = port
    yield sink
    sink.drop_held()
    controller.stop()


@pytest.fixture
def redis_url() -> str:
    """The shared Redis (a database of its own): for tests that never stop it."""
    import redis

    from tests.conftest import skip_or_fail
    from tests.tasks.celery_harness import REDIS_URL

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis is not available at {REDIS_URL}: {error}")
    return REDIS_URL


@pytest.fixture
def celery_workers(transactional_db, smtp_server, tmp_path):
    """A factory: `celery_workers(broker_url, **env)` gives a Workers; each starts workers on its own queue."""
    from django.db import connection

    from tests.conftest import skip_or_fail
    from tests.tasks.celery_harness import Workers

    if connection.vendor != "postgresql":
        skip_or_fail("the integration test needs PostgreSQL: set DATABASE_URL=postgres://...")
    made = []

    def make(broker_url: str, **extra_env: str) -> Workers:
        workers = Workers(broker_url=broker_url, smtp_port=smtp_server.port, log_dir=tmp_path, extra_env=extra_env)
        made.append(workers)
        return workers

    yield make
    for workers in made:
        workers.stop_all()


@pytest.fixture
def celery_worker_process(celery_workers, redis_url):
    """One worker on the shared Redis."""
    import redis

    workers = celery_workers(redis_url)
    yield workers.start()
    workers.stop_all()
    redis.Redis.from_url(redis_url).delete(workers.queue)
