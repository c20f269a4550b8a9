"""Template helpers of the reports app."""

from datetime import date

from django import template

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
