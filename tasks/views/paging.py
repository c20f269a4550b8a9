"""A page number that is not a page: the nearest page is shown, with a message saying so."""

from django.contrib import messages
from django.core.paginator import Page
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
