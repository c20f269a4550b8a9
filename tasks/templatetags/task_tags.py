"""Badges for assignment timeliness and status: colour plus text, never colour alone."""

from django import template
from django.utils.html import format_html

from tasks.timeliness import TIMELINESS_COLOURS, Status, Timeliness

register = template.Library()

STATUS_COLOURS = {
    Status.NOT_STARTED: "secondary",
    Status.IN_PROGRESS: "primary",
    Status.AWAITING_CONFIRMATION: "warning",
    Status.DONE: "success",
    Status.PAUSED: "dark",
    Status.CANCELLED: "light",
}


@register.simple_tag
def timeliness_badge(code: str):
    value = Timeliness(code)
    return format_html(
        '<span class="badge badge-timeliness text-bg-{}">{}</span>', TIMELINESS_COLOURS[value], value.label
    )


@register.simple_tag
def status_badge(code: str):
    value = Status(code)
    return format_html('<span class="badge text-bg-{}">{}</span>', STATUS_COLOURS[value], value.label)


@register.filter
def timeliness_label(code: str) -> str:
    return Timeliness(code).label


@register.filter
def status_label(code: str) -> str:
    return Status(code).label


@register.filter
def get_count(counter, key) -> int:
    return counter.get(key, 0)


@register.filter
def changed_field(change, name: str):
    """The change of one field in a history row (see selectors.Change), or None."""
    return change.changed(name)
