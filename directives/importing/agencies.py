"""Finding the catalogue's agencies in the text, and the agency that coordinates the directive."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .text import fold, split_sentences


@dataclass(frozen=True)
class AgencyName:
    """An agency as the parser looks for it.

    The name matches in any case. An alias written with a capital initial ("Quân sự",
    "Công an") is a proper-name use and matches only where the text capitalises it
    too, so "bí mật quân sự" is not read as the military command; an alias written
    in lower case ("ngành quân sự") matches in any case.
    """

    name: str
    aliases: tuple[str, ...] = ()
    # The catalogue's kind (agencies.models.Agency.Kind value), for phrases such as "các sở, ban, ngành".
    kind: str = ""


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str


@lru_cache(maxsize=512)
def _alias_pattern(alias: str) -> re.Pattern[str] | None:
    words = fold(alias).split()
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")


def find_mentions(text: str, agencies: Sequence[AgencyName]) -> list[Mention]:
    folded = fold(text)
    candidates: list[Mention] = []
    for agency in agencies:
        spellings = [(agency.name, False), *((alias, alias[:1].isupper()) for alias in agency.aliases)]
        for alias, proper in spellings:
            pattern = _alias_pattern(alias)
            if pattern is None:
                continue
            candidates.extend(
                Mention(m.start(), m.end(), agency.name)
                for m in pattern.finditer(folded)
                if not proper or text[m.start()].isupper()
            )
    # Longest match wins where names overlap, so "Ủy ban nhân dân tỉnh" inside
    # "Chủ tịch Ủy ban nhân dân tỉnh" or a short alias inside a longer name of
    # another agency is attributed to the more specific one.
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[Mention] = []
    for mention in candidates:
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    return chosen


def unique_names(mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.name for m in mentions))


_COORDINATION = ("đôn đốc", "theo dõi", "tổng hợp")
_FOLLOW_UP = ("theo dõi", "đôn đốc")
_CHARGE = ("giao", "chịu trách nhiệm", "có trách nhiệm")


def _coordination_anchor(lowered: str) -> tuple[int, bool] | None:
    """Where the sentence charges an agency with following up, and whether that is the primary form.

    "Giao Bộ CHQS tỉnh chủ trì, theo dõi, tổng hợp ..." and "Giao Sở Nội vụ theo dõi, đôn đốc việc
    thực hiện" are primary; "... tổng hợp, báo cáo" is the fallback.
    """
    if "chủ trì" in lowered and any(k in lowered for k in _COORDINATION):
        return lowered.find("chủ trì"), True
    if any(k in lowered for k in _CHARGE) and any(k in lowered for k in _FOLLOW_UP):
        return min(lowered.find(k) for k in _FOLLOW_UP if k in lowered), True
    if "tổng hợp" in lowered and "báo cáo" in lowered:
        return lowered.find("tổng hợp"), False
    return None


def find_coordinator(group_texts: Sequence[str], agencies: Sequence[AgencyName]) -> str | None:
    primary: str | None = None
    fallback: str | None = None
    for group_text in group_texts:
        for sentence in (s for p in group_text.split("\n\n") for s in split_sentences(p)):
            lowered = sentence.casefold()
            anchor = _coordination_anchor(lowered)
            if anchor is None:
                continue
            mentions = find_mentions(sentence, agencies)
            if not mentions:
                continue
            before = [m for m in mentions if m.start < anchor[0]]
            # The agency assigned the lead role is named just before "chủ trì"
            # ("Giao Bộ Chỉ huy quân sự tỉnh chủ trì ..."); agencies after it are
            # usually recipients of the report.
            name = before[-1].name if before else mentions[0].name
            # Coordination clauses close the directive, so a later match wins.
            if anchor[1]:
                primary = name
            else:
                fallback = name
    return primary or fallback
