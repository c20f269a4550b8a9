"""From a directive's text to a proposal for review: groups, tasks, metadata, citations, agencies."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from .agencies import AgencyName, find_coordinator, find_mentions, unique_names
from .citations import CitedDocument, detect_cited_documents
from .errors import MAX_TEXT_CHARS, MSG_EMPTY, MSG_NO_ITEMS, DirectiveImportError, too_long
from .header import metadata_warnings, read_metadata
from .structure import split_items, split_tasks, strip_end_mark
from .text import normalize_text, split_paragraphs


@dataclass
class ProposedGroup:
    number: int
    text: str
    tasks: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)


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


def parse_directive_text(text: str, *, agencies: Sequence[AgencyName] = ()) -> DirectiveProposal:
    """Split a directive into preamble, numbered groups and tasks, and read its metadata."""
    outline = split_items(split_paragraphs(_checked_text(text)))
    if not outline.items:
        raise DirectiveImportError(MSG_NO_ITEMS)
    groups = [_proposed_group(number, paragraphs, agencies) for number, paragraphs in outline.items]
    meta = read_metadata(outline.preamble)
    body = "\n\n".join([*outline.preamble, *(g.text for g in groups)])
    warnings = [*outline.warnings, *metadata_warnings(meta)]
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
    )


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


def _proposed_group(number: int, paragraphs: list[str], agencies: Sequence[AgencyName]) -> ProposedGroup:
    paragraphs = [strip_end_mark(p) for p in paragraphs]
    text = "\n\n".join(paragraphs)
    return ProposedGroup(
        number=number,
        text=text,
        tasks=split_tasks(paragraphs),
        agencies=unique_names(find_mentions(text, agencies)),
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
