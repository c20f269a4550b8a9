"""Timeliness of an assignment, derived from its deadline, today and its completion date (DESIGN §3)."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Awaiting confirmation")
    DONE = "done", _("Done")
    PAUSED = "paused", _("Paused")
    CANCELLED = "cancelled", _("Cancelled")


class Timeliness(models.TextChoices):
    WITHIN_DEADLINE = "within_deadline", _("Within deadline")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")
    STANDING = "standing", _("Standing task")
    # Paused or cancelled work is not counted: the label says why, not just that.
    NOT_APPLICABLE = "not_applicable", _("Cancelled or paused")


# Bootstrap colour of each badge; the badge always carries its text too.
TIMELINESS_COLOURS = {
    Timeliness.WITHIN_DEADLINE: "primary",
    Timeliness.DUE_SOON: "warning",
    Timeliness.OVERDUE: "danger",
    Timeliness.DONE_ON_TIME: "success",
    Timeliness.DONE_LATE: "secondary",
    Timeliness.STANDING: "info",
    Timeliness.NOT_APPLICABLE: "light",
}


def timeliness(
    *, status: str, deadline: date | None, completed_on: date | None, today: date, due_soon_days: int
) -> Timeliness:
    """The category official reports count. Mirrors selectors.with_timeliness, which does it in SQL."""
    if status in (Status.PAUSED, Status.CANCELLED):
        return Timeliness.NOT_APPLICABLE
    # Standing work is never "done": it is judged period by period and never enters the on-time rate (DESIGN §3).
    if deadline is None:
        return Timeliness.STANDING
    if status == Status.DONE:
        if completed_on is None or completed_on <= deadline:
            return Timeliness.DONE_ON_TIME
        return Timeliness.DONE_LATE
    # Declared done and waiting for the coordinator: the clock stopped on the declared day.
    reference = completed_on if status == Status.AWAITING_CONFIRMATION and completed_on else today
    if reference > deadline:
        return Timeliness.OVERDUE
    if status != Status.AWAITING_CONFIRMATION and (deadline - today).days <= due_soon_days:
        return Timeliness.DUE_SOON
    return Timeliness.WITHIN_DEADLINE
