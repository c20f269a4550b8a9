"""The assignment's life as one table: from which state, which action, to which state, who may do it, what it needs.

Everything that changes or offers a state reads this table: the services refuse what it does not allow, the access
policy (tasks.policy) offers a page only the actions it allows now, the admin changes state only through the
services, and the reminder scan reminds the states it calls open. DESIGN §3 says it in words.

A plain table rather than django-fsm-2 or python-statemachine: each row also says who may act and what the action
needs (a reason, a deadline, a pending request), the services lock the row and check its version before they read
the state, and tests walk the table exhaustively. A library's transition decorators would hold the first half of
that and leave the rest where it was.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..timeliness import Status


class Action(models.TextChoices):
    REPORT = "update", _("Report progress")
    DECLARE_DONE = "done", _("Declare done")
    CONFIRM = "confirm", _("Confirm completion")
    RETURN = "return", _("Return to be done again")
    REQUEST_EXTENSION = "extension", _("Ask for a deadline extension")
    DECIDE_EXTENSION = "decide", _("Decide a deadline extension")
    PAUSE = "pause", _("Pause")
    RESUME = "resume", _("Resume")
    CANCEL = "cancel", _("Cancel")
    CHANGE_DEADLINE = "deadline", _("Change the deadline")
    REOPEN = "reopen", _("Reopen")
    URGE = "urge", _("Urge")
    DELEGATE = "delegate", _("Pass down to units")


class Actor(StrEnum):
    """Who a user is to one assignment (tasks.policy works it out); a user can be several.

    Nobody reviews, decides or supervises their own agency's work (separation of duties, DESIGN §3): the
    coordinating agency reviews the others' work, and the provincial leaders review the coordinating agency's own.
    """

    AGENCY = "agency"  # active staff or manager of the assigned agency
    COORDINATOR = "coordinator"  # active user of the directive's coordinating agency
    REVIEWER = "reviewer"  # the coordinator, on another agency's work; a provincial leader, on the coordinator's own
    SUPERVISOR = "supervisor"  # active provincial leader or administrator, not of the assigned agency
    MANAGER = "manager"  # active manager of the assigned agency: passes its share down to its units
    # Active manager of the agency a delegated share came from: it reviews the share instead of the coordinator.
    DELEGATOR = "delegator"


class Need(StrEnum):
    """What an action needs besides the state and the actor."""

    REASON = "reason"  # a reason or comment, kept in the history
    DEADLINE = "deadline"  # deadline work: standing work has no deadline to move
    NO_PENDING_EXTENSION = "no_pending_extension"
    PENDING_EXTENSION = "pending_extension"
    NOT_DELEGATED = "not_delegated"  # the directive's own share: a delegated share is not passed down again
    SHARES_CLOSED = "shares_closed"  # every delegated share of the work is done or cancelled


# Targets that are not a fixed state.
SAME = "same"  # the action leaves the state as it is
PREVIOUS = "previous"  # back to the state the work was paused from


@dataclass(frozen=True)
class Transition:
    source: Status
    action: Action
    target: str
    actor: Actor
    needs: frozenset[Need] = frozenset()

    def target_status(self, *, previous: str | None = None) -> str:
        if self.target == SAME:
            return self.source
        if self.target == PREVIOUS:
            return previous or Status.IN_PROGRESS
        return self.target


S = Status
# The open states: work the agency still has to do. They are reminded and urged, and can be declared done.
OPEN = (S.NOT_STARTED, S.IN_PROGRESS)
# Work not yet done: it can be paused; with paused work, it can be cancelled or given another deadline.
UNFINISHED = (S.NOT_STARTED, S.IN_PROGRESS, S.AWAITING_CONFIRMATION)
NOT_CLOSED = (*UNFINISHED, S.PAUSED)
# Closed work: a supervisor can reopen it, with a reason.
CLOSED = (S.DONE, S.CANCELLED)


def _rows(sources, action, target, actor, *needs) -> list[Transition]:
    return [Transition(Status(source), action, target, actor, frozenset(needs)) for source in sources]


TRANSITIONS: tuple[Transition, ...] = (
    # The agency reports progress; the first update starts the work; declared-done work keeps its 100 %.
    *_rows([S.NOT_STARTED], Action.REPORT, S.IN_PROGRESS, Actor.AGENCY),
    *_rows([S.IN_PROGRESS, S.AWAITING_CONFIRMATION], Action.REPORT, SAME, Actor.AGENCY),
    # Standing work has no deadline to meet: it is judged period by period, never declared done.
    # Work passed down is declared done once its delegated shares are confirmed (or cancelled).
    *_rows(OPEN, Action.DECLARE_DONE, S.AWAITING_CONFIRMATION, Actor.AGENCY, Need.DEADLINE, Need.SHARES_CLOSED),
    # The coordinator reviews the directive's shares; the agency that passed a share down reviews that share.
    *_rows([S.AWAITING_CONFIRMATION], Action.CONFIRM, S.DONE, Actor.REVIEWER),
    *_rows([S.AWAITING_CONFIRMATION], Action.CONFIRM, S.DONE, Actor.DELEGATOR),
    *_rows([S.AWAITING_CONFIRMATION], Action.RETURN, S.IN_PROGRESS, Actor.REVIEWER, Need.REASON),
    *_rows([S.AWAITING_CONFIRMATION], Action.RETURN, S.IN_PROGRESS, Actor.DELEGATOR, Need.REASON),
    # Work declared done waits for its review: its deadline no longer runs, so there is nothing to extend.
    *_rows(
        [S.NOT_STARTED, S.IN_PROGRESS, S.PAUSED],
        Action.REQUEST_EXTENSION,
        SAME,
        Actor.AGENCY,
        Need.REASON,
        Need.DEADLINE,
        Need.NO_PENDING_EXTENSION,
    ),
    # A request made before the work was confirmed is still decided after.
    *_rows([*NOT_CLOSED, S.DONE], Action.DECIDE_EXTENSION, SAME, Actor.SUPERVISOR, Need.PENDING_EXTENSION),
    *_rows(
        [S.NOT_STARTED, S.IN_PROGRESS, S.AWAITING_CONFIRMATION], Action.PAUSE, S.PAUSED, Actor.SUPERVISOR, Need.REASON
    ),
    *_rows([S.PAUSED], Action.RESUME, PREVIOUS, Actor.SUPERVISOR),
    *_rows(NOT_CLOSED, Action.CANCEL, S.CANCELLED, Actor.SUPERVISOR, Need.REASON),
    *_rows(NOT_CLOSED, Action.CHANGE_DEADLINE, SAME, Actor.SUPERVISOR, Need.REASON, Need.DEADLINE),
    # Confirmed work found unfinished goes back to the agency; cancelled work back to where it was cancelled from.
    *_rows([S.DONE], Action.REOPEN, S.IN_PROGRESS, Actor.SUPERVISOR, Need.REASON),
    *_rows([S.CANCELLED], Action.REOPEN, PREVIOUS, Actor.SUPERVISOR, Need.REASON),
    *_rows(OPEN, Action.URGE, SAME, Actor.COORDINATOR),
    # The agency's manager passes its share down to its units or communes (tasks.delegation), once.
    *_rows(OPEN, Action.DELEGATE, SAME, Actor.MANAGER, Need.NOT_DELEGATED),
)

assert len({(row.source, row.action, row.actor) for row in TRANSITIONS}) == len(TRANSITIONS), "one row per key"
_BY_KEY = {(row.source, row.action): row for row in TRANSITIONS}
# Rows of one (state, action) differ only by who acts: the same target, the same needs.
assert all(
    (row.target, row.needs) == (_BY_KEY[row.source, row.action].target, _BY_KEY[row.source, row.action].needs)
    for row in TRANSITIONS
), "one outcome per (state, action)"

# Who may take each action, whatever the state (a user who is none of them gets 403 from a page).
ACTORS: dict[Action, frozenset[Actor]] = {
    action: frozenset(row.actor for row in TRANSITIONS if row.action == action) for action in Action
}

# The forms the assignment page can show, in the page's order; urging and deciding live on pages of their own,
# changing a deadline in the admin.
PAGE_ACTIONS = (
    Action.CONFIRM,
    Action.RETURN,
    Action.REPORT,
    Action.DECLARE_DONE,
    Action.REQUEST_EXTENSION,
    Action.PAUSE,
    Action.RESUME,
    Action.CANCEL,
    Action.REOPEN,
    Action.DELEGATE,
)

# Why an action is refused in the state the work is in.
STATE_REFUSALS = {
    Action.REPORT: _("This assignment is done, paused or cancelled: progress can no longer be reported on it."),
    Action.DECLARE_DONE: _("Only work that is not started or in progress can be declared done."),
    Action.CONFIRM: _("This assignment is not awaiting confirmation."),
    Action.RETURN: _("This assignment is not awaiting confirmation."),
    Action.REQUEST_EXTENSION: _(
        "A deadline extension can be requested only for work not yet declared done, done or cancelled."
    ),
    Action.DECIDE_EXTENSION: _("The extension request of cancelled work is withdrawn with it."),
    Action.PAUSE: _("Only open work can be paused."),
    Action.RESUME: _("This assignment is not paused."),
    Action.CANCEL: _("Work that is done or already cancelled cannot be cancelled."),
    Action.CHANGE_DEADLINE: _("The deadline of work that is done or cancelled cannot be changed."),
    Action.REOPEN: _("Only work that is confirmed done or cancelled can be reopened."),
    Action.URGE: _("Only assignments that are not started or in progress can be urged."),
    Action.DELEGATE: _("Only work that is not started or in progress can be passed down to units."),
}
NOT_AN_ACTOR = _("You may not do this on this assignment.")
NEED_REFUSALS = {
    Need.DEADLINE: _("Standing work has no deadline to extend."),
    (Need.DEADLINE, Action.DECLARE_DONE): _(
        "Standing work is not declared done: it is reported on period by period in the agency's reports."
    ),
    Need.NO_PENDING_EXTENSION: _("This assignment already has a pending extension request."),
    Need.PENDING_EXTENSION: _("This request has already been decided."),
    Need.NOT_DELEGATED: _("A delegated share cannot be passed down again."),
    Need.SHARES_CLOSED: _(
        "The shares passed down to units are not all confirmed yet: confirm or cancel them before declaring the "
        "work done."
    ),
}


def need_refusal(need: Need, action: Action):
    """Why an action is refused for lack of what it needs (some actions say it their own way)."""
    return NEED_REFUSALS.get((need, action), NEED_REFUSALS[need])


def transition(status: str, action: Action) -> Transition | None:
    """The row for this action from this state, or None when the table does not allow it."""
    return _BY_KEY.get((status, action))


def sources(action: Action) -> frozenset[str]:
    """The states the action can be taken from."""
    return frozenset(row.source for row in TRANSITIONS if row.action == action)


# The reminder scan's states: open work (not declared done, done, paused, cancelled or standing).
REMINDED_STATUSES = tuple(Status(status) for status in OPEN)
