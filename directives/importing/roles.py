"""Who does a task: the lead and cooperating agencies its sentence names, collective phrases resolved.

"Giao Sở Y tế chủ trì, phối hợp với Công an tỉnh ..." makes Sở Y tế the lead and Công an tỉnh
cooperating; "Ủy ban nhân dân các huyện, thành phố" means every district committee of the
catalogue; an agency the task reports to ("báo cáo Ủy ban nhân dân tỉnh", "tham mưu ...") does
not carry it out.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .agencies import AgencyName, Mention, find_mentions
from .text import fold

_LEVELS = r"(?:huyen|quan|thi xa|thanh pho|cap huyen|cap)"
_COMMITTEE = r"(?:uy ban nhan dan|ubnd)"
# Folded (accent-free, lower-case) patterns, matched on fold(text) whose offsets are the text's.
_COLLECTIVES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (
        re.compile(
            rf"(?<!\w){_COMMITTEE}\s+(?:cac\s*{_LEVELS}(?:\s*[,/]\s*{_LEVELS})*|{_LEVELS}(?:\s*[,/]\s*{_LEVELS})+)"
            rf"(?!\w)"
        ),
        ("district",),
    ),
    (
        re.compile(r"(?<!\w)(?:cac\s+)?so\s*,\s*ban\s*,?\s*nganh\s*,\s*doan\s+the(?!\w)"),
        ("department", "board", "sector", "mass_organisation"),
    ),
    (
        re.compile(
            r"(?<!\w)(?:cac\s+so\s*,\s*ban\s*,?\s*nganh|so\s*,\s*ban\s*,?\s*nganh|cac\s+so(?:\s*,\s*nganh)?)(?!\w)"
        ),
        ("department", "board", "sector"),
    ),
    (
        re.compile(r"(?<!\w)cac\s+co\s+quan\s*,\s*don\s+vi(?!\w)"),
        ("department", "board", "sector", "mass_organisation", "military", "police", "district", "other"),
    ),
)
_RECIPIENT_BEFORE = re.compile(
    r"(?:cua|thuoc|bao cao|trinh|tham muu|de xuat|kien nghi|\(qua|gui|xin y kien)\s+(?:(?:cho|ve|len|voi)\s+)?"
    r"(?:(?:chu tich|giam doc|thu truong)\s+)?$"
)
_COOPERATION = re.compile(r"(?<!\w)phoi\s+hop(?:\s+(?:voi|cung))?(?!\w)")
_LIST_GAP = re.compile(r"^[\s,;:]*(?:(?:va|voi|cac|cung|co lien quan|lien quan|dia phuong)\s*[,;]?\s*)*$")


@dataclass(frozen=True)
class Collective:
    """A phrase such as "các sở, ban, ngành" and the catalogue's agencies it stands for."""

    phrase: str
    agencies: tuple[str, ...]


@dataclass
class Roles:
    lead: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    collectives: list[Collective] = field(default_factory=list)


def _collective_mentions(text: str, agencies: Sequence[AgencyName]) -> list[tuple[Mention, Collective]]:
    folded = fold(text)
    found: list[tuple[Mention, Collective]] = []
    taken: list[tuple[int, int]] = []
    for pattern, kinds in _COLLECTIVES:
        for match in pattern.finditer(folded):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            names = tuple(agency.name for agency in agencies if agency.kind in kinds)
            taken.append((match.start(), match.end()))
            found.append(
                (Mention(match.start(), match.end(), ""), Collective(text[match.start() : match.end()], names))
            )
    return found


def _cooperating_spans(folded: str, mentions: list[Mention]) -> set[int]:
    """Indexes of the mentions that follow "phối hợp (với)" as one list of names."""
    cooperating: set[int] = set()
    for match in _COOPERATION.finditer(folded):
        position = match.end()
        for index, mention in enumerate(mentions):
            if mention.start < position:
                continue
            if not _LIST_GAP.match(folded[position : mention.start]):
                break
            cooperating.add(index)
            position = mention.end
    return cooperating


def task_roles(sentence: str, agencies: Sequence[AgencyName]) -> Roles:
    """The lead and cooperating agencies of one task's sentence, and the collective phrases it uses."""
    folded = fold(sentence)
    pairs: list[tuple[Mention, Collective | None]] = [(m, None) for m in find_mentions(sentence, agencies)]
    pairs.extend(
        (mention, collective)
        for mention, collective in _collective_mentions(sentence, agencies)
        if not any(m.start < mention.end and mention.start < m.end for m, _ in pairs)
    )
    pairs = [
        pair
        for pair in sorted(pairs, key=lambda p: p[0].start)
        if not _RECIPIENT_BEFORE.search(folded[: pair[0].start])
    ]
    cooperating = _cooperating_spans(folded, [mention for mention, _ in pairs])
    roles = Roles()
    for index, (mention, collective) in enumerate(pairs):
        names = collective.agencies if collective else (mention.name,)
        target = roles.cooperating if index in cooperating else roles.lead
        target.extend(name for name in names if name not in roles.lead and name not in roles.cooperating)
        if collective:
            roles.collectives.append(collective)
    return roles
