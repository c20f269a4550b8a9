"""The work lists' tie-breakers, copied onto each assignment so that a list sorts without joining three tables.

After timeliness and deadline, a list orders assignments by their task's directive, item (group) number and task
number, then by their agency's sort order (tasks.selectors.assignment_list). Those keys live on Task, TaskGroup and
Agency; sorting a province's 20,000 assignments by them meant joining all three before the sort: on PostgreSQL 21 of
the API list's 22 ms of SQL, on SQLite 29 ms (bench/api.py). Assignment keeps copies (`order_directive`,
`order_group`, `order_task`, `order_agency`) and the list sorts on those alone.

The copies are kept equal here, on every path that writes them:
- a new assignment, or one moved to another task or agency: `Assignment.save` and the queryset's `bulk_create` and
  `update` (AssignmentQuerySet below) fill them;
- a task, item or agency renumbered or re-sorted: `Task.save` and the post_save receivers (tasks.apps) refresh the
  assignments under it;
- anything else (a raw SQL edit, a restored backup): the daily job repairs what `stale_list_order` finds.
A test holds the copies equal to the originals after each path (tests/tasks/test_list_order.py).
"""

from collections.abc import Iterable

from django.db import models
from django.db.models import F, OuterRef, Q, Subquery

ORDER_FIELDS = ("order_directive", "order_group", "order_task", "order_agency")
# The originals, as lookups from the assignment, in ORDER_FIELDS' order.
SOURCES = ("task__group__directive_id", "task__group__number", "task__number", "agency__sort_order")
MOVES = {"task", "task_id", "agency", "agency_id"}


def _task_model(model):
    return model._meta.get_field("task").related_model


def _agency_model(model):
    return model._meta.get_field("agency").related_model


def fill_list_order(assignments: Iterable) -> None:
    """Set the copies on unsaved (or moved) assignments, from their task and agency: two queries at most, none when
    the task with its group and the agency are already loaded on every assignment."""
    assignments = list(assignments)
    if not assignments:
        return
    model = type(assignments[0])
    task_field, agency_field = model._meta.get_field("task"), model._meta.get_field("agency")
    tasks, agencies = {}, {}
    for assignment in assignments:
        task = task_field.get_cached_value(assignment, None)
        if task is not None and task.pk == assignment.task_id and type(task).group.is_cached(task):
            tasks[task.pk] = (task.group.directive_id, task.group.number, task.number)
        agency = agency_field.get_cached_value(assignment, None)
        if agency is not None and agency.pk == assignment.agency_id:
            agencies[agency.pk] = agency.sort_order
    missing_tasks = {a.task_id for a in assignments} - tasks.keys()
    if missing_tasks:
        rows = _task_model(model).objects.filter(pk__in=missing_tasks)
        tasks |= {pk: rest for pk, *rest in rows.values_list("pk", "group__directive_id", "group__number", "number")}
    missing_agencies = {a.agency_id for a in assignments} - agencies.keys()
    if missing_agencies:
        rows = _agency_model(model).objects.filter(pk__in=missing_agencies)
        agencies |= dict(rows.values_list("pk", "sort_order"))
    for assignment in assignments:
        directive, group, number = tasks.get(assignment.task_id, (0, 0, 0))
        assignment.order_directive, assignment.order_group, assignment.order_task = directive, group, number
        assignment.order_agency = agencies.get(assignment.agency_id, 0)


def refresh_list_order(queryset: models.QuerySet) -> int:
    """Copy the originals onto these saved assignments again: one UPDATE, whatever their number."""
    model = queryset.model
    task = _task_model(model).objects.filter(pk=OuterRef("task_id"))
    agency = _agency_model(model).objects.filter(pk=OuterRef("agency_id"))
    return queryset.update(
        order_directive=Subquery(task.values("group__directive_id")[:1]),
        order_group=Subquery(task.values("group__number")[:1]),
        order_task=Subquery(task.values("number")[:1]),
        order_agency=Subquery(agency.values("sort_order")[:1]),
    )


def stale_list_order(queryset: models.QuerySet) -> models.QuerySet:
    """The assignments whose copies differ from their originals (none, unless something wrote around the hooks)."""
    differs = Q()
    for copy, source in zip(ORDER_FIELDS, SOURCES, strict=True):
        differs |= ~Q(**{copy: F(source)})
    return queryset.filter(differs)


def repair_list_order(queryset: models.QuerySet) -> int:
    """Refresh the stale copies; returns how many assignments were repaired (the daily job's safety net)."""
    stale = list(stale_list_order(queryset).values_list("pk", flat=True))
    if stale:
        refresh_list_order(queryset.model.objects.filter(pk__in=stale))
    return len(stale)


def group_saved(sender, instance, created, raw=False, **kwargs):
    """post_save of TaskGroup: an item renumbered or moved to another directive; its assignments' copies follow."""
    if not created and not raw:
        from .models import Assignment

        refresh_list_order(Assignment.objects.filter(task__group_id=instance.pk))


def agency_saved(sender, instance, created, raw=False, **kwargs):
    """post_save of Agency: its sort order may have changed; one UPDATE of the rows that differ (none usually)."""
    if not created and not raw:
        from .models import Assignment

        mine = Assignment.objects.filter(agency_id=instance.pk).exclude(order_agency=instance.sort_order)
        mine.update(order_agency=instance.sort_order)


class AssignmentQuerySet(models.QuerySet):
    """Assignment's queryset: its bulk writes keep the list's copies (the module's docstring)."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        fill_list_order(objs)
        return super().bulk_create(objs, *args, **kwargs)

    def update(self, **kwargs):
        if not MOVES & kwargs.keys():
            return super().update(**kwargs)
        # Moved to another task or agency: the filter may no longer match after the update, so its rows first.
        moved = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        refresh_list_order(self.model.objects.filter(pk__in=moved))
        return count
