"""Where the lines of an official document's header go: sizes and line breaks chosen by measuring, so no line
of the header ever wraps, and the short rules under the agency name, the motto and the subject.

NĐ 30/2020 Phụ lục I: the agency name in bold capitals 12-13 pt with a centred rule 1/3 to 1/2 of its length;
the Quốc hiệu in bold capitals 12-13 pt; the tiêu ngữ in bold 13-14 pt with a rule as long as itself; the
trích yếu with a rule 1/3 to 1/2 of its length.
"""

from __future__ import annotations

from dataclasses import dataclass

from .metrics import text_width_mm

TEXT_WIDTH_MM = 165.0
HEADER_LEFT_MM = 70.0
HEADER_RIGHT_MM = 95.0
# Each cell's left and right padding, stated in the table (Word's default, 0.19 cm).
CELL_PADDING_MM = 1.905
# LibreOffice wrapped a line with 0.5 mm to spare: every line keeps this much.
SAFETY_MM = 1.0
HEADER_SIZES = (13.0, 12.0)
NATIONAL_SIZE = 12.0
MOTTO_SIZE = 13.0
RULE_SHARE = 0.4


@dataclass(frozen=True)
class Fitted:
    size: float
    lines: tuple[str, ...]

    def width_mm(self, *, bold: bool) -> float:
        return max((text_width_mm(line, size_pt=self.size, bold=bold) for line in self.lines), default=0.0)


def inner_width(cell_mm: float) -> float:
    return cell_mm - 2 * CELL_PADDING_MM


def fits(text: str, *, room_mm: float, size: float, bold: bool = False, italic: bool = False) -> bool:
    return text_width_mm(text, size_pt=size, bold=bold, italic=italic) + SAFETY_MM <= room_mm


def _split(words: list[str], parts: int, *, room_mm: float, size: float, bold: bool) -> tuple[str, ...] | None:
    """The most balanced break of the words into `parts` lines that each fit, or None."""
    if parts == 1:
        line = " ".join(words)
        return (line,) if fits(line, room_mm=room_mm, size=size, bold=bold) else None
    best: tuple[float, tuple[str, ...]] | None = None
    for cut in range(1, len(words) - parts + 2):
        head = " ".join(words[:cut])
        if not fits(head, room_mm=room_mm, size=size, bold=bold):
            break
        rest = _split(words[cut:], parts - 1, room_mm=room_mm, size=size, bold=bold)
        if rest is None:
            continue
        lines = (head, *rest)
        widest = max(text_width_mm(line, size_pt=size, bold=bold) for line in lines)
        if best is None or widest < best[0]:
            best = (widest, lines)
    return best[1] if best else None


def fit_header_text(text: str, *, room_mm: float, bold: bool, sizes=HEADER_SIZES, max_lines: int = 4) -> Fitted:
    """The largest size at which the text fits in the fewest lines (one if it can), broken between words.

    Past `max_lines` balanced lines, the words fill lines greedily at the smallest size; a single word wider
    than the cell cannot be helped and stands alone on its line.
    """
    words = text.split()
    if not words:
        return Fitted(sizes[0], ())
    for parts in range(1, min(max_lines, len(words)) + 1):
        for size in sizes:
            lines = _split(words, parts, room_mm=room_mm, size=size, bold=bold)
            if lines is not None:
                return Fitted(size, lines)
    return Fitted(sizes[-1], _greedy(words, room_mm=room_mm, size=sizes[-1], bold=bold))


def _greedy(words: list[str], *, room_mm: float, size: float, bold: bool) -> tuple[str, ...]:
    lines: list[str] = []
    for word in words:
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and fits(joined, room_mm=room_mm, size=size, bold=bold):
            lines[-1] = joined
        else:
            lines.append(word)
    return tuple(lines)


def rule_indent(*, room_mm: float, rule_mm: float) -> float:
    """The indent on each side that makes a paragraph's border `rule_mm` long, centred in `room_mm`."""
    return max(0.0, (room_mm - rule_mm) / 2)


def short_rule_mm(text_mm: float, room_mm: float) -> float:
    """A rule 2/5 of the text's length (between the 1/3 and 1/2 Phụ lục I asks for)."""
    return RULE_SHARE * min(text_mm, room_mm)
