"""The directive's own metadata (kind, number, issuer, date, subject), read from the lines before item 1."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from .citations import KIND_WORDS, NUMBER, canonical_number, make_date

_HEADING_KINDS = {word.upper(): kind for word, kind in KIND_WORDS}
_HEADING = re.compile(
    r"^(?P<kind>"
    + "|".join(re.escape(w) for w in sorted(_HEADING_KINDS, key=len, reverse=True))
    + r")\b\s*(?P<rest>.*)$"
)
_OWN_NUMBER = re.compile(r"^Số\s*:?\s*(?P<number>" + NUMBER + r")", re.IGNORECASE)
_LONG_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_LEAD_DATE = re.compile(r"^Ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_SUBJECT = re.compile(r"^(?:V/v|Về)\b\s*(?P<rest>.*)$", re.IGNORECASE)
_CODE_KINDS = {
    "nq": "resolution",
    "kl": "conclusion",
    "ct": "directive",
    "ctr": "action_program",
    "kh": "plan",
    "qđ": "decision",
    "nđ": "decree",
    "đa": "scheme",
}
_ADMIN_LEVELS = (
    "tỉnh",
    "thành phố",
    "huyện",
    "quận",
    "thị xã",
    "xã",
    "phường",
    "thị trấn",
)
_UBND_HEADER = re.compile(
    r"^(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN\s+(?P<level>"
    + "|".join(lv.upper() for lv in _ADMIN_LEVELS)
    + r")\b\s*(?P<place>.*)$"
)
_UBND_SENTENCE = re.compile(
    r"(?:[Ủủ]y|[Uu]ỷ)\s+ban\s+nhân\s+dân\s+(?P<level>"
    + "|".join(_ADMIN_LEVELS)
    + r")\b(?P<place>[^,;.:]{0,40}?)\s+(?:yêu\s+cầu|chỉ\s+thị|chỉ\s+đạo|đề\s+nghị|giao)\b"
)
# Only the first lines of a formal directive carry its header (issuer, number, date,
# type, subject); looking further would pick up dates from the body.
_HEADER_SCAN = 12


def _kind_from_number(number: str) -> str | None:
    for token in re.findall(r"[A-Za-zĐđ]+", number):
        kind = _CODE_KINDS.get(token.casefold())
        if kind:
            return kind
    return None


def _title_case(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in words.split())


@dataclass
class Metadata:
    kind: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued_on: date | None = None
    subject: str | None = None
    date_from_lead: bool = False


def read_metadata(preamble: list[str]) -> Metadata:
    meta = Metadata()
    header = preamble[:_HEADER_SCAN]
    for index, paragraph in enumerate(header):
        following = header[index + 1] if index + 1 < len(header) else None
        if meta.kind is None and _read_heading(meta, paragraph, following):
            continue
        _read_header_line(meta, paragraph)
    if meta.kind is None and meta.number:
        meta.kind = _kind_from_number(meta.number)
    if meta.issuer is None:
        meta.issuer = _issuer_from_sentence(preamble)
    if meta.issued_on is None:
        meta.issued_on = _date_from_lead(preamble)
        meta.date_from_lead = meta.issued_on is not None
    return meta


def _read_heading(meta: Metadata, paragraph: str, following: str | None) -> bool:
    """Read a type heading ("CHỈ THỊ", "KẾ HOẠCH Về việc ...") and the subject it carries or heads."""
    heading = _HEADING.match(paragraph)
    if not (heading and paragraph.isupper()):
        return False
    meta.kind = _HEADING_KINDS[heading.group("kind")]
    rest = heading.group("rest").strip(" :")
    if rest:
        meta.subject = rest[0] + rest[1:].lower()
    elif following is not None and _SUBJECT.match(following):
        meta.subject = _subject_text(following)
    return True


def _read_header_line(meta: Metadata, paragraph: str) -> None:
    """Fill what is still missing from one header line: "Số: ...", the long date, the issuer, "V/v ..."."""
    own = _OWN_NUMBER.match(paragraph)
    if meta.number is None and own:
        meta.number = canonical_number(own.group("number"))
    long_date = _LONG_DATE.search(paragraph)
    if meta.issued_on is None and long_date and len(paragraph) < 200:
        meta.issued_on = make_date(*long_date.groups())
    ubnd = _UBND_HEADER.match(paragraph)
    if meta.issuer is None and ubnd:
        place = _title_case(ubnd.group("place"))
        meta.issuer = " ".join(filter(None, ["Ủy ban nhân dân", ubnd.group("level").lower(), place]))
    if (
        meta.subject is None
        and meta.kind is None
        and _SUBJECT.match(paragraph)
        and paragraph.startswith(("V/v", "v/v"))
    ):
        # A công văn has no type heading: its subject is the "V/v ..." line.
        meta.subject = _subject_text(paragraph)


def _date_from_lead(preamble: list[str]) -> date | None:
    # Only the first "Ngày 17/9/2019, ..." opening counts, even when its date is invalid.
    for paragraph in preamble:
        lead = _LEAD_DATE.match(paragraph)
        if lead:
            return make_date(*lead.groups())
    return None


def metadata_warnings(meta: Metadata) -> list[str]:
    """What the reviewer has to fill in or check because the header did not say it plainly."""
    warnings: list[str] = []
    if meta.kind is None:
        warnings.append(
            _("The document type (directive, plan, ...) could not be determined; the reviewer must choose it.")
        )
    if meta.number is None:
        warnings.append(
            _("The document's number and code (the line “Số: ...”) were not found; the reviewer must fill them in.")
        )
    if meta.issued_on is None:
        warnings.append(_("The date of issue was not found; the reviewer must fill it in."))
    elif meta.date_from_lead:
        warnings.append(
            _(
                "The date of issue %(date)s was taken from the opening sentence “Ngày ...”; it may be the date of "
                "a cited document, the reviewer must check it."
            )
            % {"date": f"{meta.issued_on:%d/%m/%Y}"}
        )
    if meta.subject is None:
        warnings.append(_("The subject line (“Về việc ...”) was not found; the reviewer must fill it in."))
    if meta.issuer is None:
        warnings.append(_("The issuing body could not be determined; the reviewer must fill it in."))
    return warnings


def _subject_text(paragraph: str) -> str:
    match = _SUBJECT.match(paragraph)
    assert match is not None
    if paragraph[:3].casefold() == "v/v":
        return "Về việc " + match.group("rest").strip()
    return paragraph.strip()


def _issuer_from_sentence(preamble: list[str]) -> str | None:
    # The sentence that introduces the list ("Chủ tịch UBND tỉnh yêu cầu ...") sits
    # right before item 1, so the last match is the one that issues the items.
    for paragraph in reversed(preamble):
        for match in reversed(list(_UBND_SENTENCE.finditer(paragraph))):
            place = match.group("place").strip()
            if place and not all(word[:1].isupper() for word in place.split()):
                continue
            return " ".join(filter(None, ["Ủy ban nhân dân", match.group("level"), place]))
    return None
