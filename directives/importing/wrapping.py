"""Undoing hard wraps: which line breaks of a pasted or extracted text are paragraph breaks, and which are not.

Texts copied from a legal-document website, a PDF or an e-mail are wrapped at about 70 to 90
characters, and a wrapped line may begin with a capital ("Sở Nông nghiệp ..."), a number
("249-KL/TU ngày ...") or a dash ("- Thương binh và Xã hội"). A line break is kept as a
paragraph break only where the line before ends a sentence or an item, where one side is a
heading in capitals, or where the new line opens a numbered item or a header line.
"""

import re

# A line of rules or table borders ("-------", "|", "______") is layout: it always separates.
_SPACES = re.compile(r"[ \t]+")
_RULE = re.compile(r"^[\s|\-_–—=*~.]*$")
_CELL_BORDER = re.compile(r"^\|\s*|\s*\|$")
_SENTENCE_END = re.compile(r"[.:;!?”\"…]$")
_NUMBERED = re.compile(
    r"^(?:(?:\d{1,3}(?:\.\d{1,2})*|[IVXLC]{1,7}|[a-zđ])[.)](?:\s|$)|Điều\s*\d{1,3}\s*[.:])", re.IGNORECASE
)
_BARE_MARKER = re.compile(r"^(?:(?:\d{1,3}(?:\.\d{1,2})*|[IVXLC]{1,7}|[a-zđ])[.)]|Điều\s*\d{1,3}\s*[.:]?)$")
_BULLET = re.compile(r"^[-+•*–—]\s")
# Lines that open a new header field or the signature block, whatever precedes them.
_HEADER_START = re.compile(
    r"^(?:CỘNG\s+H(?:ÒA|OÀ)|Độc\s+lập|(?:ỦY|UỶ)\s+BAN\b|UBND\b|CHỦ\s+TỊCH\b|THỦ\s+TƯỚNG\b|BỘ\s+TRƯỞNG\b|"
    r"TM\.|KT\.|TL\.|Q\.\s|Số\s*:|Nơi\s+nhận|Kính\s+gửi|V/v\b|Về\s+việc\b|QUYẾT\s+ĐỊNH\s*:|\(Đã\s+ký\))"
)
# A line ending in one of these words stops mid-phrase: "Căn cứ Quyết định số" / "112/QĐ-TTg ...".
_DANGLING = re.compile(r"(?:^|\s)(?:số|ngày|tháng|năm|của|và|với|các|những|tại|về|cho|theo|trong|Số\s*:?)$")
# Above this wrap width the text is not hard-wrapped: its lines are paragraphs.
_MAX_WRAP = 130
_LONG_SHARE = 0.6


def is_caps(line: str) -> bool:
    """A line in capitals; a line of figures only ("2020") goes with the capitals around it.

    One stray small letter in a long line is a font glitch ("KINH TẾ - Xà HỘI"), not a sentence.
    """
    lower = sum(c.islower() for c in line)
    upper = sum(c.isupper() for c in line)
    return any(c.isalnum() for c in line) and (lower == 0 or upper >= 20 * lower)


def wrap_width(lines: list[str]) -> int:
    """The width the text was wrapped at: the length most full lines reach (0 if it is not wrapped)."""
    lengths = sorted(len(line) for line in lines if len(line) > 20)
    if len(lengths) < 3:
        return 0
    width = lengths[int(len(lengths) * 0.9) - 1]
    return width if width <= _MAX_WRAP else 0


def _continues(current: str, last_line: str, line: str, width: int) -> bool:
    """Whether ``line`` continues the paragraph ``current``, whose last physical line is ``last_line``."""
    if current.count("(") > current.count(")"):
        return True
    if _BARE_MARKER.match(current):
        return True
    if _DANGLING.search(current):
        return not _HEADER_START.match(line)
    if line[0].islower() and not _NUMBERED.match(line):
        # A paragraph never opens in lower case: "...tài nguyên nước;" / "chủ động điều tiết ..." is one item.
        return not current.endswith(":")
    if _SENTENCE_END.search(current) or _HEADER_START.match(line):
        return False
    if line[0].isdigit() or len(current.split()) == 1:
        # A lower-case word, a figure ("2021 - 2025.", "249-KL/TU ngày ...") or the rest of a
        # place name split after its first word ("Mỹ" / "Tho, ngày ...").
        return not _NUMBERED.match(line)
    if is_caps(current) or is_caps(line):
        return is_caps(current) and is_caps(line) and not _NUMBERED.match(line)
    if _NUMBERED.match(line):
        return False
    if _NUMBERED.match(current) and len(current) < width * _LONG_SHARE:
        # "1. Mục đích" over its first paragraph: a short numbered line is the item's heading.
        return False
    return (bool(width) and len(last_line) >= width * _LONG_SHARE) or _BULLET.match(line) is not None


def _clean(raw: str) -> str | None:
    """The line as text, or None for a line of rules and borders."""
    if _RULE.match(raw):
        return None
    return _SPACES.sub(" ", _CELL_BORDER.sub("", raw)).strip() or None


def join_wrapped(block: str, width: int) -> list[str]:
    """The paragraphs of one block of lines (a blank line has already separated the blocks)."""
    paragraphs: list[str] = []
    current = last_line = ""
    for raw in block.split("\n"):
        line = _clean(raw)
        if line is None:
            if current:
                paragraphs.append(current)
            current = last_line = ""
            continue
        if current and _continues(current, last_line, line, width):
            current = f"{current} {line}"
        else:
            if current:
                paragraphs.append(current)
            current = line
        last_line = line
    if current:
        paragraphs.append(current)
    return paragraphs
