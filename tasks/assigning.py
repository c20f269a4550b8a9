"""Setting up the work: the admin's bulk assignment of tasks to agencies."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies.models import Agency
from directives.validators import validate_deadline

from .models import Assignment, Task


@dataclass(frozen=True)
class BulkAssignResult:
    created: int
    skipped: int


@transaction.atomic
def assignment_bulk_create(
    *, tasks: Iterable[Task], agencies: Iterable[Agency], role: str, deadline: date | None, use_task_deadline: bool
) -> BulkAssignResult:
    """Assign each task to each agency once; an agency already on a task is left as it is."""
    tasks = list(tasks)
    agencies = list(agencies)
    if not tasks or not agencies:
        raise ValidationError(_("Choose at least one task and one agency."))
    if role not in Assignment.Role.values:
        raise ValidationError(_("Unknown role."))
    existing = set(Assignment.objects.filter(task__in=tasks, agency__in=agencies).values_list("task_id", "agency_id"))
    new = []
    for task in tasks:
        task_deadline = task.deadline if use_task_deadline else deadline
        validate_deadline(task_deadline, issued_on=task.group.directive.issued_on)
        for agency in agencies:
            if (task.pk, agency.pk) in existing:
                continue
            new.append(Assignment(task=task, agency=agency, role=role, deadline=task_deadline))
    # One INSERT for the lot (item 1 goes to every agency), each with its first history row.
    bulk_create_with_history(new, Assignment, batch_size=500)
    return BulkAssignResult(created=len(new), skipped=len(tasks) * len(agencies) - len(new))
