"""Delegation's rules: to which agencies an agency may pass its share down, and how the shares roll up into it.

An agency's manager passes its share of a task (an Assignment of the directive) down to its own units or communes
as delegated shares (Assignments whose `parent` is that share; tasks.workflow.delegation writes them). Each rule
lives here once: `delegable_units` (who may receive a share), `rolled_up_percent` and `rolled_up_timeliness` with
its SQL twin `share_overdue` (what the parent shows). DESIGN §12.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from agencies.models import Agency

from .models import Assignment
from .timeliness import Status, Timeliness

# A share passed down is open while its agency still works on it; the parent's percent ignores cancelled shares.
OPEN_SHARE = (Status.NOT_STARTED, Status.IN_PROGRESS)
CLOSED_SHARE = (Status.DONE, Status.CANCELLED)


def delegable_units(agency: Agency | int) -> QuerySet[Agency]:
    """The active agencies this agency may pass its shares down to: its own units (Agency.parent, the organisation
    tree) and the agencies listed under it in tasks.Subordinate (admin: "units and communes under agencies").

    The one place of the rule. The list is many-to-many because since 2025 a commune takes work straight from
    several provincial departments, not only from its parent; the reorganisation moves both with a merge.
    """
    agency_id = agency if isinstance(agency, int) else agency.pk
    linked = Q(superior_links__agency_id=agency_id) | Q(parent_id=agency_id)
    return Agency.objects.filter(linked, is_active=True).exclude(pk=agency_id).distinct().order_by("sort_order", "name")


def rolled_up_percent(percents: Iterable[tuple[str, int]]) -> int | None:
    """The parent's percent from its shares' (status, percent): the plain mean of the shares not cancelled, each
    weighing the same, rounded down (so 100 % only when every share is at 100 %); None without such a share, when
    the parent keeps the percent its own agency reports."""
    counted = [percent for status, percent in percents if status != Status.CANCELLED]
    if not counted:
        return None
    return sum(counted) // len(counted)


def rolled_up_timeliness(own: Timeliness | str, *, status: str, shares: Iterable[Timeliness | str]) -> Timeliness:
    """The parent's timeliness: its own, except that open work is overdue as soon as one of its shares is.

    The twin of `share_overdue`, which with_timeliness (tasks.selectors) puts first among its SQL rules.
    """
    if status in OPEN_SHARE and Timeliness.OVERDUE in set(shares):
        return Timeliness.OVERDUE
    return Timeliness(own)


def share_overdue(today: date) -> Q:
    """SQL: the assignment is open and one of its delegated shares is overdue, by the share's own rules
    (tasks.timeliness.timeliness: open and past its deadline, or declared done after it)."""
    late = (
        Q(status__in=OPEN_SHARE, deadline__lt=today)
        | Q(status=Status.AWAITING_CONFIRMATION, completed_on__isnull=False, completed_on__gt=F("deadline"))
        | Q(status=Status.AWAITING_CONFIRMATION, completed_on__isnull=True, deadline__lt=today)
    )
    # The parents of overdue shares, once for the whole query: a correlated EXISTS ran once per row (on PostgreSQL a
    # hashed subplan per CASE), and a list's CASE is evaluated for every row it sorts (bench/api.py: 46 to 33 ms
    # on SQLite, 73 to 49 ms on PostgreSQL for 20,000 assignments).
    overdue_shares = Assignment.objects.filter(late, parent__isnull=False, deadline__isnull=False)
    return Q(status__in=OPEN_SHARE, pk__in=overdue_shares.values("parent_id"))


def open_overdue(today: date) -> Q:
    """SQL: open work (not started or in progress) that is overdue: past its own deadline, or one of its shares is.

    with_timeliness's rules (tasks.selectors) restricted to open work, without their CASE: the menu's inbox counts
    overdue work on every page, and filtering on the CASE made it compile and evaluate the whole rule set.
    """
    return Q(status__in=OPEN_SHARE) & (Q(deadline__lt=today) | share_overdue(today))


def share_count_subquery() -> Coalesce:
    """For lists: annotate how many shares each assignment passed down (one subquery, whatever the page size)."""
    shares = Assignment.objects.filter(parent=OuterRef("id")).order_by().values("parent").annotate(n=Count("pk"))
    return Coalesce(Subquery(shares.values("n")), 0)
