"""The corpus of real directives (tests/fixtures/directives/): texts, expected parses, a field-by-field score.

Used by tests/directives/test_corpus.py (every field must be right) and bench/importing.py (the share right).
"""

import json
import re
import textwrap
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from directives.importing import AgencyName, DirectiveImportError, parse_directive_text
from directives.importing.parser import DirectiveProposal, ProposedTask
from directives.importing.structure import Node

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "directives"

# Shorthands of the expected files for what a collective phrase means in the catalogue.
_COLLECTIVE_KINDS = {
    "*sở-ban-ngành": ("department", "board", "sector"),
    "*sở-ban-ngành-đoàn-thể": ("department", "board", "sector", "mass_organisation"),
    "*huyện": ("district",),
    "*cơ-quan-đơn-vị": (
        "department",
        "board",
        "sector",
        "mass_organisation",
        "military",
        "police",
        "district",
        "other",
    ),
}


def catalogue() -> list[AgencyName]:
    rows = json.loads((CORPUS / "catalogue.json").read_text(encoding="utf-8"))
    return [AgencyName(row["name"], tuple(row["aliases"]), row["kind"]) for row in rows]


def fixture_names() -> list[str]:
    return sorted(path.stem for path in CORPUS.glob("*.json") if path.stem != "catalogue")


def expected(name: str) -> dict:
    return json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))


def text_of(name: str) -> str:
    return (CORPUS / expected(name)["text"]).read_text(encoding="utf-8")


def _expand(names: list[str], agencies: list[AgencyName], exclude: set[str] = frozenset()) -> set[str]:
    out: set[str] = set()
    for name in names:
        kinds = _COLLECTIVE_KINDS.get(name)
        out |= {a.name for a in agencies if a.kind in kinds} if kinds else {name}
    return out - exclude


@dataclass
class Score:
    """The fields compared and the ones found wrong, as "field: expected != actual"."""

    total: int = 0
    wrong: list[str] = field(default_factory=list)

    def check(self, label: str, want, got) -> None:
        self.total += 1
        if want != got:
            self.wrong.append(f"{label}: {want!r} != {got!r}")

    @property
    def right(self) -> int:
        return self.total - len(self.wrong)


def _tree(nodes: list[Node]) -> list[dict]:
    return [{"label": n.label, **({"children": _tree(n.children)} if n.children else {})} for n in nodes]


def _day(value: date | None) -> str | None:
    return f"{value:%d/%m/%Y}" if value else None


def _fold_case(value: str | None) -> str | None:
    return value.casefold() if value else value


def _score_task(score: Score, where: str, want: dict, got: ProposedTask, agencies: list[AgencyName]) -> None:
    score.check(f"{where} text", True, got.text.startswith(want["starts"]))
    lead = _expand(want["lead"], agencies)
    score.check(f"{where} lead", lead, set(got.lead))
    score.check(f"{where} cooperating", _expand(want["cooperating"], agencies, lead), set(got.cooperating))
    deadline = None
    if got.deadline:
        deadline = {"kind": got.deadline.kind, **({"on": _day(got.deadline.on)} if got.deadline.on else {})}
    score.check(f"{where} deadline", want["deadline"], deadline)


def _score_proposal(score: Score, want: dict, got: DirectiveProposal, agencies: list[AgencyName]) -> None:
    header = want["header"]
    for key in ("kind", "number", "issuer", "place"):
        score.check(key, header[key], getattr(got, key))
    score.check("issued_on", header["issued_on"], _day(got.issued_on))
    # A subject set in capitals loses its capitals: compared as words, whatever the case.
    score.check("subject", _fold_case(header["subject"]), _fold_case(got.subject))
    score.check("tree", want["tree"], _tree(got.tree))
    score.check("groups", [g["label"] for g in want["groups"]], [g.label for g in got.groups])
    for wanted, group in zip(want["groups"], got.groups, strict=False):
        score.check(f"{wanted['label']} tasks", len(wanted["tasks"]), len(group.details))
        for index, (task, detail) in enumerate(zip(wanted["tasks"], group.details, strict=False), start=1):
            _score_task(score, f"{wanted['label']}/{index}", task, detail, agencies)
    score.check("cited", sorted(want["cited"]), sorted(c.number for c in got.cited))
    score.check("coordinator", want["coordinator"], got.coordinator)


def score_fixture(name: str, text: str | None = None) -> Score:
    """Parse the fixture (or ``text`` read from its .docx or .pdf) and compare every expected field."""
    want, agencies = expected(name), catalogue()
    score = Score()
    try:
        got = parse_directive_text(text if text is not None else text_of(name), agencies=agencies)
    except DirectiveImportError as error:
        score.check("error", want.get("error"), str(error))
        return score
    score.check("error", want.get("error"), None)
    _score_proposal(score, want, got, agencies)
    return score


PAGE_CHARS = 3000


def long_text(pages: int) -> str:
    """A plan of ``pages`` pages: a header, then numbered items made of the corpus' sentences, wrapped at 75."""
    sentences = [
        line
        for name in fixture_names()
        for line in re.split(r"(?<=[.;])\s+", " ".join(text_of(name).split()))
        if len(line) > 60
    ]
    parts = ["ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM\n\nSố: 99/KH-UBND\n\nKẾ HOẠCH\nTHỬ NGHIỆM ĐỘ DÀI\n\nYêu cầu:"]
    number, size = 0, 0
    while size < pages * PAGE_CHARS:
        number += 1
        body = " ".join(sentences[(number * 3 + k) % len(sentences)] for k in range(3))
        item = textwrap.fill(f"{number}. Giao Sở Y tế chủ trì, phối hợp với Công an tỉnh: {body}", 75)
        parts.append(item)
        size += len(item)
    return "\n\n".join(parts) + "./."
