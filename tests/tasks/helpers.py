"""Helpers the workspace tests and the API tests share: many assignments cheaply, the work list's filters."""

from datetime import timedelta

from django.urls import reverse

from tasks.models import Assignment, Task
from tasks.timeliness import Status
from tasks.workflow.delegation import assignment_delegate
from tests.factories import TaskGroupFactory

from .conftest import TODAY

WORK_FILTERS = {"status": "in_progress", "role": "lead", "q": "quoc phong", "timeliness": "overdue"}


def add_assignments(agency, directive, count: int):
    """Many assignments for one agency, cheaply: one group, bulk-created tasks and assignments."""
    group = TaskGroupFactory(directive=directive, number=90 + TaskGroupFactory._meta.model.objects.count())
    tasks = Task.objects.bulk_create(
        Task(group=group, number=n, text=f"Nhiệm vụ quốc phòng số {n}", search_text=f"nhiem vu quoc phong so {n}")
        for n in range(1, count + 1)
    )
    Assignment.objects.bulk_create(
        Assignment(
            task=task,
            agency=agency,
            deadline=TODAY + timedelta(days=(n % 40) - 10) if n % 7 else None,
            status=[Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE][n % 3],
            completed_on=TODAY if n % 3 == 2 else None,
        )
        for n, task in enumerate(tasks)
    )
    return group


def delegate(world, units=None, deadline=None, user="manager"):
    parent = Assignment.objects.get(pk=world.assignment.pk)
    return assignment_delegate(
        assignment=parent,
        user=world.users[user],
        units=units if units is not None else [world.unit, world.second],
        deadline=deadline or parent.deadline - timedelta(days=5),
        note="Triển khai tại địa phương",
        expected_version=parent.version,
        today=TODAY,
    )


def confirmed(data: dict, prefix: str) -> dict:
    """A form's post as the confirmation's "Yes" sends it (tasks/views/confirm.py): other forms ignore the field."""
    return {**data, f"{prefix}-confirmed": "1"}


def post_unconfirmed(client, assignment, action, **fields):
    """Post an assignment page's form as a browser without JavaScript does first."""
    data = {f"{action}-version": assignment.version}
    data.update({f"{action}-{key}": value for key, value in fields.items()})
    return client.post(reverse(f"tasks:assignment_{action}", args=[assignment.pk]), data)


def post(client, assignment, action, **fields):
    """Post an assignment page's form, confirmed (as after "Yes" in the dialog or on the confirmation step)."""
    return post_unconfirmed(client, assignment, action, **fields, confirmed="1")


def refreshed(assignment: Assignment) -> Assignment:
    return Assignment.objects.get(pk=assignment.pk)
