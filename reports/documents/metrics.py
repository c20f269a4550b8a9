"""How wide a line of Times New Roman is, read from Liberation Serif's advance widths (the same metrics).

The header of an official document must not wrap anywhere, so its lines are measured rather than guessed.
Liberation Serif 1.07 lacks the precomposed Vietnamese capitals (Ộ, Ỉ, Ự ...): such a letter is measured as
its base letter, since the marks above and below add no width.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTFont

MM_PER_POINT = 25.4 / 72
FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/liberation",
)
FACES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}
# Without the font (a machine without fonts-liberation) a wide capital's advance stands in for every letter,
# so a line measured that way is never narrower than it will print.
FALLBACK_ADVANCE = 0.78


class _Face:
    def __init__(self, path: Path | None):
        self.advances: dict[int, float] = {}
        if path is None:
            return
        font = TTFont(str(path), lazy=True)
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        for code, glyph in font.getBestCmap().items():
            self.advances[code] = metrics[glyph][0] / units

    def advance(self, char: str) -> float:
        if not self.advances:
            return 0.0 if unicodedata.combining(char) else FALLBACK_ADVANCE
        found = self.advances.get(ord(char))
        if found is not None:
            return found
        decomposed = unicodedata.normalize("NFD", char)
        if decomposed != char:
            return sum(self.advance(part) for part in decomposed if not unicodedata.combining(part))
        return 0.0 if unicodedata.combining(char) else FALLBACK_ADVANCE


def _font_path(file_name: str) -> Path | None:
    folders = [getattr(settings, "DONDOC_FONT_DIR", None), *FONT_DIRS]
    for folder in folders:
        if folder and (Path(folder) / file_name).is_file():
            return Path(folder) / file_name
    return None


@lru_cache(maxsize=4)
def _face(bold: bool, italic: bool) -> _Face:
    return _Face(_font_path(FACES[(bold, italic)]))


def font_available() -> bool:
    return _font_path(FACES[(False, False)]) is not None


def text_width_mm(text: str, *, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """The printed width of one line of text, in millimetres."""
    face = _face(bold, italic)
    return sum(face.advance(char) for char in text) * size_pt * MM_PER_POINT
