"""Plain-text handling: one normal form, paragraphs, sentences, and accent folding for matching."""

import re
import unicodedata
from functools import lru_cache

from .wrapping import join_wrapped, wrap_width

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


_SPACE_RUNS = re.compile(r"[ \t]+")


def collapse_spaces(text: str) -> str:
    """Turn each run of spaces and tabs into one space (line breaks are kept)."""
    return _SPACE_RUNS.sub(" ", text)


def split_paragraphs(text: str) -> list[str]:
    """The text's paragraphs: a blank line always separates, a single line break only where it is not a wrap."""
    width = wrap_width(text.split("\n"))
    return [paragraph for block in text.split("\n\n") for paragraph in join_wrapped(block, width)]


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


def split_sentences(paragraph: str) -> list[str]:
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


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in "đĐðÐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    lowered = base.lower()
    # One output char per input char keeps match offsets valid in the original.
    return lowered if len(lowered) == 1 else char


def fold(text: str) -> str:
    return "".join(_fold_char(c) for c in text)
