"""Reads of directives, and of the agencies and records a directive import is matched against."""

import re
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from agencies.models import Agency
from agencies.text import fold

from .importing import AgencyName
from .models import Directive


def directive_get(*, directive_id: int) -> Directive:
    """One directive with its coordinating agency."""
    return Directive.objects.select_related("coordinating_agency").get(pk=directive_id)


def directive_list(*, query: str = "") -> QuerySet[Directive]:
    """Tracked directives first, newest first; the query is a phrase matched ignoring diacritics and case."""
    directives = Directive.objects.select_related("coordinating_agency").order_by("-is_tracked", "-issued_on", "number")
    phrase = fold(query)
    if phrase:
        directives = directives.filter(search_text__contains=phrase)
    return directives


# Conventional ways directives name an agency, besides its own name and short name. An alias
# with a capital initial only matches where the text capitalises it (see AgencyName).
_MILITARY_ALIASES = ("Bộ CHQS tỉnh", "ngành quân sự", "cơ quan quân sự", "Quân sự")
_POLICE_ALIASES = ("Công an tỉnh", "ngành công an", "Công an")
_MTTQ_ALIASES = ("Mặt trận Tổ quốc", "MTTQ")
_PROVINCE_SUFFIX = re.compile(r"\s+tỉnh\b.*$")


def _conventional_aliases(agency: Agency) -> tuple[str, ...]:
    if agency.kind == Agency.Kind.MILITARY:
        return _MILITARY_ALIASES
    if agency.kind == Agency.Kind.POLICE:
        return _POLICE_ALIASES
    if agency.code == "mttq" or "mặt trận tổ quốc" in agency.name.casefold():
        return _MTTQ_ALIASES
    if agency.kind == Agency.Kind.DEPARTMENT and agency.name.startswith("Sở "):
        # "Sở Nội vụ tỉnh Hòa Bình" is written "Sở Nội vụ" inside the province's own texts.
        return (_PROVINCE_SUFFIX.sub("", agency.name),)
    return ()


def import_agency_names() -> list[AgencyName]:
    """The active agencies as the directive parser looks for them: name, short name, usual aliases."""
    names = []
    for agency in Agency.objects.filter(is_active=True).order_by("sort_order", "name"):
        aliases = [agency.short_name, *_conventional_aliases(agency)]
        unique = dict.fromkeys(alias for alias in aliases if alias and alias != agency.name)
        names.append(AgencyName(agency.name, tuple(unique), agency.kind))
    return names


def directives_by_kind_and_number(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Directive]:
    """The existing record for each (kind, number), the oldest where several issuers share a number."""
    keys = set(keys)
    if not keys:
        return {}
    condition = Q()
    for kind, number in keys:
        condition |= Q(kind=kind, number=number)
    found: dict[tuple[str, str], Directive] = {}
    for directive in Directive.objects.filter(condition).order_by("pk"):
        found.setdefault((directive.kind, directive.number), directive)
    return found
