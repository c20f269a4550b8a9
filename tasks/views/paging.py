"""Pages of long lists: read in two steps, and a page number that is not a page shows the nearest one, saying so."""

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _


def note_page_past_the_end(request, page_obj: Page) -> None:
    """Tell the reader when ?page= asked for a page that does not exist (past the end, zero, not a number)."""
    asked = request.GET.get("page")
    if asked is None or asked == str(page_obj.number):
        return
    messages.info(
        request,
        _("There is no page %(asked)s; showing page %(shown)s of %(total)s.")
        % {"asked": asked[:20], "shown": page_obj.number, "total": page_obj.paginator.num_pages},
    )


def sorted_page(queryset: QuerySet, number, per_page: int) -> Page:
    """One page of a long sorted list in two steps: the page's ids, then those ids' rows in the page's order.

    Sorting carries only the sort keys instead of every selected column of every row: SQLite sorts whole result
    rows, texts and per-row subqueries included, before it keeps the page (bench/api.py, 20,000 assignments).
    """
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    rows = queryset.order_by().in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids]
    return page
