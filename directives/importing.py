"""Parse a Vietnamese directive (văn bản chỉ đạo) into a proposal for review."""

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

MAX_TEXT_CHARS = 500_000
MAX_DOCX_BYTES = 10 * 1024 * 1024
# A .docx is a zip: a tiny upload can inflate to gigabytes, so the unpacked size is
# capped relative to the upload limit before python-docx reads it into memory.
_MAX_DOCX_INFLATION = 10

MSG_EMPTY = "Văn bản trống: không có nội dung để nhập."
MSG_NO_ITEMS = "Không tìm thấy mục đánh số nào (1., 2., ... hoặc I., II., ...) trong văn bản."
MSG_TOO_LONG = "Văn bản quá dài ({size} ký tự); giới hạn là {limit} ký tự."
MSG_DOCX_TOO_LARGE = "Tệp .docx quá lớn ({size} byte); giới hạn là {limit} byte."
MSG_DOCX_CORRUPT = (
    "Tệp không phải định dạng Word .docx hợp lệ (có thể là tệp .doc cũ hoặc tệp bị "
    "hỏng). Hãy mở bằng Word, lưu lại dưới dạng .docx rồi thử lại."
)
MSG_DOCX_BOMB = "Tệp .docx khi giải nén quá lớn; tệp có thể bị hỏng."


def _vn_int(value: int) -> str:
    # Vietnamese groups thousands with "." (500.000), not ",".
    return f"{value:,}".replace(",", ".")


def _too_long(size: int) -> str:
    return MSG_TOO_LONG.format(size=_vn_int(size), limit=_vn_int(MAX_TEXT_CHARS))


class DirectiveImportError(ValueError):
    """Raised with a Vietnamese message that can be shown to the user as is."""


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


@dataclass
class CitedDocument:
    kind: str
    number: str
    issued_on: date | None
    title: str


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


# --------------------------------------------------------------------------- text


_BLANK_RUNS = re.compile(r"\n{3,}")
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u00ad\u2060"))
_SPACE_LIKE = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u3000"), " ")


def normalize_text(text: str) -> str:
    """Return ``text`` in the single form the parser and tests compare on."""
    # Word and PDF exports mix composed and decomposed accents; NFC makes "ệ" one
    # code point so regexes and equality work the same for both.
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE).translate(_SPACE_LIKE)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip()


_SUB_MARKER = re.compile(r"^[a-zđ]\)")
_SENTENCE_END = re.compile(r"[.:;!?”\"…)]$")


def _paragraphs(text: str) -> list[str]:
    # A blank line (what read_docx_text emits between Word paragraphs) is a hard
    # boundary; a single newline may be a hard wrap from a PDF or an e-mail.
    paragraphs: list[str] = []
    for block in text.split("\n\n"):
        current = ""
        for raw in block.split("\n"):
            line = re.sub(r"[ \t]+", " ", raw).strip()
            if not line:
                continue
            # A line that stops mid-sentence followed by a lowercase word is a hard
            # wrap, not a new paragraph; splitting there would cut a task in half.
            if current and not _SENTENCE_END.search(current) and line[0].islower() and not _SUB_MARKER.match(line):
                current = f"{current} {line}"
                continue
            if current:
                paragraphs.append(current)
            current = line
        if current:
            paragraphs.append(current)
    return paragraphs


# ---------------------------------------------------------------------- folding


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in "đĐðÐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    lowered = base.lower()
    # One output char per input char keeps match offsets valid in the original.
    return lowered if len(lowered) == 1 else char


def _fold(text: str) -> str:
    return "".join(_fold_char(c) for c in text)


# ---------------------------------------------------------------------- markers

_MARKER = re.compile(r"^(?P<num>\d{1,3}|[IVXLC]{1,7})(?P<delim>[.)])(?:\s+|$)")
_ROMAN_VALUES = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _to_roman(value: int) -> str:
    out = []
    for amount, symbol in _ROMAN_VALUES:
        count, value = divmod(value, amount)
        out.append(symbol * count)
    return "".join(out)


@lru_cache(maxsize=64)
def _from_roman(symbols: str) -> int | None:
    for value in range(1, 200):
        if _to_roman(value) == symbols:
            return value
    return None


@dataclass(frozen=True)
class _Marker:
    number: int
    scheme: tuple[str, str]  # ("arabic"|"roman", delimiter)
    rest: str


def _parse_marker(paragraph: str) -> _Marker | None:
    match = _MARKER.match(paragraph)
    if not match:
        return None
    raw = match.group("num")
    if raw.isdigit():
        number, style = int(raw), "arabic"
    else:
        roman = _from_roman(raw)
        if roman is None:
            return None
        number, style = roman, "roman"
    return _Marker(number, (style, match.group("delim")), paragraph[match.end() :].strip())


# ------------------------------------------------------------------------ dates


def _make_date(day: str, month: str, year: str) -> date | None:
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
        return _make_date(match.group("d"), match.group("m"), match.group("y"))
    if match.group("ld"):
        return _make_date(match.group("ld"), match.group("lm"), match.group("ly"))
    return None


# ------------------------------------------------------------- cited documents

_KIND_WORDS: tuple[tuple[str, str], ...] = (
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
_KIND_BY_WORD = {word.casefold(): kind for word, kind in _KIND_WORDS}

# A document number always carries a type/issuer code after "-" or "/"; requiring it
# keeps "Kế hoạch số 5" or "Nghị quyết Trung ương 8" from being read as citations.
_NUMBER = r"\d{1,5}(?:/\d{4})?[/-][A-Za-zĐđÐð][\wĐđÐð]*(?:[/-][A-Za-zĐđÐð][\wĐđÐð]*)*"
_CITATION = re.compile(
    r"(?<!\w)(?P<kind>(?i:"
    + "|".join(re.escape(word).replace(r"\ ", r"[ \t]+") for word, _ in _KIND_WORDS)
    + r"))[ \t]+(?:(?i:số)[ \t]*:?[ \t]*)?(?P<number>"
    + _NUMBER
    + r")"
    + _DATE_TAIL
)


def _canonical_number(raw: str) -> str:
    # "Ð" (U+00D0, Icelandic eth) is a common stand-in for "Đ" in legacy fonts.
    return raw.replace("Ð", "Đ").replace("ð", "đ").strip("-/")


def detect_cited_documents(text: str) -> list[CitedDocument]:
    """Return the documents cited in ``text``, deduplicated by (kind, number)."""
    text = normalize_text(text)
    found: dict[tuple[str, str], CitedDocument] = {}
    for match in _CITATION.finditer(text):
        kind = _KIND_BY_WORD[re.sub(r"[ \t]+", " ", match.group("kind")).casefold()]
        number = _canonical_number(match.group("number"))
        issued_on = _date_from_match(match)
        title = re.sub(r"[ \t]+", " ", match.group(0))
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


# --------------------------------------------------------------------- metadata

_HEADING_KINDS = {word.upper(): kind for word, kind in _KIND_WORDS}
_HEADING_KINDS["CÔNG VĂN"] = "official_letter"
_HEADING = re.compile(
    r"^(?P<kind>"
    + "|".join(re.escape(w) for w in sorted(_HEADING_KINDS, key=len, reverse=True))
    + r")\b\s*(?P<rest>.*)$"
)
_OWN_NUMBER = re.compile(r"^Số\s*:?\s*(?P<number>" + _NUMBER + r")", re.IGNORECASE)
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
class _Metadata:
    kind: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued_on: date | None = None
    subject: str | None = None
    date_from_lead: bool = False


def _read_metadata(preamble: list[str]) -> _Metadata:
    meta = _Metadata()
    header = preamble[:_HEADER_SCAN]
    for index, paragraph in enumerate(header):
        heading = _HEADING.match(paragraph)
        if meta.kind is None and heading and paragraph.isupper():
            meta.kind = _HEADING_KINDS[heading.group("kind")]
            rest = heading.group("rest").strip(" :")
            if rest:
                meta.subject = rest[0] + rest[1:].lower()
            elif index + 1 < len(header) and _SUBJECT.match(header[index + 1]):
                meta.subject = _subject_text(header[index + 1])
            continue
        own = _OWN_NUMBER.match(paragraph)
        if meta.number is None and own:
            meta.number = _canonical_number(own.group("number"))
        long_date = _LONG_DATE.search(paragraph)
        if meta.issued_on is None and long_date and len(paragraph) < 200:
            meta.issued_on = _make_date(*long_date.groups())
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
    if meta.kind is None and meta.number:
        meta.kind = _kind_from_number(meta.number)
    if meta.issuer is None:
        meta.issuer = _issuer_from_sentence(preamble)
    if meta.issued_on is None:
        for paragraph in preamble:
            lead = _LEAD_DATE.match(paragraph)
            if lead:
                meta.issued_on = _make_date(*lead.groups())
                meta.date_from_lead = meta.issued_on is not None
                break
    return meta


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


# --------------------------------------------------------------------- tasks

_ABBREVIATIONS = frozenset(
    {
        "tp",
        "tx",
        "tt",
        "q",
        "p",
        "kt",
        "tm",
        "tl",
        "ths",
        "ts",
        "pgs",
        "gs",
        "bs",
        "ks",
        "v.v",
        "st",
    }
)
_SPLIT_POINT = re.compile(r"[.!?…][\"”’)]*\s+(?=[“\"]?(\w))")
# Sub-item labels inside a group ("a)", "1.", "1.2.", "-") are layout, not task text,
# and a label like "1." would otherwise look like a one-word sentence.
_LEADING_LABEL = re.compile(r"^(?:[-+•*–—]\s+|[a-zđ][.)]\s+|\d{1,2}(?:\.\d{1,2})*[.)]\s+|[IVXLC]{1,7}[.)]\s+)")


def _split_sentences(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = scanned = 0
    # Quote balance since the current sentence start, kept incrementally so a
    # 500 000-character paragraph is not rescanned at every candidate split.
    opened = closed = straight = 0
    for match in _SPLIT_POINT.finditer(paragraph):
        span = paragraph[scanned : match.start()]
        opened += span.count("“")
        closed += span.count("”")
        straight += span.count('"')
        scanned = match.start()
        if not match.group(1).isupper():
            continue
        words = paragraph[start : match.start()].split()
        # "TP. Hòa Bình" ends in a period that is not a sentence end.
        if words and words[-1].casefold() in _ABBREVIATIONS:
            continue
        # A quoted slogan such as “Toàn dân đoàn kết. Xây dựng ...” is one unit.
        if opened > closed or straight % 2 == 1:
            continue
        sentences.append(paragraph[start : match.end()].strip())
        start = scanned = match.end()
        opened = closed = straight = 0
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


def _clean_task(sentence: str) -> str:
    sentence = sentence.strip()
    sentence = re.sub(r"\s*\.?/\.$", ".", sentence)
    sentence = sentence.rstrip(" ,;:")
    if not re.search(r"(?:[.!?…]|[.!?][”\"’)])$", sentence):
        sentence += "."
    return sentence[:1].upper() + sentence[1:]


def _is_heading(paragraph: str) -> bool:
    letters = [c for c in paragraph if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _split_tasks(paragraphs: list[str]) -> list[str]:
    tasks: list[str] = []
    for paragraph in paragraphs:
        # An all-caps line such as "II. NHIỆM VỤ" names a section, it is not a task.
        if _is_heading(paragraph) and len(paragraphs) > 1:
            continue
        tasks.extend(_clean_task(s) for s in _split_sentences(_LEADING_LABEL.sub("", paragraph)) if s.strip(" ./"))
    return [t for t in tasks if t.strip(". ")]


# ------------------------------------------------------------------- agencies


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    name: str


@lru_cache(maxsize=512)
def _alias_pattern(alias: str) -> re.Pattern[str] | None:
    words = _fold(alias).split()
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")


def _find_mentions(text: str, agencies: Sequence[AgencyName]) -> list[_Mention]:
    folded = _fold(text)
    candidates: list[_Mention] = []
    for agency in agencies:
        spellings = [(agency.name, False), *((alias, alias[:1].isupper()) for alias in agency.aliases)]
        for alias, proper in spellings:
            pattern = _alias_pattern(alias)
            if pattern is None:
                continue
            candidates.extend(
                _Mention(m.start(), m.end(), agency.name)
                for m in pattern.finditer(folded)
                if not proper or text[m.start()].isupper()
            )
    # Longest match wins where names overlap, so "Ủy ban nhân dân tỉnh" inside
    # "Chủ tịch Ủy ban nhân dân tỉnh" or a short alias inside a longer name of
    # another agency is attributed to the more specific one.
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[_Mention] = []
    for mention in candidates:
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    return chosen


def _unique_names(mentions: list[_Mention]) -> list[str]:
    return list(dict.fromkeys(m.name for m in mentions))


_COORDINATION = ("đôn đốc", "theo dõi", "tổng hợp")


def _find_coordinator(groups: list[ProposedGroup], agencies: Sequence[AgencyName]) -> str | None:
    primary: str | None = None
    fallback: str | None = None
    for group in groups:
        for sentence in (s for p in group.text.split("\n\n") for s in _split_sentences(p)):
            lowered = sentence.casefold()
            is_primary = "chủ trì" in lowered and any(k in lowered for k in _COORDINATION)
            is_fallback = "tổng hợp" in lowered and "báo cáo" in lowered
            if not (is_primary or is_fallback):
                continue
            mentions = _find_mentions(sentence, agencies)
            if not mentions:
                continue
            anchor = lowered.find("chủ trì") if is_primary else lowered.find("tổng hợp")
            before = [m for m in mentions if m.start < anchor]
            # The agency assigned the lead role is named just before "chủ trì"
            # ("Giao Bộ Chỉ huy quân sự tỉnh chủ trì ..."); agencies after it are
            # usually recipients of the report.
            name = before[-1].name if before else mentions[0].name
            # Coordination clauses close the directive, so a later match wins.
            if is_primary:
                primary = name
            else:
                fallback = name
    return primary or fallback


# --------------------------------------------------------------------- parser

_TERMINATOR = re.compile(r"/\.\s*$")
_TRAILERS = re.compile(
    r"^(?:Nơi nhận\s*:|Newer news items|Older news items|Written by\b|Tin mới hơn|Tin cũ hơn|"
    r"Các tin khác|Tin liên quan|TM\.\s|KT\.\s|TL\.\s|Q\.\s*CHỦ TỊCH|(?:PHÓ )?CHỦ TỊCH$)"
)


def _split_items(paragraphs: list[str], warnings: list[str]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    preamble: list[str] = []
    items: list[tuple[int, list[str]]] = []
    scheme: tuple[str, str] | None = None
    terminated = False
    for index, paragraph in enumerate(paragraphs):
        marker = _parse_marker(paragraph)
        expected = len(items) + 1
        if marker and marker.number == expected and (scheme is None or marker.scheme == scheme):
            scheme = marker.scheme
            items.append((marker.number, [marker.rest] if marker.rest else []))
        elif not items:
            preamble.append(paragraph)
            continue
        else:
            if _TRAILERS.match(paragraph):
                warnings.append(
                    f"Không thấy dấu kết thúc “./.”; đã dừng mục {len(items)} tại dòng "
                    f"“{paragraph[:40]}”. Hãy kiểm tra phần cuối văn bản."
                )
                terminated = True
                break
            if marker and marker.scheme == scheme and 1 < marker.number < 100 and marker.number != expected:
                warnings.append(
                    f"Đoạn bắt đầu bằng “{paragraph[:12]}” không đúng thứ tự (đang chờ mục "
                    f"{expected}); đã gộp vào mục {len(items)}."
                )
            items[-1][1].append(paragraph)
        if _TERMINATOR.search(paragraph):
            terminated = True
            ignored = len(paragraphs) - index - 1
            if ignored:
                warnings.append(
                    f"Đã bỏ qua {ignored} đoạn sau dấu kết thúc văn bản “./.” (nơi nhận, chữ ký hoặc chân trang web)."
                )
            break
    if items and not terminated:
        warnings.append("Không thấy dấu kết thúc văn bản “./.”; hãy kiểm tra mục cuối có lẫn nội dung khác không.")
    return preamble, items


def parse_directive_text(text: str, *, agencies: Sequence[AgencyName] = ()) -> DirectiveProposal:
    """Split a directive into preamble, numbered groups and tasks, and read its metadata."""
    # The raw check is a cheap guard before normalising; the real limit applies to
    # the NFC text so NFD and NFC copies of one document are treated alike.
    if len(text) > 2 * MAX_TEXT_CHARS:
        raise DirectiveImportError(_too_long(len(text)))
    text = normalize_text(text)
    if len(text) > MAX_TEXT_CHARS:
        raise DirectiveImportError(_too_long(len(text)))
    if not text:
        raise DirectiveImportError(MSG_EMPTY)
    warnings: list[str] = []
    preamble, items = _split_items(_paragraphs(text), warnings)
    if not items:
        raise DirectiveImportError(MSG_NO_ITEMS)

    groups: list[ProposedGroup] = []
    for number, item_paragraphs in items:
        item_paragraphs = [re.sub(r"\s*\.?/\.$", ".", p) for p in item_paragraphs]
        item_text = "\n\n".join(item_paragraphs)
        groups.append(
            ProposedGroup(
                number=number,
                text=item_text,
                tasks=_split_tasks(item_paragraphs),
                agencies=_unique_names(_find_mentions(item_text, agencies)),
            )
        )

    meta = _read_metadata(preamble)
    body = "\n\n".join([*preamble, *(g.text for g in groups)])
    cited = [c for c in detect_cited_documents(body) if c.number != meta.number]
    coordinator = _find_coordinator(groups, agencies) if agencies else None

    if meta.kind is None:
        warnings.append("Không xác định được loại văn bản (chỉ thị, kế hoạch, ...); người duyệt cần chọn.")
    if meta.number is None:
        warnings.append("Không tìm thấy số, ký hiệu của văn bản (dòng “Số: ...”); người duyệt cần điền.")
    if meta.issued_on is None:
        warnings.append("Không tìm thấy ngày ban hành; người duyệt cần điền.")
    elif meta.date_from_lead:
        warnings.append(
            f"Ngày ban hành {meta.issued_on:%d/%m/%Y} được lấy từ câu mở đầu “Ngày ...”; đó có thể là "
            "ngày của văn bản được trích dẫn, người duyệt cần kiểm tra lại."
        )
    if meta.subject is None:
        warnings.append("Không tìm thấy trích yếu (“Về việc ...”); người duyệt cần điền.")
    if meta.issuer is None:
        warnings.append("Không xác định được cơ quan ban hành; người duyệt cần điền.")
    if agencies:
        if coordinator is None:
            warnings.append("Không xác định được cơ quan chủ trì, theo dõi, tổng hợp; người duyệt cần chọn.")
        for group in groups:
            if not group.agencies:
                warnings.append(
                    f"Mục {group.number}: không nhận diện được cơ quan nào trong danh mục; "
                    "người duyệt cần chỉ định cơ quan thực hiện."
                )

    return DirectiveProposal(
        kind=meta.kind,
        number=meta.number,
        issuer=meta.issuer,
        issued_on=meta.issued_on,
        subject=meta.subject,
        preamble="\n\n".join(preamble),
        groups=groups,
        cited=cited,
        coordinator=coordinator,
        warnings=warnings,
    )


# ----------------------------------------------------------------------- docx

# python-docx hands out lxml elements whose oxml subclasses carry no type stubs.
_Element = Any


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _val(element: _Element | None, tag: str) -> str | None:
    if element is None:
        return None
    child = element.find(_w(tag))
    return None if child is None else child.get(_w("val"))


def _format_number(value: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _to_roman(value)
    if fmt == "lowerRoman":
        return _to_roman(value).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


class _Numbering:
    """Replays Word list counters so auto-numbered paragraphs get their visible label."""

    def __init__(self, document: _Element) -> None:
        self._levels: dict[tuple[str, int], tuple[int, str, str]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._style_numpr: dict[str, tuple[str | None, str | None]] = {}
        self._style_base: dict[str, str | None] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            self._load(numbering)
        self._load_styles(document)

    def _load(self, numbering: _Element) -> None:
        abstracts = {a.get(_w("abstractNumId")): a for a in numbering.findall(_w("abstractNum"))}
        for num in numbering.findall(_w("num")):
            num_id = num.get(_w("numId"))
            abstract = abstracts.get(_val(num, "abstractNumId"))
            if abstract is None:
                continue
            for lvl in abstract.findall(_w("lvl")):
                ilvl = int(lvl.get(_w("ilvl"), "0"))
                start = int(_val(lvl, "start") or "1")
                self._levels[(num_id, ilvl)] = (
                    start,
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                )
            for override in num.findall(_w("lvlOverride")):
                ilvl = int(override.get(_w("ilvl"), "0"))
                start_override = _val(override, "startOverride")
                if start_override is not None and (num_id, ilvl) in self._levels:
                    _, fmt, text = self._levels[(num_id, ilvl)]
                    self._levels[(num_id, ilvl)] = (int(start_override), fmt, text)

    def _load_styles(self, document: _Element) -> None:
        for style in document.styles:
            element = style.element
            style_id = element.get(_w("styleId"))
            self._style_base[style_id] = _val(element, "basedOn")
            numpr = element.find(f"{_w('pPr')}/{_w('numPr')}")
            if numpr is not None:
                self._style_numpr[style_id] = (_val(numpr, "numId"), _val(numpr, "ilvl"))

    def _from_style(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self._style_numpr:
                return self._style_numpr[style_id]
            style_id = self._style_base.get(style_id)
        return None, None

    def label(self, paragraph: _Element) -> str:
        ppr = paragraph.find(_w("pPr"))
        style_id = _val(ppr, "pStyle")
        num_id, ilvl = self._from_style(style_id)
        direct = None if ppr is None else ppr.find(_w("numPr"))
        if direct is not None:
            num_id = _val(direct, "numId") or num_id
            ilvl = _val(direct, "ilvl") or ilvl
        # numId 0 is Word's way of switching off numbering inherited from a style.
        if not num_id or num_id == "0":
            return ""
        level = int(ilvl or "0")
        if (num_id, level) not in self._levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        start = self._levels[(num_id, level)][0]
        counters[level] = counters[level] + 1 if level in counters else start
        for deeper in [lv for lv in counters if lv > level]:
            del counters[deeper]
        _, fmt, template = self._levels[(num_id, level)]
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""

        def substitute(match: re.Match[str]) -> str:
            # "%1.%2." refers to the current counters of the outer levels too.
            ref = int(match.group(1)) - 1
            ref_start, ref_fmt, _ = self._levels.get((num_id, ref), (1, "decimal", ""))
            return _format_number(counters.get(ref, ref_start), ref_fmt)

        rendered = re.sub(r"%(\d)", substitute, template).strip()
        return f"{rendered} " if rendered else ""


def _paragraph_text(paragraph: _Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter(_w("t"), _w("tab"), _w("br"), _w("cr")):
        if node.tag == _w("t"):
            parts.append(node.text or "")
        elif node.tag == _w("tab"):
            # pPr/tabs holds tab stops, not tab characters.
            if node.getparent().tag == _w("r"):
                parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _iter_block_paragraphs(container: _Element) -> Iterator[_Element]:
    # Walk body children in order so header tables (issuer, "Số: ...", date) stay
    # ahead of the numbered items, and each merged cell is visited once.
    for child in container:
        if child.tag == _w("p"):
            yield child
        elif child.tag == _w("tbl"):
            for row in child.findall(_w("tr")):
                for cell in row.findall(_w("tc")):
                    yield from _iter_block_paragraphs(cell)
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _iter_block_paragraphs(content)


def read_docx_text(data: bytes, *, max_bytes: int = MAX_DOCX_BYTES) -> str:
    """Extract the text of a .docx, rendering Word auto-numbering as typed labels."""
    if len(data) > max_bytes:
        raise DirectiveImportError(MSG_DOCX_TOO_LARGE.format(size=_vn_int(len(data)), limit=_vn_int(max_bytes)))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DirectiveImportError(MSG_DOCX_CORRUPT) from exc
    if "word/document.xml" not in names:
        raise DirectiveImportError(MSG_DOCX_CORRUPT)
    if unpacked > max_bytes * _MAX_DOCX_INFLATION:
        raise DirectiveImportError(MSG_DOCX_BOMB)

    # Imported here so plain-text parsing works even where python-docx is absent.
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
        lines = [numbering.label(p) + _paragraph_text(p) for p in _iter_block_paragraphs(document.element.body)]
    # python-docx surfaces malformed packages as assorted KeyError/ValueError/lxml
    # errors; to the user they all mean the same thing: the file is not usable.
    except Exception as exc:
        raise DirectiveImportError(MSG_DOCX_CORRUPT) from exc
    return "\n\n".join(line for line in lines if line.strip())
