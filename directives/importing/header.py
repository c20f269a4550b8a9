"""The directive's own metadata (kind, number, issuer, date, subject), read from the lines before item 1."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from .citations import KIND_WORDS, NUMBER, canonical_number, make_date
from .wrapping import is_caps

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
    r"^(?:(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|UBND)\s+(?P<level>"
    + "|".join(lv.upper() for lv in _ADMIN_LEVELS)
    + r")\b\s*(?P<place>.*)$"
)
_UBND_SENTENCE = re.compile(
    r"(?:(?:[Ủủ]y|[Uu]ỷ)\s+ban\s+nhân\s+dân|UBND)\s+(?P<level>"
    + "|".join(_ADMIN_LEVELS)
    + r")\b(?P<place>[^,;.:]{0,40}?)\s+(?:yêu\s+cầu|chỉ\s+thị|chỉ\s+đạo|đề\s+nghị|giao|có\s+ý\s+kiến)\b"
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


_PLACE_LINE = re.compile(r"^(?P<place>[^\W\d][\w .\-–]{1,40}?),\s*ngày\b", re.IGNORECASE)
_BARE_UBND = re.compile(r"^(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN$")
# A heading in capitals may carry the issuer, number and date before the subject:
# "CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG NGÀY 21 THÁNG 6 NĂM 2001 VỀ VIỆC ...".
_HEADING_PARTS = re.compile(
    r"^(?:CỦA\s+(?P<issuer>.+?)(?=\s+(?:SỐ|NGÀY|VỀ)\b|$)\s*)?(?:\bSỐ\s*:?\s*(?P<number>" + NUMBER + r")\s*)?"
    r"(?:\bNGÀY\s+(?P<d>\d{1,2})\s+THÁNG\s+(?P<m>\d{1,2})\s+NĂM\s+(?P<y>\d{4})\s*)?(?P<subject>.*)$"
)
_KNOWN_ISSUERS = {
    "THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ",
    "CHÍNH PHỦ": "Chính phủ",
    "BAN THƯỜNG VỤ TỈNH ỦY": "Ban Thường vụ Tỉnh ủy",
}
_HEADER_NOISE = re.compile(
    r"^(?:CỘNG\s+H(?:ÒA|OÀ)|ĐỘC\s+LẬP|(?:CHỦ\s+TỊCH\s+)?(?:ỦY|UỶ)\s+BAN|UBND|QUYẾT\s+ĐỊNH\s*:?$)"
)


_PROVINCE_IN_ISSUER = re.compile(r"(?:tỉnh|thành phố)\s+(?P<name>.+)$")


def _sentence_case(words: str, meta: "Metadata") -> str:
    """A subject written in capitals, in the sentence case the app shows, with its place names kept."""
    text = words[:1] + words[1:].lower()
    province = _PROVINCE_IN_ISSUER.search(meta.issuer or "")
    for name in filter(None, [meta.place, province.group("name") if province else None]):
        text = text.replace(name.lower(), name)
    return text


def _issuer_in_capitals(words: str) -> str:
    return _KNOWN_ISSUERS.get(words, words[:1] + words[1:].lower())


@dataclass
class Metadata:
    kind: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued_on: date | None = None
    subject: str | None = None
    date_from_lead: bool = False
    place: str | None = None
    bare_committee: bool = False


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
    _complete_issuer(meta)
    if meta.issuer is None:
        meta.issuer = _issuer_from_sentence(preamble)
    if meta.issued_on is None:
        meta.issued_on = _date_from_lead(preamble)
        meta.date_from_lead = meta.issued_on is not None
    return meta


def _read_heading(meta: Metadata, paragraph: str, following: str | None) -> bool:
    """Read a type heading ("CHỈ THỊ", "KẾ HOẠCH Về việc ...") and the subject it carries or heads."""
    heading = _HEADING.match(paragraph)
    if not (heading and is_caps(paragraph)):
        return False
    meta.kind = _HEADING_KINDS[heading.group("kind")]
    parts = _HEADING_PARTS.match(heading.group("rest").strip(" :"))
    assert parts is not None  # every part of the pattern is optional
    if parts.group("issuer") and meta.issuer is None:
        meta.issuer = _issuer_in_capitals(parts.group("issuer"))
    if parts.group("number") and meta.number is None:
        meta.number = canonical_number(parts.group("number"))
    if parts.group("d") and meta.issued_on is None:
        meta.issued_on = make_date(parts.group("d"), parts.group("m"), parts.group("y"))
    rest = parts.group("subject").strip(" :")
    if rest:
        meta.subject = _sentence_case(rest, meta)
    elif following is not None and _SUBJECT.match(following):
        meta.subject = _subject_text(following)
    elif following is not None and _is_caps_subject(following):
        meta.subject = _sentence_case(following, meta)
    return True


def _complete_issuer(meta: Metadata) -> None:
    """Give the issuer its province where the header left it out but the place line names it."""
    if meta.issuer is None and meta.bare_committee and meta.place:
        meta.issuer = f"Ủy ban nhân dân tỉnh {meta.place}"
    elif meta.issuer in ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân thành phố") and meta.place:
        meta.issuer = f"{meta.issuer} {meta.place}"


def _read_header_line(meta: Metadata, paragraph: str) -> None:
    """Fill what is still missing from one header line: "Số: ...", the long date, the issuer, "V/v ..."."""
    own = _OWN_NUMBER.match(paragraph)
    if meta.number is None and own:
        meta.number = canonical_number(own.group("number"))
    long_date = _LONG_DATE.search(paragraph)
    if meta.issued_on is None and long_date and len(paragraph) < 200:
        meta.issued_on = make_date(*long_date.groups())
    place = _PLACE_LINE.match(paragraph)
    if meta.place is None and place and long_date:
        meta.place = place.group("place").strip()
    meta.bare_committee = meta.bare_committee or bool(_BARE_UBND.match(paragraph))
    if meta.subject is None and meta.kind is None and _is_caps_subject(paragraph):
        # A header whose type line was lost: the long line in capitals after it is the subject.
        meta.subject = _sentence_case(paragraph, meta)
    ubnd = _UBND_HEADER.match(paragraph)
    if meta.issuer is None and ubnd:
        # The rule under the issuing body, read by OCR as a dash at the end of its line, is not part of it.
        place = _title_case(ubnd.group("place").rstrip(" -–—_"))
        meta.issuer = " ".join(filter(None, ["Ủy ban nhân dân", ubnd.group("level").lower(), place]))
    if (
        meta.subject is None
        and meta.kind is None
        and _SUBJECT.match(paragraph)
        and paragraph.startswith(("V/v", "v/v"))
    ):
        # A công văn has no type heading: its subject is the "V/v ..." line.
        meta.subject = _subject_text(paragraph)


def _is_caps_subject(paragraph: str) -> bool:
    return is_caps(paragraph) and len(paragraph.split()) >= 6 and not _HEADER_NOISE.match(paragraph)


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
        return "Về việc " + match.group("rest").strip().rstrip(".")
    return paragraph.strip().rstrip(".")


_PARTY_SENTENCE = re.compile(
    r"\b(?P<issuer>Ban Thường vụ Tỉnh ủy|Ban Chấp hành Đảng bộ tỉnh|Thường trực Tỉnh ủy)\s+(?:đã\s+)?ban\s+hành\b"
)


def _issuer_from_sentence(preamble: list[str]) -> str | None:
    for paragraph in reversed(preamble):
        party = _PARTY_SENTENCE.search(paragraph)
        if party:
            return party.group("issuer")
    return _committee_from_sentence(preamble)


def _committee_from_sentence(preamble: list[str]) -> str | None:
    # The sentence that introduces the list ("Chủ tịch UBND tỉnh yêu cầu ...") sits
    # right before item 1, so the last match is the one that issues the items.
    for paragraph in reversed(preamble):
        for match in reversed(list(_UBND_SENTENCE.finditer(paragraph))):
            place = match.group("place").strip()
            if place and not all(word[:1].isupper() for word in place.split()):
                continue
            return " ".join(filter(None, ["Ủy ban nhân dân", match.group("level"), place]))
    return None
