"""The assignments' reminder source: deadlines of open assignments, read in chunks for the daily scan."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.db.models.functions import Left
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies.models import Agency, Notification, User
from directives.models import Directive, ReminderPolicy

from ..models import Assignment
from ..workflow.table import REMINDED_STATUSES
from .rules import (
    ASSIGNED,
    ASSIGNED_NOTICE_DAYS,
    BEFORE,
    DEFAULT_POLICY,
    DUE_DAY,
    ESCALATION,
    OVERDUE,
    Candidate,
    Notice,
    Policy,
    policy_from_settings,
    reminders_due,
)

CHUNK_SIZE = 5000
TEXT_LENGTH = 240
NOTIFICATION_KINDS = {
    BEFORE: Notification.Kind.REMINDER,
    DUE_DAY: Notification.Kind.REMINDER,
    OVERDUE: Notification.Kind.OVERDUE,
    ESCALATION: Notification.Kind.OVERDUE,
    ASSIGNED: Notification.Kind.ASSIGNED,
}
NOTICE_PRIORITY = {OVERDUE: 0, DUE_DAY: 0, BEFORE: 0, ASSIGNED: 1, ESCALATION: 2}


@dataclass(frozen=True)
class AssignmentRow:
    pk: int
    deadline: date | None
    role: str
    agency_id: int
    task_number: int
    task_text: str
    group_number: int
    directive_id: int
    directive_kind: str
    directive_number: str
    coordinating_agency_id: int | None
    delegator_agency_id: int | None = None  # a delegated share's: the agency that passed it down


def reminder_recipients() -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Active staff and managers of each agency, and the managers alone: one query for the whole province."""
    members: dict[int, list[int]] = defaultdict(list)
    managers: dict[int, list[int]] = defaultdict(list)
    users = User.objects.filter(is_active=True, agency__isnull=False, role__in=User.AGENCY_ROLES).values_list(
        "pk", "agency_id", "role"
    )
    for pk, agency_id, role in users.order_by("pk"):
        members[agency_id].append(pk)
        if role == User.Role.MANAGER:
            managers[agency_id].append(pk)
    return members, managers


def reminder_policies() -> dict[int, Policy]:
    policies = {}
    for policy in ReminderPolicy.objects.all():
        policies[policy.directive_id] = policy_from_settings(
            days_before=policy.day_list,
            on_due_day=policy.on_due_day,
            overdue_every_days=policy.overdue_every_days,
            escalate_when_overdue=policy.escalate_when_overdue,
        )
    return policies


class AssignmentReminderSource:
    name = "assignment"

    def __init__(self, chunk_size: int | None = None):
        self.chunk_size = chunk_size or CHUNK_SIZE
        self._members: dict[int, list[int]] | None = None

    def chunks(self, *, today: date) -> Iterator[list[Candidate]]:
        policies = reminder_policies()
        assigned_since = timezone.make_aware(
            datetime.combine(today - timedelta(days=ASSIGNED_NOTICE_DAYS), time.min), timezone.get_current_timezone()
        )
        open_assignments = (
            Assignment.objects.filter(status__in=REMINDED_STATUSES)
            .filter(Q(deadline__isnull=False) | Q(created_at__gte=assigned_since))
            .order_by("pk")
        )
        last_pk = 0
        while True:
            rows = list(
                open_assignments.filter(pk__gt=last_pk).values_list(
                    "pk",
                    "status",
                    "deadline",
                    "created_at",
                    "role",
                    "agency_id",
                    "task__number",
                    Left("task__text", TEXT_LENGTH),
                    "task__group__number",
                    "task__group__directive_id",
                    "task__group__directive__kind",
                    "task__group__directive__number",
                    "task__group__directive__coordinating_agency_id",
                    "parent__agency_id",
                )[: self.chunk_size]
            )
            if not rows:
                return
            last_pk = rows[-1][0]
            candidates = []
            for pk, status, deadline, created_at, role, agency_id, *rest in rows:
                # Only recent assignments are announced; the local date is computed for those alone.
                created_on = timezone.localtime(created_at).date() if created_at >= assigned_since else None
                due = reminders_due(
                    status=status,
                    deadline=deadline,
                    created_on=created_on,
                    today=today,
                    policy=policies.get(rest[3], DEFAULT_POLICY),
                )
                if due:
                    row = AssignmentRow(pk, deadline, role, agency_id, *rest)
                    candidates.extend(Candidate(pk, item.kind, item.due_on, row) for item in due)
            yield candidates
            if len(rows) < self.chunk_size:
                return

    def notices(self, *, candidates: list[Candidate], today: date) -> list[Notice]:
        if self._members is None:
            self._members, self._managers = reminder_recipients()
            self._agency_names = {
                pk: short or name for pk, short, name in Agency.objects.values_list("pk", "short_name", "name")
            }
            self._directive_kinds = dict(Directive.Kind.choices)
            self._roles = dict(Assignment.Role.choices)
        notices = []
        told: dict[int, set[int]] = defaultdict(set)  # assignment → users told in this scan
        # One notice per user and assignment, the most urgent first: the deadline reminder, then "newly
        # assigned", then the escalation, so new work that is already overdue is announced as overdue.
        for candidate in sorted(candidates, key=lambda c: (c.object_id, NOTICE_PRIORITY[c.kind])):
            row: AssignmentRow = candidate.data
            if candidate.kind == ESCALATION:
                users = self._managers.get(row.agency_id, []) + self._members.get(row.coordinating_agency_id, [])
                # A delegated share's lateness is the delegating agency's too: its managers are told.
                users += self._managers.get(row.delegator_agency_id, [])
            else:
                users = self._members.get(row.agency_id, [])
            users = [user for user in dict.fromkeys(users) if user not in told[row.pk]]
            if not users:
                continue
            told[row.pk].update(users)
            notices.append(
                Notice(
                    user_ids=tuple(users),
                    kind=NOTIFICATION_KINDS[candidate.kind],
                    title=self._title(candidate.kind, row, today),
                    body=self._body(row),
                    url=Assignment.url_of(row.pk),
                )
            )
        return notices

    def _title(self, kind: str, row: AssignmentRow, today: date) -> str:
        names = {
            "code": f"{row.group_number}.{row.task_number}",
            "directive": f"{self._directive_kinds.get(row.directive_kind, '')} {row.directive_number}".strip(),
            "agency": self._agency_names.get(row.agency_id, ""),
        }
        if kind == ASSIGNED:
            return _("New assignment: task %(code)s of %(directive)s") % names
        days = (row.deadline - today).days
        if kind == ESCALATION:
            names["days"] = -days
            return (
                ngettext(
                    "%(agency)s is %(days)d day overdue on task %(code)s of %(directive)s",
                    "%(agency)s is %(days)d days overdue on task %(code)s of %(directive)s",
                    -days,
                )
                % names
            )
        if days < 0:
            names["days"] = -days
            return (
                ngettext(
                    "Task %(code)s of %(directive)s is %(days)d day overdue",
                    "Task %(code)s of %(directive)s is %(days)d days overdue",
                    -days,
                )
                % names
            )
        if days == 0:
            return _("Task %(code)s of %(directive)s is due today") % names
        names["days"] = days
        return (
            ngettext(
                "Task %(code)s of %(directive)s is due in %(days)d day",
                "Task %(code)s of %(directive)s is due in %(days)d days",
                days,
            )
            % names
        )

    def _body(self, row: AssignmentRow) -> str:
        text = row.task_text if len(row.task_text) < TEXT_LENGTH else row.task_text.rstrip() + "…"
        deadline = _("standing task") if row.deadline is None else date_format(row.deadline, "d/m/Y")
        details = _("Agency: %(agency)s (%(role)s) · Deadline: %(deadline)s") % {
            "agency": self._agency_names.get(row.agency_id, ""),
            "role": str(self._roles.get(row.role, row.role)).lower(),
            "deadline": deadline,
        }
        return f"{text}\n{details}"
