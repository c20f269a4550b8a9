"""From a directive's text to a proposal for review: groups, tasks, metadata, citations, agencies."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from .agencies import AgencyName, find_coordinator, find_mentions, unique_names
from .citations import CitedDocument, detect_cited_documents
from .confusions import confused_phrases
from .deadlines import ProposedDeadline, find_deadline
from .errors import MAX_TEXT_CHARS, MSG_EMPTY, MSG_NO_ITEMS, DirectiveImportError, too_long
from .header import metadata_warnings, read_metadata
from .roles import Collective, Roles, task_roles
from .structure import Node, is_heading, outline_tree, single_item, split_items, split_tasks, strip_end_mark
from .syllables import suspect_words
from .text import normalize_text, split_paragraphs


@dataclass
class ProposedTask:
    """One task as its own sentence assigns it: lead and cooperating agencies, deadline."""

    text: str
    lead: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    deadline: ProposedDeadline | None = None
    collectives: list[Collective] = field(default_factory=list)
    # True when the sentence names no agency and the lead is the introduction's addressees.
    inherited: bool = False


@dataclass
class ProposedGroup:
    number: int
    text: str
    tasks: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    label: str = ""
    details: list[ProposedTask] = field(default_factory=list)


@dataclass
class DirectiveProposal:
    kind: str | None
    number: str | None
    issuer: str | None
    issued_on: date | None
    subject: str | None
    preamble: str
    groups: list[ProposedGroup]
    cited: list[CitedDocument]
    coordinator: str | None
    warnings: list[str]
    place: str | None = None
    tree: list[Node] = field(default_factory=list)
    group_level: int = 1

    @property
    def depth(self) -> int:
        """How many levels the outline has (1: items only; 2: parts and items; 3: with sub-items)."""
        return max((node.depth for node in self.tree), default=0)


def parse_directive_text(text: str, *, agencies: Sequence[AgencyName] = (), group_level: int = 1) -> DirectiveProposal:
    """Split a directive into preamble, numbered groups and tasks, and read its metadata.

    ``group_level`` chooses which level of the outline makes the task groups: 1 the top level
    (parts I., II., ... where there are parts), 2 the items inside them, 3 their sub-items.
    """
    paragraphs = split_paragraphs(_checked_text(text))
    outline = split_items(paragraphs)
    if not outline.items:
        outline = single_item(paragraphs)
    if not outline.items:
        raise DirectiveImportError(MSG_NO_ITEMS)
    tree = outline_tree(outline)
    if group_level == 1:
        sections = [(label, paragraphs) for label, (_, paragraphs) in zip(outline.labels, outline.items, strict=True)]
        numbers = [number for number, _ in outline.items]
    else:
        sections = _sections_at(tree, group_level)
        numbers = list(range(1, len(sections) + 1))
    addressees = _addressees(outline.preamble, agencies)
    groups = [
        _proposed_group(number, label, paragraphs, agencies, addressees)
        for number, (label, paragraphs) in zip(numbers, sections, strict=True)
    ]
    meta = read_metadata(outline.preamble)
    body = "\n\n".join([*outline.preamble, *(g.text for g in groups)])
    warnings = [*outline.warnings, *metadata_warnings(meta), *_scan_warnings(outline.preamble, groups)]
    coordinator = None
    if agencies:
        coordinator = find_coordinator([g.text for g in groups], agencies)
        warnings.extend(_agency_warnings(coordinator, groups))
    return DirectiveProposal(
        kind=meta.kind,
        number=meta.number,
        issuer=meta.issuer,
        issued_on=meta.issued_on,
        subject=meta.subject,
        preamble="\n\n".join(outline.preamble),
        groups=groups,
        cited=[c for c in detect_cited_documents(body) if c.number != meta.number],
        coordinator=coordinator,
        warnings=warnings,
        place=meta.place,
        tree=tree,
        group_level=group_level,
    )


def _sections_at(nodes: list[Node], level: int, prefix: str = "") -> list[tuple[str, list[str]]]:
    """The (label path, paragraphs) of each node at ``level``; a node with no children there stands for itself."""
    sections: list[tuple[str, list[str]]] = []
    for node in nodes:
        label = f"{prefix}.{node.label}" if prefix else node.label
        if level <= 1 or not node.children:
            sections.append((label, node.paragraphs))
            continue
        # The part's own text beyond its heading ("Giao Sở ... chủ trì các việc sau:") is a group too.
        own = node.own[1:] if node.own and is_heading(node.own[0]) else node.own
        if own and split_tasks(own):
            sections.append((label, own))
        sections.extend(_sections_at(node.children, level - 1, label))
    return sections


_MAX_SUSPECTS = 30


def _scan_warnings(preamble: list[str], groups: list["ProposedGroup"]) -> list[str]:
    """Words that cannot be Vietnamese syllables, for the reviewer to correct before confirming."""
    text = "\n".join([*preamble, *(task for group in groups for task in group.tasks)])
    warnings = []
    if words := suspect_words(text):
        shown = ", ".join(f"“{word}”" for word in words[:_MAX_SUSPECTS])
        warnings.append(
            _("Words that are not Vietnamese syllables, probably scanning or typing errors; correct them: %(words)s.")
            % {"words": shown}
        )
    if pairs := confused_phrases(text):
        shown = ", ".join(f"“{wrong}” (“{right}”?)" for wrong, right in pairs[:_MAX_SUSPECTS])
        warnings.append(
            _("Words probably misread (a wrong tone mark or letter), to check and correct: %(words)s.")
            % {"words": shown}
        )
    return warnings


def _checked_text(text: str) -> str:
    """The normal form of ``text``, or DirectiveImportError if it is too long or empty."""
    # The raw check is a cheap guard before normalising; the real limit applies to
    # the NFC text so NFD and NFC copies of one document are treated alike.
    if len(text) > 2 * MAX_TEXT_CHARS:
        raise DirectiveImportError(too_long(len(text)))
    text = normalize_text(text)
    if len(text) > MAX_TEXT_CHARS:
        raise DirectiveImportError(too_long(len(text)))
    if not text:
        raise DirectiveImportError(MSG_EMPTY)
    return text


_REQUEST = re.compile(r"\b(?:yêu cầu|đề nghị)\b", re.IGNORECASE)


def _addressees(preamble: list[str], agencies: Sequence[AgencyName]) -> Roles:
    """The agencies the sentence introducing the items asks to carry them out ("... yêu cầu các sở, ...:")."""
    for paragraph in reversed(preamble[-2:]):
        request = list(_REQUEST.finditer(paragraph))
        if request:
            return task_roles(paragraph[request[-1].end() :], agencies)
    return Roles()


def _proposed_group(
    number: int, label: str, paragraphs: list[str], agencies: Sequence[AgencyName], addressees: Roles
) -> ProposedGroup:
    paragraphs = [strip_end_mark(p) for p in paragraphs]
    text = "\n\n".join(paragraphs)
    tasks = split_tasks(paragraphs)
    details = []
    for task in tasks:
        roles = task_roles(task, agencies)
        inherited = not roles.lead and not roles.cooperating
        if inherited:
            # A task that names no agency falls to those the introduction addresses.
            roles = addressees
        details.append(
            ProposedTask(
                task, list(roles.lead), list(roles.cooperating), find_deadline(task), list(roles.collectives), inherited
            )
        )
    return ProposedGroup(
        number=number,
        text=text,
        tasks=tasks,
        agencies=unique_names(find_mentions(text, agencies)),
        label=label,
        details=details,
    )


def _agency_warnings(coordinator: str | None, groups: list[ProposedGroup]) -> list[str]:
    warnings: list[str] = []
    if coordinator is None:
        warnings.append(
            _("The agency that leads, monitors and compiles could not be determined; the reviewer must choose it.")
        )
    for group in groups:
        if not group.agencies:
            warnings.append(
                _(
                    "Item %(number)s: no agency of the catalogue was recognised; "
                    "the reviewer must name the agencies that carry it out."
                )
                % {"number": group.number}
            )
    return warnings
