"""The work lists' tie-breakers copied onto each assignment (tasks.list_order) stay equal to their originals on every
write path, and the lists sort as they did when they joined the task, item and agency."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import F

from agencies.models import Agency
from tasks.assigning import assignment_bulk_create
from tasks.list_order import ORDER_FIELDS, SOURCES, repair_list_order, stale_list_order
from tasks.models import Assignment
from tasks.selectors import assignment_list
from tests.factories import AgencyFactory, AssignmentFactory, DirectiveFactory, TaskFactory, TaskGroupFactory

pytestmark = pytest.mark.django_db


def copies_and_originals():
    rows = Assignment.objects.order_by("pk").values_list("pk", *ORDER_FIELDS, *SOURCES)
    return [(row[1:5], row[5:]) for row in rows]


def assert_copies_hold():
    pairs = copies_and_originals()
    assert pairs, "no assignment to check"
    assert all(copy == original for copy, original in pairs), pairs
    assert not stale_list_order(Assignment.objects.all()).exists()


@pytest.fixture
def work():
    """Two directives, two items each, tasks out of id order, agencies out of id order."""
    agencies = [AgencyFactory(sort_order=order) for order in (30, 10, 20)]
    assignments = []
    for directive in (DirectiveFactory(), DirectiveFactory()):
        for number in (2, 1):
            group = TaskGroupFactory(directive=directive, number=number)
            for task_number in (3, 1, 2):
                task = TaskFactory(group=group, number=task_number)
                deadline = date(2027, 3, 1)
                assignments += [AssignmentFactory(task=task, agency=agency, deadline=deadline) for agency in agencies]
    return agencies, assignments


def test_new_assignments_carry_their_task_and_agency_keys(work):
    assert_copies_hold()


def test_the_list_sorts_as_by_the_joined_keys(work):
    listed = list(assignment_list(agency_id=None, today=date(2026, 12, 1)).values_list("pk", flat=True))
    joined = Assignment.objects.order_by(
        "deadline", "task__group__directive_id", "task__group__number", "task__number", "agency__sort_order", "pk"
    )
    assert listed == list(joined.values_list("pk", flat=True))


def test_renumbered_task_and_item_and_resorted_agency_carry_over(work):
    agencies, assignments = work
    task = assignments[0].task
    task.number = 9
    task.save()
    group = assignments[-1].task.group
    group.number = 7
    group.save()
    agency = Agency.objects.get(pk=agencies[0].pk)
    agency.sort_order = 5
    agency.save()
    assert_copies_hold()
    assert Assignment.objects.filter(order_task=9).count() == 3
    assert Assignment.objects.filter(order_group=7).count() == 9
    assert Assignment.objects.filter(order_agency=5).count() == 12


def test_a_task_moved_to_another_item_carries_over(work):
    _, assignments = work
    task = assignments[0].task
    task.group = assignments[-1].task.group
    task.number = 8
    task.save()
    assert_copies_hold()


def test_moves_by_save_by_update_and_by_bulk_assignment_carry_over(work):
    agencies, assignments = work
    newcomer = AgencyFactory(sort_order=1)
    moved = Assignment.objects.get(pk=assignments[0].pk)  # loaded, as the workflow loads it
    moved.agency = newcomer
    moved.save()
    other_task = assignments[-1].task
    moved = Assignment.objects.get(pk=assignments[1].pk)
    moved.task_id = TaskFactory(group=other_task.group, number=20).pk
    moved.save(update_fields=["task"])
    # The reorganisation's path: filtered on the old agency, which no longer matches after the update.
    Assignment.objects.filter(agency=agencies[1]).update(agency_id=AgencyFactory(sort_order=2).pk)
    task = TaskFactory(number=4)
    assignment_bulk_create(
        tasks=[task], agencies=[newcomer, agencies[2]], role="lead", deadline=None, use_task_deadline=True
    )
    assert Assignment.objects.filter(task=task).count() == 2
    assert_copies_hold()


def test_saving_an_unmoved_assignment_reads_nothing_more(work, django_assert_num_queries):
    assignment = Assignment.objects.get(pk=work[1][0].pk)
    assignment.percent = 40
    with django_assert_num_queries(2):  # its UPDATE and its history row: no task or agency read for the copies
        assignment.save(update_fields=["percent"])
    assert_copies_hold()


def test_the_daily_repair_mends_a_copy_written_around_the_hooks(work):
    _, assignments = work
    with connection.cursor() as cursor:  # as a raw SQL edit or a restored backup would
        cursor.execute("UPDATE tasks_assignment SET order_task = 99 WHERE id = %s", [assignments[0].pk])
    assert list(stale_list_order(Assignment.objects.all()).values_list("pk", flat=True)) == [assignments[0].pk]
    assert repair_list_order(Assignment.objects.all()) == 1
    assert_copies_hold()
    assert repair_list_order(Assignment.objects.all()) == 0


def test_the_migration_fills_existing_rows(work):
    """What migration 0008 runs: from zeros (the new columns' default) to the originals, in one UPDATE."""
    from importlib import import_module

    from django.apps import apps

    Assignment.objects.update(**dict.fromkeys(ORDER_FIELDS, 0))
    assert stale_list_order(Assignment.objects.all()).count() == Assignment.objects.count()
    import_module("tasks.migrations.0008_assignment_list_order").copy_list_order(apps, None)
    assert_copies_hold()
    assert Assignment.objects.filter(order_directive=F("task__group__directive_id")).count() == len(work[1])


def test_the_daily_job_runs_the_repair(work):
    from tasks.jobs import reminder_daily_run

    Assignment.objects.filter(pk=work[1][0].pk).update(order_agency=F("order_agency") + 1)  # around the hooks
    assert reminder_daily_run(today=date(2026, 12, 1))["list_order_repaired"] == 1
    assert_copies_hold()
