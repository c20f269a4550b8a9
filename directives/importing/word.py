"""Reading a Word .docx as text, with Word's automatic list numbering rendered as typed labels."""

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from .errors import (
    MAX_DOCX_BYTES,
    MAX_DOCX_INFLATION,
    MSG_DOCX_BOMB,
    MSG_DOCX_CORRUPT,
    MSG_DOCX_TOO_LARGE,
    DirectiveImportError,
    vn_int,
)
from .numerals import to_roman

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
        return to_roman(value)
    if fmt == "lowerRoman":
        return to_roman(value).lower()
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
        start, fmt, template = self._levels[(num_id, level)]
        counters = self._counters.setdefault(num_id, {})
        counters[level] = counters[level] + 1 if level in counters else start
        for deeper in [lv for lv in counters if lv > level]:
            del counters[deeper]
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
        raise DirectiveImportError(MSG_DOCX_TOO_LARGE.format(size=vn_int(len(data)), limit=vn_int(max_bytes)))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DirectiveImportError(MSG_DOCX_CORRUPT) from exc
    if "word/document.xml" not in names:
        raise DirectiveImportError(MSG_DOCX_CORRUPT)
    if unpacked > max_bytes * MAX_DOCX_INFLATION:
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
