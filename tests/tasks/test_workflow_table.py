"""The transition table, walked exhaustively: every (state, action, role) either succeeds through the service, landing
in the state the table names, or is refused with its Vietnamese message and changes nothing; and the assignment page
offers exactly the actions the table allows.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
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
    assignment_reopen,
    assignment_resume,
    assignment_return,
    extension_request_create,
    extension_request_decide,
    progress_update_create,
)
from tasks.workflow.delegation import assignment_delegate
from tasks.workflow.table import NOT_AN_ACTOR, PREVIOUS, SAME, STATE_REFUSALS, Need, need_refusal, transition

from .conftest import TODAY

ROLES = [
    "staff",
    "manager",
    "coordinator",
    "leader",
    "admin",
    "cooperating_staff",
    "cooperating_manager",
    "other_staff",
    "unit_staff",
    "unit_manager",
]
NOBODY = {"cooperating_staff": set(), "cooperating_manager": set(), "other_staff": set()}
NOT_THE_UNIT = {"unit_staff": set(), "unit_manager": set()}
# Who each role is to the assignment: to another agency's work, to the coordinating agency's own work, where
# the coordinator is the agency and the provincial leader reviews (separation of duties, DESIGN §3), and to a share
# the cooperating district passed down to its commune, which the district's manager reviews (tasks.delegation).
ROLE_ACTORS = {
    "agency's work": {
        **NOBODY,
        **NOT_THE_UNIT,
        "staff": {Actor.AGENCY},
        "manager": {Actor.AGENCY, Actor.MANAGER},
        "coordinator": {Actor.COORDINATOR, Actor.REVIEWER},
        "leader": {Actor.SUPERVISOR},
        "admin": {Actor.SUPERVISOR},
    },
    "coordinator's own work": {
        **NOBODY,
        **NOT_THE_UNIT,
        "staff": set(),
        "manager": set(),
        "coordinator": {Actor.AGENCY, Actor.COORDINATOR},
        "leader": {Actor.SUPERVISOR, Actor.REVIEWER},
        "admin": {Actor.SUPERVISOR},
    },
    "delegated share": {
        **NOBODY,
        "cooperating_manager": {Actor.DELEGATOR},
        "unit_staff": {Actor.AGENCY},
        "unit_manager": {Actor.AGENCY, Actor.MANAGER},
        "staff": set(),
        "manager": set(),
        "coordinator": {Actor.COORDINATOR},
        "leader": {Actor.SUPERVISOR},
        "admin": {Actor.SUPERVISOR},
    },
}
# Who may open the assignment's page at all, in each case: a share is for its unit, the agency that passed it down
# and those who see everything of the directive, not for the other agencies on the task.
VIEWERS = {
    "agency's work": {"staff", "manager", "coordinator", "leader", "admin", "cooperating_staff", "cooperating_manager"},
    "coordinator's own work": {"coordinator", "leader", "admin", "cooperating_staff", "cooperating_manager"},
    "delegated share": {
        "coordinator",
        "leader",
        "admin",
        "cooperating_staff",
        "cooperating_manager",
        "unit_staff",
        "unit_manager",
    },
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
        Action.REOPEN: lambda: assignment_reopen(
            assignment=assignment, user=user, expected_version=version, reason="Kiểm tra lại thấy chưa đạt"
        ),
        Action.URGE: lambda: assignment_urge(assignment=assignment, user=user, message="Đề nghị báo cáo kết quả."),
        Action.DELEGATE: lambda: assignment_delegate(
            assignment=assignment,
            user=user,
            units=[world.unit],
            deadline=deadline,
            expected_version=version,
            today=TODAY,
        ),
    }
    return calls[action]()


def put_in_state(world, status: Status, *, pending: bool, owner: str) -> tuple[Assignment, ExtensionRequest | None]:
    done = status in (Status.AWAITING_CONFIRMATION, Status.DONE)
    agency = world.agency if owner == "agency's work" else world.directive.coordinating_agency
    Assignment.objects.filter(pk=world.assignment.pk).update(
        status=status, completed_on=TODAY if done else None, percent=100 if done else 20, agency=agency
    )
    if owner == "delegated share":
        # The cooperating district passed this share to its commune; its own deadline leaves room for extensions.
        Assignment.objects.filter(pk=world.sibling.pk).update(deadline=world.assignment.deadline + timedelta(days=60))
        Assignment.objects.filter(pk=world.assignment.pk).update(
            agency=world.unit, parent=world.sibling, role=Assignment.Role.COOPERATING
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


def allowed_for(action: Action, status: Status, actors: set, owner: str) -> bool:
    """What the table allows these actors: a row from this state for one of them, with what it needs at hand."""
    row = transition(status, action)
    if row is None or not ACTORS[action] & actors:
        return False
    return not (Need.NOT_DELEGATED in row.needs and owner == "delegated share")


def test_the_table_has_one_row_per_state_action_and_actor_and_one_outcome_per_state_and_action():
    keys = [(row.source, row.action, row.actor) for row in TRANSITIONS]
    assert len(keys) == len(set(keys))
    assert {row.action for row in TRANSITIONS} == set(Action)
    assert all(row.actor in ACTORS[row.action] for row in TRANSITIONS)
    for row in TRANSITIONS:
        same = transition(row.source, row.action)
        assert (same.target, same.needs) == (row.target, row.needs)
    # The facts of DESIGN §3, read off the table.
    assert transition(Status.AWAITING_CONFIRMATION, Action.CONFIRM).target == Status.DONE
    assert transition(Status.AWAITING_CONFIRMATION, Action.RETURN).target == Status.IN_PROGRESS
    assert transition(Status.DONE, Action.CONFIRM) is None
    assert transition(Status.CANCELLED, Action.REPORT) is None
    # The coordinator reviews the directive's shares, the delegating agency the shares it passed down.
    assert ACTORS[Action.CONFIRM] == ACTORS[Action.RETURN] == {Actor.REVIEWER, Actor.DELEGATOR}
    assert ACTORS[Action.PAUSE] == ACTORS[Action.CANCEL] == {Actor.SUPERVISOR}
    assert ACTORS[Action.DELEGATE] == {Actor.MANAGER}
    assert Need.NOT_DELEGATED in transition(Status.IN_PROGRESS, Action.DELEGATE).needs


def check_one(world, status: Status, action: Action, role: str, owner: str) -> None:
    """One (state, action, role): success into the table's state, or its Vietnamese refusal and nothing changed."""
    user = world.users[role]
    actors = ROLE_ACTORS[owner][role]
    assignment, pending = put_in_state(world, status, pending=action == Action.DECIDE_EXTENSION, owner=owner)
    before = (assignment.status, assignment.version, assignment.deadline, assignment.percent)
    updates, notices = ProgressUpdate.objects.count(), Notification.objects.count()
    row = transition(status, action)
    allowed = allowed_for(action, status, actors, owner)

    with translation.override("vi"):
        if not allowed:
            with pytest.raises(ValidationError) as refused:
                perform(action, world, user, assignment, pending)
            expected = NOT_AN_ACTOR if not ACTORS[action] & actors else STATE_REFUSALS[action]
            if row is not None and expected != NOT_AN_ACTOR:
                expected = need_refusal(Need.NOT_DELEGATED, action)
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
        assert after.status not in (Status.PAUSED, Status.CANCELLED)
    else:
        assert after.status == row.target
    # Percent and state agree: work being done is under 100 %, declared-done and done work at 100 %.
    if after.status in (Status.NOT_STARTED, Status.IN_PROGRESS):
        assert after.percent < 100
    if after.status in (Status.AWAITING_CONFIRMATION, Status.DONE):
        assert after.percent == 100
    changes_the_row = action not in (Action.REQUEST_EXTENSION, Action.URGE)
    assert (after.version > before[1]) == changes_the_row
    if changes_the_row:
        # The history explains the change: who made it.
        assert after.history.order_by("-history_id").first().history_user == user


@pytest.mark.parametrize("owner", list(ROLE_ACTORS))
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("status", list(Status))
def test_every_state_action_and_role_follows_the_table(on_today, delegating_world, status, action, owner):
    """Each role in its own savepoint, rolled back: one world per (state, action, owner) keeps 1,000 cases quick."""
    for role in ROLES:
        try:
            with transaction.atomic():
                check_one(delegating_world, status, action, role, owner)
                transaction.set_rollback(True)
        except AssertionError as failure:
            raise AssertionError(f"{status} · {action.value} · {role} · {owner}: {failure}") from failure


@pytest.mark.parametrize("owner", list(ROLE_ACTORS))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", list(Status))
def test_the_page_offers_exactly_the_actions_the_table_allows(on_today, client, delegating_world, status, role, owner):
    world = delegating_world
    assignment, _pending = put_in_state(world, status, pending=False, owner=owner)
    actors = ROLE_ACTORS[owner][role]
    client.force_login(world.users[role])
    response = client.get(assignment.get_absolute_url())
    if role not in VIEWERS[owner]:
        assert response.status_code == 404
        return
    html = response.content.decode()
    offered = {action for action in PAGE_ACTIONS if f'id="{action.value}-form"' in html}
    allowed = {action for action in PAGE_ACTIONS if allowed_for(action, status, actors, owner)}
    assert offered == allowed
    urge_link = f'href="/assignments/{assignment.pk}/urge/"' in html
    assert urge_link == allowed_for(Action.URGE, status, actors, owner)


@pytest.mark.parametrize("status", [Status.NOT_STARTED, Status.IN_PROGRESS])
def test_standing_work_is_never_declared_done(on_today, client, world, status):
    Assignment.objects.filter(pk=world.assignment.pk).update(status=status, deadline=None)
    assignment = world.refresh()
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        assignment_declare_done(assignment=assignment, user=world.users["staff"], expected_version=assignment.version)
    assert refused.value.code == "standing"
    assert "không báo cáo hoàn thành" in refused.value.messages[0]
    client.force_login(world.users["staff"])
    html = client.get(assignment.get_absolute_url()).content.decode()
    assert 'id="done-form"' not in html
    assert 'id="update-form"' in html
