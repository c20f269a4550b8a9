"""What the report services share: the check that refuses a form posted from a stale page."""

from django.core.exceptions import ValidationError

from ..errors import Errors


def check_version(current: int, expected: int | None) -> None:
    if expected is not None and current != expected:
        raise ValidationError(Errors.STALE, code="stale")
