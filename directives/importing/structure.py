"""The directive's outline: numbered items found in its paragraphs, and the tasks inside each item."""

import re
from dataclasses import dataclass, field

from .numerals import from_roman
from .text import split_sentences

_MARKER = re.compile(r"^(?P<num>\d{1,3}|[IVXLC]{1,7})(?P<delim>[.)])(?:\s+|$)")


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
        roman = from_roman(raw)
        if roman is None:
            return None
        number, style = roman, "roman"
    return _Marker(number, (style, match.group("delim")), paragraph[match.end() :].strip())


# ------------------------------------------------------------------------ items

_TERMINATOR = re.compile(r"/\.\s*$")
_END_MARK = re.compile(r"\s*\.?/\.$")
_TRAILERS = re.compile(
    r"^(?:Nơi nhận\s*:|Newer news items|Older news items|Written by\b|Tin mới hơn|Tin cũ hơn|"
    r"Các tin khác|Tin liên quan|TM\.\s|KT\.\s|TL\.\s|Q\.\s*CHỦ TỊCH|(?:PHÓ )?CHỦ TỊCH$)"
)


@dataclass
class Outline:
    """The paragraphs before item 1, each numbered item's paragraphs, and what the reviewer should check."""

    preamble: list[str] = field(default_factory=list)
    items: list[tuple[int, list[str]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


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
    return outline


def strip_end_mark(text: str) -> str:
    """Replace the "./." that closes a Vietnamese document with a plain full stop."""
    return _END_MARK.sub(".", text)


# ------------------------------------------------------------------------ tasks

# Sub-item labels inside a group ("a)", "1.", "1.2.", "-") are layout, not task text,
# and a label like "1." would otherwise look like a one-word sentence.
_LEADING_LABEL = re.compile(r"^(?:[-+•*–—]\s+|[a-zđ][.)]\s+|\d{1,2}(?:\.\d{1,2})*[.)]\s+|[IVXLC]{1,7}[.)]\s+)")


def _clean_task(sentence: str) -> str:
    sentence = sentence.strip()
    sentence = strip_end_mark(sentence)
    sentence = sentence.rstrip(" ,;:")
    if not re.search(r"(?:[.!?…]|[.!?][”\"’)])$", sentence):
        sentence += "."
    return sentence[:1].upper() + sentence[1:]


def _is_heading(paragraph: str) -> bool:
    letters = [c for c in paragraph if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def split_tasks(paragraphs: list[str]) -> list[str]:
    tasks: list[str] = []
    for paragraph in paragraphs:
        # An all-caps line such as "II. NHIỆM VỤ" names a section, it is not a task.
        if _is_heading(paragraph) and len(paragraphs) > 1:
            continue
        tasks.extend(_clean_task(s) for s in split_sentences(_LEADING_LABEL.sub("", paragraph)) if s.strip(" ./"))
    return [t for t in tasks if t.strip(". ")]
