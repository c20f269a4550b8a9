"""The directive's outline: numbered items found in its paragraphs, and the tasks inside each item."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .numerals import from_roman
from .text import split_sentences

_MARKER = re.compile(
    r"^(?:(?P<article>Điều)\s*(?P<anum>\d{1,3})\s*[.:]\s*"
    r"|(?P<num>\d{1,3}(?:\.\d{1,2})?|[IVXLC]{1,7}|[a-zđ])(?P<delim>[.)])(?:\s+|$))"
)
# Vietnamese documents letter their sub-items in the Vietnamese alphabet order (a, b, c, d, đ, e, g, ...).
_LETTERS = "abcdđeghiklmnopqrstuvxy"


@dataclass(frozen=True)
class _Marker:
    number: int
    scheme: tuple[str, str]  # ("arabic"|"roman"|"decimal"|"letter"|"article", delimiter)
    rest: str
    label: str = ""


def _marker_number(raw: str) -> tuple[int, str] | None:
    if raw.isdigit():
        return int(raw), "arabic"
    if "." in raw:
        return int(raw.rsplit(".", 1)[1]), "decimal"
    if raw in _LETTERS:
        return _LETTERS.index(raw) + 1, "letter"
    roman = from_roman(raw)
    return None if roman is None else (roman, "roman")


def _parse_marker(paragraph: str) -> _Marker | None:
    match = _MARKER.match(paragraph)
    if not match:
        return None
    rest = paragraph[match.end() :].strip()
    if match.group("article"):
        number = int(match.group("anum"))
        return _Marker(number, ("article", ""), rest, f"Điều {number}")
    parsed = _marker_number(match.group("num"))
    if parsed is None:
        return None
    return _Marker(parsed[0], (parsed[1], match.group("delim")), rest, match.group("num"))


# ------------------------------------------------------------------------ items

_TERMINATOR = re.compile(r"/\.\s*$")
_END_MARK = re.compile(r"\s*\.?/\.$")
_TRAILERS = re.compile(
    r"^(?:Nơi nhận\s*:|Newer news items|Older news items|Written by\b|Tin mới hơn|Tin cũ hơn|"
    r"Các tin khác|Tin liên quan|TM\.(?:\s|$)|KT\.\s|TL\.\s|Q\.\s*CHỦ TỊCH|(?:PHÓ )?CHỦ TỊCH$|\(Đã ký\))"
)


@dataclass
class Outline:
    """The paragraphs before item 1, each numbered item's paragraphs, and what the reviewer should check."""

    preamble: list[str] = field(default_factory=list)
    items: list[tuple[int, list[str]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


def split_items(paragraphs: list[str]) -> Outline:
    outline = Outline()
    preamble, items, warnings = outline.preamble, outline.items, outline.warnings
    scheme: tuple[str, str] | None = None
    terminated = False
    for index, paragraph in enumerate(paragraphs):
        marker = _parse_marker(paragraph)
        expected = len(items) + 1
        if marker and marker.number == expected and (scheme is None or marker.scheme == scheme):
            scheme = marker.scheme
            items.append((marker.number, [marker.rest] if marker.rest else []))
            outline.labels.append(marker.label)
        elif not items:
            preamble.append(paragraph)
            continue
        else:
            if _TRAILERS.match(paragraph):
                warnings.append(_ended_at_trailer(len(items), paragraph))
                terminated = True
                break
            if marker and marker.scheme == scheme and 1 < marker.number < 100 and marker.number != expected:
                warnings.append(_out_of_order(paragraph, expected, len(items)))
            items[-1][1].append(paragraph)
        if _TERMINATOR.search(paragraph):
            terminated = True
            ignored = len(paragraphs) - index - 1
            if ignored:
                warnings.append(_left_out_after_end(ignored))
            break
    if items and not terminated:
        warnings.append(_("No end mark “./.” was found; check that the last item holds nothing else."))
    return outline


@dataclass
class Node:
    """One numbered part, item or sub-item: its label ("II", "3", "b", "Điều 2"), its own text, its children."""

    label: str
    number: int
    paragraphs: list[str]
    own: list[str]
    children: list["Node"] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return 1 + max((child.depth for child in self.children), default=0)


_MAX_DEPTH = 3


def outline_tree(outline: Outline, level: int = 1) -> list[Node]:
    """The numbered items of ``outline`` with their sub-items, down to three levels (part → item → sub-item)."""
    nodes = []
    for (number, paragraphs), label in zip(outline.items, outline.labels, strict=True):
        inner = split_items(paragraphs) if level < _MAX_DEPTH and len(paragraphs) > 1 else Outline()
        if inner.items:
            node = Node(label, number, paragraphs, inner.preamble, outline_tree(inner, level + 1))
        else:
            node = Node(label, number, paragraphs, paragraphs)
        nodes.append(node)
    return nodes


_INSTRUCTION = re.compile(r"^(?:Giao|Yêu cầu|Đề nghị)\s|\bchủ trì\b")


def single_item(paragraphs: list[str]) -> Outline:
    """An official letter that gives one instruction without numbering it ("Giao Sở ... chủ trì ...")."""
    outline = Outline()
    start = next((i for i, p in enumerate(paragraphs) if _INSTRUCTION.search(p)), None)
    if start is None:
        return outline
    body: list[str] = []
    for paragraph in paragraphs[start:]:
        if _TRAILERS.match(paragraph):
            break
        body.append(paragraph)
        if _TERMINATOR.search(paragraph):
            break
    outline.preamble.extend(paragraphs[:start])
    outline.items.append((1, body))
    outline.labels.append("1")
    outline.warnings.append(_("The text has no numbered items; its instruction was read as item 1."))
    return outline


def _ended_at_trailer(item: int, paragraph: str) -> str:
    return _(
        "No end mark “./.” was found; item %(item)s was ended at the line “%(line)s”. Check the end of the document."
    ) % {"item": item, "line": paragraph[:40]}


def _out_of_order(paragraph: str, expected: int, item: int) -> str:
    return _(
        "The paragraph starting with “%(start)s” is out of order (item %(expected)s was expected); "
        "it has been merged into item %(item)s."
    ) % {"start": paragraph[:12], "expected": expected, "item": item}


def _left_out_after_end(count: int) -> str:
    return ngettext(
        "%(count)s paragraph after the end mark “./.” was left out (recipients, signature or web page footer).",
        "%(count)s paragraphs after the end mark “./.” were left out (recipients, signature or web page footer).",
        count,
    ) % {"count": count}


def strip_end_mark(text: str) -> str:
    """Replace the "./." that closes a Vietnamese document with a plain full stop."""
    return _END_MARK.sub(".", text)


# ------------------------------------------------------------------------ tasks

# Sub-item labels inside a group ("a)", "1.", "1.2.", "-") are layout, not task text,
# and a label like "1." would otherwise look like a one-word sentence.
_LEADING_LABEL = re.compile(
    r"^(?:Điều\s*\d{1,3}\s*[.:]\s*|[-+•*–—]\s+|[a-zđ][.)]\s+|\d{1,2}(?:\.\d{1,2})*[.)]\s+|[IVXLC]{1,7}[.)]\s+)"
)


def _clean_task(sentence: str) -> str:
    sentence = sentence.strip()
    sentence = strip_end_mark(sentence)
    sentence = sentence.rstrip(" ,;:")
    if not re.search(r"(?:[.!?…]|[.!?][”\"’)])$", sentence):
        sentence += "."
    return sentence[:1].upper() + sentence[1:]


# Sub-item titles that name a section ("1. Mục đích", "2. Yêu cầu"), not work to assign.
_SECTION_TITLE = re.compile(
    r"^(?:Mục đích|Yêu cầu|Mục tiêu|Quan điểm|Nhiệm vụ|Giải pháp|Nội dung|Tổ chức thực hiện|Phạm vi|Đối tượng)"
    r"(?:[\w\s,]*)$",
    re.IGNORECASE,
)


def is_heading(paragraph: str) -> bool:
    """A section title ("II. NHIỆM VỤ", "1. Mục đích"), not a sentence of work."""
    letters = [c for c in paragraph if c.isalpha()]
    if bool(letters) and all(c.isupper() for c in letters):
        return True
    if _SECTION_TITLE.match(paragraph) and len(paragraph.split()) <= 8:
        return True
    # "1. Tư tưởng chỉ đạo và nhiệm vụ chủ yếu" over its text: a numbered line without a full stop is a title.
    label = _LEADING_LABEL.match(paragraph)
    rest = paragraph[label.end() :] if label and not _BULLET_LABEL.match(paragraph) else ""
    return bool(rest) and len(rest.split()) <= 15 and not re.search(r"[.;:!?…]$", rest)


_BULLET_LABEL = re.compile(r"^[-+•*–—]\s")
# Standard clauses of a decision that are not work to assign.
_NOT_A_TASK = re.compile(
    r"^(?:Quyết định(?: này)? (?:có hiệu lực|thay thế)|Ban hành\s*kèm\s*theo|Phê duyệt\b)",
    re.IGNORECASE,
)


def split_tasks(paragraphs: list[str]) -> list[str]:
    tasks: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        # An all-caps line such as "II. NHIỆM VỤ" names a section, it is not a task; nor is the line that
        # introduces the list after it ("Các cơ quan sau đây chịu trách nhiệm ...:").
        more = index + 1 < len(paragraphs)
        if (is_heading(paragraph) and len(paragraphs) > 1) or (more and paragraph.endswith(":")):
            continue
        tasks.extend(
            _clean_task(s)
            for s in split_sentences(_LEADING_LABEL.sub("", paragraph))
            if s.strip(" ./") and not _NOT_A_TASK.match(s)
        )
    return [t for t in tasks if t.strip(". ")]
