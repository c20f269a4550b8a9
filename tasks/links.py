"""Links to an assignment: its own page where that page exists, else its group on the directive page."""

from collections.abc import Callable

from django.urls import NoReverseMatch, reverse


def assignment_link_builder() -> Callable[[int, int, int], str]:
    """A function (assignment_id, directive_id, group_number) → URL path, deciding once which page to use."""
    try:
        reverse("tasks:assignment_detail", args=[1])
    except NoReverseMatch:

        def on_directive_page(assignment_id: int, directive_id: int, group_number: int) -> str:
            return reverse("tasks:directive_detail", args=[directive_id]) + f"#group-{group_number}"

        return on_directive_page

    def on_assignment_page(assignment_id: int, directive_id: int, group_number: int) -> str:
        return reverse("tasks:assignment_detail", args=[assignment_id])

    return on_assignment_page


def assignment_url(assignment) -> str:
    """The page of one assignment (task and group must be loaded, or this costs queries)."""
    return assignment_link_builder()(assignment.pk, assignment.task.group.directive_id, assignment.task.group.number)
