"""Directive import, between the parser and the review page: proposals in, reviewed data out.

The parser (directives.importing) knows nothing of the database; this module turns its proposal
into the initial values of the review form, and defines what the confirmed review hands to
tasks.importing.confirm.directive_import_confirm.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from agencies.models import Agency
from directives.importing import DirectiveProposal, parse_directive_text
from directives.models import Directive
from directives.selectors import directives_by_kind_and_number, import_agency_names

# Counted in Vietnamese syllables. A first clause up to TITLE_WORDS_WHOLE is the title as it is; a
# longer one is cut at its last comma before that, or else after TITLE_WORDS.
TITLE_WORDS = 12
TITLE_WORDS_WHOLE = 20
TITLE_MAX_CHARS = 300


@dataclass
class ReviewedTask:
    text: str
    lead: list[Agency] = field(default_factory=list)
    cooperating: list[Agency] = field(default_factory=list)
    deadline: date | None = None


@dataclass
class ReviewedGroup:
    number: int
    title: str
    text: str
    tasks: list[str]
    agencies: list[Agency] = field(default_factory=list)
    all_agencies: bool = False
    deadline: date | None = None
    # Reviewed task by task: each task's own agencies and deadline; None when the item is taken as a whole.
    task_rows: list[ReviewedTask] | None = None


@dataclass
class ReviewedCitation:
    kind: str
    number: str
    issuer: str
    issued_on: date | None
    relation: str = "cites"


@dataclass
class ReviewedDirective:
    kind: str
    number: str
    issuer: str
    issued_on: date | None
    subject: str
    body: str
    coordinating_agency: Agency | None
    groups: list[ReviewedGroup]
    citations: list[ReviewedCitation]


def propose_title(text: str) -> str:
    """A group's title: its heading line if it has one, else its first sentence or clause, cut at about 12 words."""
    first = text.strip().split("\n", 1)[0].strip() if text.strip() else ""
    letters = [c for c in first if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        # "MỤC ĐÍCH, YÊU CẦU" is a section heading: the best title there is.
        return (first[:1] + first[1:].lower())[:TITLE_MAX_CHARS]
    sentence = re.split(r"(?<=[.;:!?])\s", first, maxsplit=1)[0]
    words = sentence.split()
    if len(words) <= TITLE_WORDS_WHOLE:
        return " ".join(words).rstrip(" .,;:")[:TITLE_MAX_CHARS]
    commas = [i for i, word in enumerate(words[:TITLE_WORDS_WHOLE]) if word.endswith(",") and i >= TITLE_WORDS // 2]
    cut = commas[-1] + 1 if commas else TITLE_WORDS
    return (" ".join(words[:cut]).rstrip(" .,;:") + "…")[:TITLE_MAX_CHARS]


# The issuer of a cited document follows from the code after its number, in the usual cases;
# the reviewer corrects anything else.
_ISSUER_BY_CODE = (
    (re.compile(r"NĐ-CP$|NQ-CP$|/CP$"), "Chính phủ"),
    (re.compile(r"(?:QĐ|CT)-TTg$"), "Thủ tướng Chính phủ"),
    (re.compile(r"CT/TW$"), "Bộ Chính trị"),
    (re.compile(r"/TW$"), "Ban Chấp hành Trung ương Đảng"),
    (re.compile(r"/TU$"), "Tỉnh ủy"),
    (re.compile(r"-HĐND$|/NQ-HĐND$"), "Hội đồng nhân dân tỉnh"),
    (re.compile(r"UBND"), "Ủy ban nhân dân tỉnh"),
)


def guess_issuer(number: str) -> str:
    for pattern, issuer in _ISSUER_BY_CODE:
        if pattern.search(number):
            return issuer
    return ""


def review_initial(proposal: DirectiveProposal) -> dict:
    """Initial values of the review page for a parser proposal: directive, groups and cited documents."""
    agencies = {agency.name: agency for agency in Agency.objects.filter(is_active=True)}
    coordinator = agencies.get(proposal.coordinator or "")
    directive = {
        "kind": proposal.kind or "",
        "number": proposal.number or "",
        "issuer": proposal.issuer or "",
        "issued_on": proposal.issued_on,
        "subject": proposal.subject or "",
        "body": proposal.preamble,
        "coordinating_agency": coordinator.pk if coordinator else None,
        "warnings": "\n".join(proposal.warnings),
    }
    groups = [
        {
            "number": group.number,
            "label": group.label,
            "title": propose_title(group.text),
            "text": group.text,
            "tasks": "\n".join(group.tasks),
            "agencies": [agencies[name].pk for name in group.agencies if name in agencies],
            "per_task": _names_agencies_per_task(group),
        }
        for group in proposal.groups
    ]
    task_rows = [
        {
            "group": index,
            "text": detail.text,
            "lead": [agencies[name].pk for name in detail.lead if name in agencies],
            "cooperating": [agencies[name].pk for name in detail.cooperating if name in agencies],
            "deadline": detail.deadline.on if detail.deadline else None,
            "deadline_note": detail.deadline.text if detail.deadline else "",
            "collectives": "; ".join(f"“{c.phrase}”: {len(c.agencies)}" for c in detail.collectives),
        }
        for index, group in enumerate(proposal.groups)
        if _names_agencies_per_task(group)
        for detail in group.details
    ]
    existing = directives_by_kind_and_number((c.kind, c.number) for c in proposal.cited)
    citations = []
    for cited in proposal.cited:
        match = existing.get((cited.kind, cited.number))
        citations.append(
            {
                "include": True,
                "kind": cited.kind,
                "number": cited.number,
                "issuer": match.issuer if match else guess_issuer(cited.number),
                "issued_on": match.issued_on if match else cited.issued_on,
                "relation": "cites",
                "title": cited.title,
            }
        )
    return {"directive": directive, "groups": groups, "citations": citations, "task_rows": task_rows}


def _names_agencies_per_task(group) -> bool:
    """Whether the item's tasks name agencies of their own, different from one task to the next."""
    named = {(tuple(d.lead), tuple(d.cooperating)) for d in group.details if not d.inherited}
    return len(named) > 1 or any(d.deadline and d.deadline.on for d in group.details)


def citation_matches(citations: list[dict]) -> list[Directive | None]:
    """For each cited document on the review page, the existing record it will be linked to, if any."""
    existing = directives_by_kind_and_number(
        (c.get("kind") or "", c.get("number") or "") for c in citations if c.get("kind") and c.get("number")
    )
    return [existing.get((c.get("kind") or "", c.get("number") or "")) for c in citations]


def propose_review(text: str, group_level: int = 1) -> dict:
    """Parse a directive's text against the active agencies; raises DirectiveImportError in Vietnamese."""
    return review_initial(parse_directive_text(text, agencies=import_agency_names(), group_level=group_level))


def _reviewed_rows(rows: list[dict]) -> list[ReviewedTask]:
    return [
        ReviewedTask(text=row["text"], lead=row["lead"], cooperating=row["cooperating"], deadline=row["deadline"])
        for row in rows
        if row.get("text")
    ]


def reviewed_directive(
    *, directive: dict, groups: list[dict], citations: list[dict], task_rows: dict[int, list[dict]] | None = None
) -> ReviewedDirective:
    """The confirmed review, from the cleaned data of the review form and its two formsets."""
    return ReviewedDirective(
        kind=directive["kind"],
        number=directive["number"],
        issuer=directive["issuer"],
        issued_on=directive["issued_on"],
        subject=directive["subject"],
        body=directive["body"],
        coordinating_agency=directive["coordinating_agency"],
        groups=[
            ReviewedGroup(
                number=group["number"],
                title=group["title"],
                text=group["text"],
                tasks=group["tasks"],
                agencies=group["agencies"],
                all_agencies=group["all_agencies"],
                deadline=group["deadline"],
                task_rows=_reviewed_rows((task_rows or {}).get(group["index"], [])) if group.get("per_task") else None,
            )
            for group in groups
        ],
        citations=[
            ReviewedCitation(
                kind=citation["kind"],
                number=citation["number"],
                issuer=citation["issuer"],
                issued_on=citation["issued_on"],
                relation=citation["relation"],
            )
            for citation in citations
            if citation.get("include")
        ],
    )
