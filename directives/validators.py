"""Rules about a directive's dates that every way of setting a deadline shares (admin, bulk assignment, import)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEADLINE_BEFORE_DIRECTIVE = _("The deadline cannot be before the directive's date.")


def validate_deadline(deadline: date | None, *, issued_on: date | None) -> None:
    """A deadline cannot come before the date of the directive that sets it; standing work has none."""
    if deadline and issued_on and deadline < issued_on:
        raise ValidationError(DEADLINE_BEFORE_DIRECTIVE, code="deadline_before_directive")
