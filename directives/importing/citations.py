"""Document references: kinds, numbers and dates as Vietnamese texts write them, and the documents a text cites."""

import re
from dataclasses import dataclass
from datetime import date

from .text import collapse_spaces, normalize_text


@dataclass
class CitedDocument:
    kind: str
    number: str
    issued_on: date | None
    title: str


KIND_WORDS: tuple[tuple[str, str], ...] = (
    # Longest phrase first so "Chương trình hành động" is not read as something shorter.
    ("Chương trình hành động", "action_program"),
    ("Chương trình", "action_program"),
    ("Nghị quyết", "resolution"),
    ("Kết luận", "conclusion"),
    ("Chỉ thị", "directive"),
    ("Kế hoạch", "plan"),
    ("Quyết định", "decision"),
    ("Nghị định", "decree"),
    ("Công văn", "official_letter"),
    ("Đề án", "scheme"),
)
_KIND_BY_WORD = {word.casefold(): kind for word, kind in KIND_WORDS}

# A document number always carries a type/issuer code after "-" or "/"; requiring it
# keeps "Kế hoạch số 5" or "Nghị quyết Trung ương 8" from being read as citations.
NUMBER = r"\d{1,5}(?:/\d{4})?[/-][A-Za-zĐđÐð][\wĐđÐð]*(?:[/.-][A-Za-zĐđÐð][\wĐđÐð]*)*"


def make_date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


# Optional " ngày 17/9/2019" or " ngày 17 tháng 9 năm 2019" right after a number;
# [ \t] rather than \s so a match never runs across a line break.
_DATE_TAIL = (
    r"(?:[ \t]+ngày[ \t]+(?:"
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"|(?P<ld>\d{1,2})[ \t]+tháng[ \t]+(?P<lm>\d{1,2})[ \t]+năm[ \t]+(?P<ly>\d{4})"
    r"))?"
)


def _date_from_match(match: re.Match[str]) -> date | None:
    if match.group("d"):
        return make_date(match.group("d"), match.group("m"), match.group("y"))
    if match.group("ld"):
        return make_date(match.group("ld"), match.group("lm"), match.group("ly"))
    return None


# A hard wrap may fall inside the citation ("Kết luận số" / "249-KL/TU ngày ..."): one line break is
# allowed inside the kind's words, before a lower-case "số" and after it, never before "Số:" (a header).
_SOFT = r"(?:[ \t]+\n?|\n)[ \t]*"
_CITATION = re.compile(
    r"(?<!\w)(?P<kind>(?i:"
    + "|".join(re.escape(word).replace(r"\ ", _SOFT) for word, _ in KIND_WORDS)
    + r"))(?:[ \t]+(?i:số)[ \t]*:?|"
    + _SOFT
    + r"số[ \t]*:?)?"
    + _SOFT
    + r"(?P<number>"
    + NUMBER
    + r")"
    + _DATE_TAIL
)


# Codes whose usual spelling is not all capitals, as a heading in capitals writes them.
_CODE_SPELLING = {"TTG": "TTg", "CTR": "CTr"}
_CODE = re.compile(r"[A-Za-zĐđ]+")


def canonical_number(raw: str) -> str:
    # "Ð" (U+00D0, Icelandic eth) is a common stand-in for "Đ" in legacy fonts.
    raw = raw.replace("Ð", "Đ").replace("ð", "đ").strip("-/")
    return _CODE.sub(lambda m: _CODE_SPELLING.get(m.group(0), m.group(0)), raw)


def detect_cited_documents(text: str) -> list[CitedDocument]:
    """Return the documents cited in ``text``, deduplicated by (kind, number)."""
    text = normalize_text(text)
    found: dict[tuple[str, str], CitedDocument] = {}
    for match in _CITATION.finditer(text):
        kind = _KIND_BY_WORD[collapse_spaces(match.group("kind")).casefold()]
        number = canonical_number(match.group("number"))
        issued_on = _date_from_match(match)
        title = collapse_spaces(match.group(0))
        title = title[0].upper() + title[1:]
        existing = found.get((kind, number))
        if existing is None:
            found[(kind, number)] = CitedDocument(kind, number, issued_on, title)
        elif existing.issued_on is None and issued_on is not None:
            # The first mention often omits the date; the dated mention is the one a
            # reviewer can verify, so it replaces the title too.
            existing.issued_on = issued_on
            existing.title = title
    return list(found.values())
