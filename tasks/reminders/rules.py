"""Reminder rules (pure: dates in, reminders out) and the registry of reminder sources the daily scan reads.

The schedule of one assignment with deadline D and the default policy: D-7, D-3, D-1 (before), D (due
day), then D+1, D+8, D+15 ... while overdue, to the agency's staff and managers; on D+1 the agency's
managers and the coordinating agency are told too (escalation, once). The scan only ever sends the most
recent scheduled reminder on or before today that the ledger does not hold yet, so a scan after days
without a worker catches up with one reminder, not one per missed day, and never says "due in 1 day"
about work that is already overdue.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from ..models import ReminderLedger
from ..workflow.table import REMINDED_STATUSES

# A new assignment is announced once, if the scan sees it within this many days of its creation.
ASSIGNED_NOTICE_DAYS = 7


# What a reminder says: the kinds of ReminderLedger, which stores them.
ReminderKind = ReminderLedger.Kind
BEFORE = ReminderKind.BEFORE
DUE_DAY = ReminderKind.DUE_DAY
OVERDUE = ReminderKind.OVERDUE
ESCALATION = ReminderKind.ESCALATION
ASSIGNED = ReminderKind.ASSIGNED


@dataclass(frozen=True)
class Policy:
    days_before: tuple[int, ...] = (7, 3, 1)
    on_due_day: bool = True
    overdue_every_days: int = 7
    escalate_when_overdue: bool = True


DEFAULT_POLICY = Policy()


def policy_from_settings(
    *, days_before: list[int], on_due_day: bool, overdue_every_days: int, escalate_when_overdue: bool
) -> Policy:
    return Policy(
        days_before=tuple(sorted(set(days_before), reverse=True)),
        on_due_day=on_due_day,
        overdue_every_days=overdue_every_days,
        escalate_when_overdue=escalate_when_overdue,
    )


@dataclass(frozen=True)
class Due:
    """A reminder that should have gone out by today: the ledger key is (object, kind, due_on)."""

    kind: str
    due_on: date


def latest_deadline_reminder(*, deadline: date, today: date, policy: Policy) -> Due | None:
    """The most recent reminder of the agency's schedule on or before today, or None before the first one."""
    if today > deadline:
        first = deadline + timedelta(days=1)
        every = policy.overdue_every_days
        if every <= 0:
            return Due(OVERDUE, first)
        return Due(OVERDUE, first + timedelta(days=((today - first).days // every) * every))
    if today == deadline and policy.on_due_day:
        return Due(DUE_DAY, deadline)
    remaining = (deadline - today).days
    passed = [days for days in policy.days_before if days >= remaining]
    if passed:
        return Due(BEFORE, deadline - timedelta(days=min(passed)))
    return None


def reminders_due(
    *, status: str, deadline: date | None, created_on: date | None, today: date, policy: Policy = DEFAULT_POLICY
) -> list[Due]:
    """Every reminder of one assignment that is due by today (the scan drops those already in the ledger)."""
    if status not in REMINDED_STATUSES:
        return []
    due = []
    if created_on is not None and today - timedelta(days=ASSIGNED_NOTICE_DAYS) <= created_on <= today:
        due.append(Due(ASSIGNED, created_on))
    if deadline is None:
        # Standing work (thường xuyên) has no deadline to remind of.
        return due
    reminder = latest_deadline_reminder(deadline=deadline, today=today, policy=policy)
    if reminder is not None:
        due.append(reminder)
    if today > deadline and policy.escalate_when_overdue:
        # Escalation is told once, as the work becomes overdue; the weekly repeats go to the agency itself.
        due.append(Due(ESCALATION, deadline + timedelta(days=1)))
    return due


# --- Reminder sources -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A reminder a source says is due; `data` is whatever the source needs to word it later."""

    object_id: int
    kind: str
    due_on: date
    data: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class Notice:
    """What one reminder becomes: an in-app notification for each user, in the digest the next morning."""

    user_ids: tuple[int, ...]
    kind: str  # agencies.models.Notification.Kind
    title: str
    body: str
    url: str


class ReminderSource(Protocol):
    """One kind of thing with due dates. A new instance serves one scan, so it may cache what it loads."""

    name: str  # stored in ReminderLedger.source

    def chunks(self, *, today: date) -> Iterator[list[Candidate]]:
        """Due candidates in chunks ordered by object_id, a fixed number of queries per chunk."""
        ...

    def notices(self, *, candidates: list[Candidate], today: date) -> list[Notice]:
        """Word the candidates this scan won; no query per candidate."""
        ...


_SOURCES: dict[str, Callable[[], ReminderSource]] = {}


def register_reminder_source(name: str, factory: Callable[[], ReminderSource]) -> None:
    """Add a source (e.g. report due dates) to the daily scan; call it from an AppConfig.ready()."""
    _SOURCES[name] = factory


def reminder_sources() -> list[ReminderSource]:
    return [factory() for factory in _SOURCES.values()]
