"""Reads of directives."""

from django.db.models import QuerySet

from agencies.text import fold

from .models import Directive


def directive_list(*, query: str = "") -> QuerySet[Directive]:
    """Tracked directives first, newest first; the query is a phrase matched ignoring diacritics and case."""
    directives = Directive.objects.select_related("coordinating_agency").order_by("-is_tracked", "-issued_on", "number")
    phrase = fold(query)
    if phrase:
        directives = directives.filter(search_text__contains=phrase)
    return directives
