"""Apps to the right of tasks (reports) move what they own during a reorganisation through these hooks."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from agencies.models import AgencyChange

    from .plan import Plan


class ReorganisationHook(Protocol):
    def preview(self, plan: "Plan") -> list[tuple[str, int]]:
        """What would move, as (label, count) lines for the preview; reads only, a fixed number of queries."""
        ...

    def apply(self, plan: "Plan", change: "AgencyChange") -> dict[str, int]:
        """Move it, inside the reorganisation's transaction; return counts for the change's summary."""
        ...


_HOOKS: dict[str, Callable[[], ReorganisationHook]] = {}


def register_reorganisation_hook(name: str, factory: Callable[[], ReorganisationHook]) -> None:
    """Call it from an AppConfig.ready() (registration only, no query)."""
    _HOOKS[name] = factory


def reorganisation_hooks() -> list[ReorganisationHook]:
    return [factory() for factory in _HOOKS.values()]
