"""Template helpers of the reports app."""

from datetime import date

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from tasks.timeliness import TIMELINESS_COLOURS, Timeliness

register = template.Library()


@register.filter
def isodate(value):
    """A date stored as ISO text in a frozen snapshot, back as a date for the |date filter."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@register.filter
def timeliness_colour(code) -> str:
    return TIMELINESS_COLOURS[Timeliness(code)] if code else "light"


def _heatmap_cell(url: str, group, cell) -> str:
    if not cell:
        return format_html(
            '<td class="text-center text-body-secondary"><span class="visually-hidden">{}</span>·</td>',
            gettext("none"),
        )
    return format_html(
        '<td class="text-center text-bg-{}"><a class="heatmap-link" href="{}?group={}#group-{}">{}'
        '<span class="d-block small">{}</span></a></td>',
        timeliness_colour(cell.worst),
        url,
        group.number,
        group.number,
        Timeliness(cell.worst).label,
        cell.total,
    )


@register.simple_tag
def heatmap_rows(heatmap, url: str):
    """The heatmap's body rows, drawn in Python: one row per agency, one cell per group (a few hundred cells,
    about a third of the dashboard's time when each went through the template engine)."""
    rows = []
    for row in heatmap:
        cells = mark_safe("".join(_heatmap_cell(url, group, cell) for group, cell in row.cells))  # noqa: S308
        rows.append(
            format_html('<tr><th scope="row" class="fw-normal">{}</th>{}</tr>\n', row.agency.display_name, cells)
        )
    return mark_safe("".join(rows))  # noqa: S308  (each piece built by format_html)
