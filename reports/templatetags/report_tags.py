"""Template helpers of the reports app."""

from datetime import date

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

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


# The heatmap's colours say how urgent a cell is (red overdue, amber due soon, green done, grey standing or not
# counted); the text in the cell always says it too. Every pair passes 4.5:1 contrast.
HEATMAP_COLOURS = {
    Timeliness.OVERDUE: "heat-overdue",
    Timeliness.DUE_SOON: "heat-soon",
    Timeliness.WITHIN_DEADLINE: "heat-within",
    Timeliness.DONE_ON_TIME: "heat-done",
    Timeliness.DONE_LATE: "heat-done-late",
    Timeliness.STANDING: "heat-grey",
    Timeliness.NOT_APPLICABLE: "heat-grey",
}


@register.simple_tag
def heatmap_legend():
    """The colours of the heatmap with their meaning, most urgent first."""
    items = [
        format_html('<li class="list-inline-item"><span class="heat-swatch {}">{}</span></li>', css, label)
        for css, label in (
            (HEATMAP_COLOURS[code], Timeliness(code).label)
            for code in (
                Timeliness.OVERDUE,
                Timeliness.DUE_SOON,
                Timeliness.WITHIN_DEADLINE,
                Timeliness.DONE_ON_TIME,
                Timeliness.DONE_LATE,
                Timeliness.STANDING,
                Timeliness.NOT_APPLICABLE,
            )
        )
    ]
    return mark_safe("".join(items))  # noqa: S308  (each piece built by format_html)


def _heatmap_cell(url: str, group, cell) -> str:
    if not cell:
        return format_html('<td class="text-center text-body-secondary small">{}</td>', gettext("none"))
    return format_html(
        '<td class="text-center {}"><a class="heatmap-link" href="{}?group={}#group-{}">{}'
        '<span class="d-block small">{}</span></a></td>',
        HEATMAP_COLOURS[Timeliness(cell.worst)],
        url,
        group.number,
        group.number,
        Timeliness(cell.worst).label,
        ngettext("%(count)s assignment", "%(count)s assignments", cell.total) % {"count": cell.total},
    )


@register.simple_tag
def heatmap_rows(heatmap, url: str):
    """The heatmap's body rows, drawn in Python: one row per agency, one cell per group (a few hundred cells,
    about a third of the dashboard's time when each went through the template engine)."""
    rows = []
    for row in heatmap:
        cells = mark_safe("".join(_heatmap_cell(url, group, cell) for group, cell in row.cells))  # noqa: S308
        rows.append(
            format_html(
                '<tr><th scope="row" class="fw-normal heatmap-agency">{}</th>{}</tr>\n', row.agency.display_name, cells
            )
        )
    return mark_safe("".join(rows))  # noqa: S308  (each piece built by format_html)
