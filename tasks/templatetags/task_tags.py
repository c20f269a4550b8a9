"""Badges for assignment timeliness and status: colour plus text, never colour alone."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

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


@register.simple_tag
def progress_bar(percent: int, extra_class: str = ""):
    """The percent done as a thin bar (app.js sets its width from data-percent, under the CSP)."""
    return format_html(
        '<div class="progress progress-thin {}" role="progressbar" aria-label="{}" aria-valuenow="{}" '
        'aria-valuemin="0" aria-valuemax="100"><div class="progress-bar" data-percent="{}"></div></div>',
        extra_class,
        gettext("Percent done"),
        percent,
        percent,
    )


FOLD_AFTER = 600


@register.simple_tag
def folded_text(text: str):
    """A report's text; past 600 characters it is folded, its start shown and the rest one click away."""
    if len(text) <= FOLD_AFTER:
        return format_html('<p class="task-text mb-1">{}</p>', text)
    return format_html(
        '<details class="mb-1"><summary class="task-text">{}…</summary><p class="task-text mb-1">{}</p></details>',
        text[:FOLD_AFTER].rstrip(),
        text,
    )


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
