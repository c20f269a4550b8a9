"""The signature block of an official document: Nơi nhận on the left, the signer's authority, title and name on
the right (NĐ 30/2020 Điều 13: TM., KT., Q., TL., TUQ.)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from .layout import CELL_PADDING_MM, fits, inner_width
from .ooxml import add_compact, borderless_table, format_compact
from .text import clean_text

SIGNATURE_LEFT_MM = 75.0
SIGNATURE_RIGHT_MM = 90.0
SIGNATURE_BLANK_LINES = 4
TITLE_SIZE = 13.0
NAME_SIZE = 14.0
# Authorities whose second line is the title of the person who signs (a deputy, a head of office ...).
WITH_OWN_TITLE = ("TM.", "KT.", "TL.", "TUQ.")
AUTHORITIES = ("", "TM.", "KT.", "Q.", "TL.", "TUQ.")


@dataclass(frozen=True)
class Signer:
    """Who signs: `title` is the head's title (the collective body's name for TM.); `own_title` the signer's own
    title where the authority is KT., TM., TL. or TUQ."""

    name: str
    title: str
    authority: str = ""
    own_title: str = ""

    def lines(self) -> list[str]:
        title = clean_text(self.title).strip().upper()
        if not self.authority:
            return [title]
        first = f"{self.authority} {title}".strip()
        own = clean_text(self.own_title).strip().upper()
        if self.authority in WITH_OWN_TITLE and own:
            return [first, own]
        return [first]


def signer_line_fits(line: str) -> bool:
    """Whether one line of the signer's block fits its cell on one line (a longer title is refused on issue)."""
    return fits(line.upper(), room_mm=inner_width(SIGNATURE_RIGHT_MM), size=TITLE_SIZE, bold=True)


def recipient_lines(recipients: list[str], archive: str) -> list[str]:
    # Callers often paste lines copied from older documents that already carry
    # the "- " prefix or ";" suffix; normalise so they are not doubled.
    lines = []
    for raw in recipients:
        text = clean_text(raw).strip().lstrip("-\u2013").strip().rstrip(";,").strip()
        if text:
            lines.append(f"- {text};")
    archive = clean_text(archive).strip().rstrip(".;,").strip() or "VT"
    lines.append(f"- Lưu: {archive}.")
    return lines


def add_signature_table(doc, *, signer: Signer, recipients: list[str], archive: str) -> None:
    spacer = doc.add_paragraph()
    format_compact(spacer, WD_ALIGN_PARAGRAPH.LEFT)
    table = borderless_table(doc, (Mm(SIGNATURE_LEFT_MM), Mm(SIGNATURE_RIGHT_MM)), padding=Mm(CELL_PADDING_MM))
    left, right = table.rows[0].cells

    add_compact(
        left,
        "Nơi nhận:",
        size=Pt(12),
        bold=True,
        italic=True,
        alignment=WD_ALIGN_PARAGRAPH.LEFT,
        reuse_first=True,
    )
    for line in recipient_lines(recipients, archive):
        add_compact(left, line, size=Pt(11), alignment=WD_ALIGN_PARAGRAPH.LEFT)

    for index, line in enumerate(signer.lines()):
        add_compact(right, line, size=Pt(TITLE_SIZE), bold=True, reuse_first=index == 0)
    for _ in range(SIGNATURE_BLANK_LINES):
        add_compact(right, "", size=Pt(NAME_SIZE))
    add_compact(right, clean_text(signer.name).strip(), size=Pt(NAME_SIZE), bold=True)
