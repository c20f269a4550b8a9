"""The transition table, walked exhaustively: every (state, action, role) either succeeds through the service, landing
in the state the table names, or is refused with its Vietnamese message and changes nothing; and the assignment page
offers exactly the actions the table allows.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from agencies.models import Notification
from tasks.models import Assignment, ExtensionRequest, ProgressUpdate
from tasks.reminders.urge import assignment_urge
from tasks.timeliness import Status
from tasks.workflow import (
    ACTORS,
    PAGE_ACTIONS,
    TRANSITIONS,
    Action,
    Actor,
    assignment_cancel,
    assignment_change_deadline,
    assignment_confirm,
    assignment_declare_done,
    assignment_pause,
    assignment_resume,
    assignment_return,
    extension_request_create,
    extension_request_decide,
    progress_update_create,
)
from tasks.workflow.table import NOT_AN_ACTOR, PREVIOUS, SAME, STATE_REFUSALS, transition

from .conftest import TODAY

ROLE_ACTORS = {
    "staff": {Actor.AGENCY},
    "manager": {Actor.AGENCY},
    "coordinator": {Actor.COORDINATOR},
    "leader": {Actor.SUPERVISOR},
    "admin": {Actor.SUPERVISOR},
    "cooperating_staff": set(),
    "other_staff": set(),
}


def perform(action: Action, world, user, assignment: Assignment, pending: ExtensionRequest | None):
    """Call the action's service as the page (or the admin, or the urge page) would."""
    version = assignment.version
    deadline = assignment.deadline
    calls = {
        Action.REPORT: lambda: progress_update_create(assignment=assignment, author=user, percent=50, results="Đã làm"),
        Action.DECLARE_DONE: lambda: assignment_declare_done(
            assignment=assignment, user=user, expected_version=version, today=TODAY
        ),
        Action.CONFIRM: lambda: assignment_confirm(assignment=assignment, user=user, expected_version=version),
        Action.RETURN: lambda: assignment_return(
            assignment=assignment, user=user, expected_version=version, comment="Bổ sung minh chứng"
        ),
        Action.REQUEST_EXTENSION: lambda: extension_request_create(
            assignment=assignment,
            user=user,
            expected_version=version,
            new_deadline=deadline + timedelta(days=10),
            reason="Cần thêm thời gian",
            today=TODAY,
        ),
        Action.DECIDE_EXTENSION: lambda: extension_request_decide(
            extension_request=pending, user=user, approve=True, expected_version=version
        ),
        Action.PAUSE: lambda: assignment_pause(
            assignment=assignment, user=user, expected_version=version, reason="Chờ"
        ),
        Action.RESUME: lambda: assignment_resume(assignment=assignment, user=user, expected_version=version),
        Action.CANCEL: lambda: assignment_cancel(
            assignment=assignment, user=user, expected_version=version, reason="Hủy"
        ),
        Action.CHANGE_DEADLINE: lambda: assignment_change_deadline(
            assignment=assignment,
            user=user,
            expected_version=version,
            deadline=deadline + timedelta(days=7),
            reason="Sửa",
        ),
        Action.URGE: lambda: assignment_urge(assignment=assignment, user=user, message="Đề nghị báo cáo kết quả."),
    }
    return calls[action]()


def put_in_state(world, status: Status, *, pending: bool) -> tuple[Assignment, ExtensionRequest | None]:
    done = status in (Status.AWAITING_CONFIRMATION, Status.DONE)
    Assignment.objects.filter(pk=world.assignment.pk).update(
        status=status, completed_on=TODAY if done else None, percent=100 if done else 20
    )
    request = None
    if pending:
        request = ExtensionRequest.objects.create(
            assignment=world.assignment,
            requested_by=world.users["staff"],
            current_deadline=world.assignment.deadline,
            new_deadline=world.assignment.deadline + timedelta(days=15),
            reason="Cần thêm thời gian",
        )
    return world.refresh(), request


def test_the_table_has_one_row_per_state_and_action_and_one_actor_per_action():
    keys = [(row.source, row.action) for row in TRANSITIONS]
    assert len(keys) == len(set(keys))
    assert {row.action for row in TRANSITIONS} == set(Action)
    assert all(ACTORS[row.action] == row.actor for row in TRANSITIONS)
    # The facts of DESIGN §3, read off the table.
    assert transition(Status.AWAITING_CONFIRMATION, Action.CONFIRM).target == Status.DONE
    assert transition(Status.AWAITING_CONFIRMATION, Action.RETURN).target == Status.IN_PROGRESS
    assert transition(Status.DONE, Action.CONFIRM) is None
    assert transition(Status.CANCELLED, Action.REPORT) is None
    assert ACTORS[Action.CONFIRM] == Actor.COORDINATOR
    assert ACTORS[Action.PAUSE] == ACTORS[Action.CANCEL] == Actor.SUPERVISOR


@pytest.mark.parametrize("role", list(ROLE_ACTORS))
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("status", list(Status))
def test_every_state_action_and_role_follows_the_table(on_today, world, status, action, role):
    user = world.users[role]
    assignment, pending = put_in_state(world, status, pending=action == Action.DECIDE_EXTENSION)
    before = (assignment.status, assignment.version, assignment.deadline, assignment.percent)
    updates, notices = ProgressUpdate.objects.count(), Notification.objects.count()
    row = transition(status, action)
    allowed = ACTORS[action] in ROLE_ACTORS[role] and row is not None

    with translation.override("vi"):
        if not allowed:
            with pytest.raises(ValidationError) as refused:
                perform(action, world, user, assignment, pending)
            expected = NOT_AN_ACTOR if ACTORS[action] not in ROLE_ACTORS[role] else STATE_REFUSALS[action]
            message = refused.value.messages[0]
            assert refused.value.messages == [str(expected)]
            with translation.override("en"):
                assert str(expected) != message, "the refusal is in Vietnamese"
            after = world.refresh()
            assert (after.status, after.version, after.deadline, after.percent) == before
            assert ProgressUpdate.objects.count() == updates
            assert Notification.objects.count() == notices
            return
        perform(action, world, user, assignment, pending)

    after = world.refresh()
    if row.target == SAME:
        assert after.status == status
    elif row.target == PREVIOUS:
        assert after.status != Status.PAUSED
    else:
        assert after.status == row.target
    changes_the_row = action not in (Action.REQUEST_EXTENSION, Action.URGE)
    assert (after.version > before[1]) == changes_the_row
    if changes_the_row:
        # The history explains the change: who made it.
        assert after.history.order_by("-history_id").first().history_user == user


@pytest.mark.parametrize("role", list(ROLE_ACTORS))
@pytest.mark.parametrize("status", list(Status))
def test_the_page_offers_exactly_the_actions_the_table_allows(on_today, client, world, status, role):
    assignment, _pending = put_in_state(world, status, pending=False)
    client.force_login(world.users[role])
    response = client.get(assignment.get_absolute_url())
    if role == "other_staff":
        assert response.status_code == 404
        return
    html = response.content.decode()
    offered = {action for action in PAGE_ACTIONS if f'id="{action.value}-form"' in html}
    allowed = {
        action
        for action in PAGE_ACTIONS
        if ACTORS[action] in ROLE_ACTORS[role] and transition(status, action) is not None
    }
    assert offered == allowed
    urge_link = f'href="/assignments/{assignment.pk}/urge/"' in html
    assert urge_link == (Actor.COORDINATOR in ROLE_ACTORS[role] and transition(status, Action.URGE) is not None)
