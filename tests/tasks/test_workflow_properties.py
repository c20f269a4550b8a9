"""The assignment's state machine under random use (issue 15), with Hypothesis.

Random sequences of actions by random users, on an agency's assignment and on the coordinator's own one, with stale
pages thrown in (two people acting on the same version: the second one's page is stale). After every step:
- a step the services accepted is a row of the transition table, by someone the policy lets act, and never by the
  assignment's own agency where it judges its own work (confirm, return, decide an extension);
- a refused step changed nothing: the row, its version, its history, its progress updates;
- an accepted step that changed the row bumped the version once and wrote exactly one history row, saying who and
  why, that equals the row; no progress update is ever lost;
- percent, status and completion date agree (done or awaiting confirmation: 100 % and a date; not started or in
  progress: no date).
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.models import Assignment, ExtensionRequest, ProgressUpdate
from tasks.timeliness import Status
from tasks.workflow.deadlines import assignment_change_deadline
from tasks.workflow.extensions import extension_request_create, extension_request_decide
from tasks.workflow.services import (
    assignment_cancel,
    assignment_confirm,
    assignment_declare_done,
    assignment_pause,
    assignment_reopen,
    assignment_resume,
    assignment_return,
    progress_update_create,
)
from tasks.workflow.table import Action, transition
from tests.factories import AssignmentFactory, TaskFactory

from .conftest import TODAY

USERS = ["staff", "manager", "other_staff", "coordinator", "other_coordinator", "leader", "admin", "cooperating_staff"]
# Urging changes no state; passing work down makes new assignments and has its own tests (test_delegation*.py).
ACTIONS = [action for action in Action if action not in (Action.URGE, Action.DELEGATE)]
JUDGING = {Action.CONFIRM, Action.RETURN, Action.DECIDE_EXTENSION}


@dataclass(frozen=True)
class Step:
    action: Action
    user: str
    own_work: bool  # the coordinator's own assignment instead of the agency's
    stale: bool  # acting from a page one version old
    percent: int


steps = st.lists(
    st.builds(
        Step,
        action=st.sampled_from(ACTIONS),
        user=st.sampled_from(USERS),
        own_work=st.booleans(),
        stale=st.booleans(),
        percent=st.integers(min_value=0, max_value=100),
    ),
    min_size=1,
    max_size=25,
)


def perform(step: Step, assignment: Assignment, user, version: int):
    """Call the service behind the action as the page would."""
    common = {"assignment": assignment, "user": user, "expected_version": version}
    pending = assignment.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING).first()
    calls = {
        Action.REPORT: lambda: progress_update_create(
            assignment=assignment, author=user, percent=step.percent, results="Báo cáo"
        ),
        Action.DECLARE_DONE: lambda: assignment_declare_done(**common, note="Xong", today=TODAY),
        Action.CONFIRM: lambda: assignment_confirm(**common),
        Action.RETURN: lambda: assignment_return(**common, comment="Làm lại"),
        Action.PAUSE: lambda: assignment_pause(**common, reason="Tạm dừng"),
        Action.RESUME: lambda: assignment_resume(**common),
        Action.CANCEL: lambda: assignment_cancel(**common, reason="Hủy"),
        Action.REOPEN: lambda: assignment_reopen(**common, reason="Mở lại"),
        Action.CHANGE_DEADLINE: lambda: assignment_change_deadline(
            **common, deadline=(assignment.deadline or TODAY) + timedelta(days=step.percent + 1), reason="Điều chỉnh"
        ),
        Action.REQUEST_EXTENSION: lambda: extension_request_create(
            **common, new_deadline=(assignment.deadline or TODAY) + timedelta(days=30), reason="Cần thêm", today=TODAY
        ),
        Action.DECIDE_EXTENSION: lambda: extension_request_decide(
            extension_request=pending,
            user=user,
            approve=step.percent % 2 == 0,
            note="Quyết định",
            expected_version=version,
        ),
    }
    if step.action == Action.DECIDE_EXTENSION and pending is None:
        raise ValidationError("no pending request")
    return calls[step.action]()


def state(assignment: Assignment) -> tuple:
    """Everything a step may change: the row, its history, its updates, its extension requests."""
    row = Assignment.objects.get(pk=assignment.pk)
    return (
        (row.status, row.percent, row.version, row.deadline, row.completed_on),
        row.history.count(),
        ProgressUpdate.objects.filter(assignment=row).count(),
        list(ExtensionRequest.objects.filter(assignment=row).order_by("pk").values_list("decision", flat=True)),
    )


def check_consistent(assignment: Assignment) -> None:
    row = Assignment.objects.get(pk=assignment.pk)
    assert row.status in Status.values
    if row.status in (Status.DONE, Status.AWAITING_CONFIRMATION):
        assert row.percent == 100 and row.completed_on is not None, row.status
    elif row.status in (Status.NOT_STARTED, Status.IN_PROGRESS):
        assert row.completed_on is None, row.status
    # Paused or cancelled work keeps the date it was declared done on, if it was waiting for confirmation then:
    # resumed or reopened, it waits again with that date.
    last = row.history.order_by("-history_id").first()
    assert (last.status, last.percent, last.deadline, last.completed_on) == (
        row.status,
        row.percent,
        row.deadline,
        row.completed_on,
    )


def check_step(step: Step, assignment: Assignment, user, before: tuple, accepted: bool) -> None:
    after = state(assignment)
    (old_status, _p, old_version, *_), old_history, old_updates, _requests = before
    (new_status, _p2, new_version, *_), new_history, new_updates, _r = after
    if not accepted:
        assert after == before, step
        return
    assert transition(old_status, step.action) is not None, (old_status, step)
    if step.action in JUDGING:
        assert user.agency_id != assignment.agency_id, "an agency judged its own work"
    assert new_updates >= old_updates
    if step.action in (Action.REPORT, Action.DECLARE_DONE):
        assert new_updates == old_updates + 1
    if new_version != old_version:
        assert new_version == old_version + 1
        assert new_history == old_history + 1
        last = Assignment.objects.get(pk=assignment.pk).history.order_by("-history_id").first()
        assert last.history_user_id == user.pk and last.history_change_reason, step
    else:
        assert new_history == old_history and new_status == old_status


@pytest.fixture
def own_work(world):
    """An assignment of the coordinating agency itself on the same directive."""
    coordinator_agency = world.directive.coordinating_agency
    task = TaskFactory(group=world.assignment.task.group, number=2, text="Việc của chính cơ quan theo dõi")
    return AssignmentFactory(task=task, agency=coordinator_agency, deadline=TODAY + timedelta(days=20))


def play(world, own_work, sequence: list[Step]) -> list[bool]:
    """Run the steps, checking every invariant after each; returns which steps were accepted."""
    outcomes = []
    for step in sequence:
        target = Assignment.objects.get(pk=(own_work if step.own_work else world.assignment).pk)
        user = world.users[step.user]
        version = target.version - 1 if step.stale and target.version > 1 else target.version
        before = state(target)
        try:
            with transaction.atomic():
                perform(step, target, user, version)
        except (ValidationError, PermissionDenied):
            accepted = False
        else:
            accepted = True
        if version != target.version and step.action != Action.REPORT:
            assert not accepted, f"a stale page was accepted: {step}"
        check_step(step, target, user, before, accepted)
        check_consistent(target)
        outcomes.append(accepted)
    return outcomes


def test_a_normal_life_is_accepted_by_the_same_harness(world, own_work, on_today):
    """The harness is not vacuous: an ordinary sequence goes through, every step of it."""
    life = [
        Step(Action.REPORT, "staff", False, False, 40),
        Step(Action.REQUEST_EXTENSION, "staff", False, False, 0),
        Step(Action.DECIDE_EXTENSION, "leader", False, False, 0),
        Step(Action.DECLARE_DONE, "manager", False, False, 0),
        Step(Action.RETURN, "coordinator", False, False, 0),
        Step(Action.DECLARE_DONE, "manager", False, False, 0),
        Step(Action.CONFIRM, "coordinator", False, False, 0),
        Step(Action.REOPEN, "leader", False, False, 0),
        Step(Action.PAUSE, "leader", False, False, 0),
        Step(Action.RESUME, "leader", False, False, 0),
        Step(Action.CANCEL, "leader", False, False, 0),
    ]
    assert play(world, own_work, life) == [True] * len(life)
    # The coordinator's own work: it may report and declare, but the leader confirms it, not itself.
    own = [
        Step(Action.DECLARE_DONE, "coordinator", True, False, 0),
        Step(Action.CONFIRM, "coordinator", True, False, 0),
        Step(Action.CONFIRM, "leader", True, False, 0),
    ]
    assert play(world, own_work, own) == [True, False, True]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=steps)
def test_random_use_keeps_the_state_machine_and_the_history_whole(world, own_work, on_today, sequence):
    with transaction.atomic():
        play(world, own_work, sequence)
        transaction.set_rollback(True)
