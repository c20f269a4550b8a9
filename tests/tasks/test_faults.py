"""Faults (issue 15): the database connection dropped in the middle of a confirmation or a return leaves nothing
half-changed, and the user's retry goes through once (one history row, one notification, one e-mail).

PostgreSQL only: the connection is killed for real with pg_terminate_backend from a second connection, in the
middle of the service's transaction (after its row lock, before or after its UPDATE).
"""

import psycopg2
import pytest
from django.core import mail
from django.db import connection
from django.db.utils import DatabaseError, InterfaceError

from agencies.models import Notification, User
from tasks.models import Assignment
from tasks.timeliness import Status
from tasks.workflow import services
from tasks.workflow.services import assignment_confirm, assignment_return
from tests.conftest import skip_or_fail
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    DirectiveFactory,
    TaskFactory,
    TaskGroupFactory,
    UserFactory,
)


@pytest.fixture
def postgres(transactional_db):
    if connection.vendor != "postgresql":
        skip_or_fail("the connection-drop tests need PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def declared(postgres):
    coordinator_agency = AgencyFactory(name="Bộ Chỉ huy quân sự tỉnh (thử)")
    agency = AgencyFactory(name="Sở Nội vụ (thử)")
    directive = DirectiveFactory(coordinating_agency=coordinator_agency)
    task = TaskFactory(group=TaskGroupFactory(directive=directive, number=1), number=1)
    assignment = AssignmentFactory(task=task, agency=agency, status=Status.AWAITING_CONFIRMATION, percent=100)
    Assignment.objects.filter(pk=assignment.pk).update(completed_on=assignment.created_at.date())
    UserFactory(username="staff", agency=agency, role=User.Role.STAFF, email="staff@example.test")
    coordinator = UserFactory(username="coordinator", agency=coordinator_agency, role=User.Role.MANAGER)
    assignment.refresh_from_db()
    return assignment, coordinator


def kill_this_connection() -> None:
    """Terminate the Django connection's server process from a second connection, as a network cut would."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = connection.get_connection_params()
    other = psycopg2.connect(**{key: value for key, value in params.items() if key != "cursor_factory"})
    other.autocommit = True
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    other.close()


def recorded(assignment) -> tuple:
    connection.close()  # the next query opens a fresh connection
    row = Assignment.objects.get(pk=assignment.pk)
    return (row.status, row.percent, row.version, row.completed_on), row.history.count(), Notification.objects.count()


@pytest.mark.parametrize("where", ["before the update", "after the update"])
def test_a_connection_dropped_during_a_return_changes_nothing_and_the_retry_goes_through_once(
    declared, monkeypatch, where
):
    assignment, coordinator = declared
    before = recorded(assignment)
    real_save, real_notify = services.save_change, services.notification_create

    def save_then_maybe_die(*args, **kwargs):
        if where == "before the update":
            kill_this_connection()
        return real_save(*args, **kwargs)

    def die_then_notify(*args, **kwargs):
        if where == "after the update":
            kill_this_connection()
        return real_notify(*args, **kwargs)

    monkeypatch.setattr(services, "save_change", save_then_maybe_die)
    monkeypatch.setattr(services, "notification_create", die_then_notify)
    with pytest.raises((DatabaseError, InterfaceError)):
        assignment_return(
            assignment=assignment, user=coordinator, expected_version=assignment.version, comment="Làm lại"
        )
    assert recorded(assignment) == before
    assert mail.outbox == []

    # The coordinator presses the button again: it goes through, once.
    monkeypatch.setattr(services, "save_change", real_save)
    monkeypatch.setattr(services, "notification_create", real_notify)
    assignment_return(assignment=assignment, user=coordinator, expected_version=assignment.version, comment="Làm lại")
    (status, _percent, version, completed_on), history, notifications = recorded(assignment)
    assert (status, version, completed_on) == (Status.IN_PROGRESS, assignment.version + 1, None)
    assert history == before[1] + 1
    assert notifications == before[2] + 1
    assert len(mail.outbox) == 1


def test_a_connection_dropped_during_a_confirmation_changes_nothing(declared, monkeypatch):
    assignment, coordinator = declared
    before = recorded(assignment)
    real_save = services.save_change

    def die_then_save(*args, **kwargs):
        kill_this_connection()
        return real_save(*args, **kwargs)

    monkeypatch.setattr(services, "save_change", die_then_save)
    with pytest.raises((DatabaseError, InterfaceError)):
        assignment_confirm(assignment=assignment, user=coordinator, expected_version=assignment.version)
    assert recorded(assignment) == before
    monkeypatch.setattr(services, "save_change", real_save)
    assignment_confirm(assignment=assignment, user=coordinator, expected_version=assignment.version)
    assert recorded(assignment)[0][0] == Status.DONE
