"""Scan errors: words that cannot be Vietnamese syllables ("Chp", "Đng", "phát trin" is fine but "bàc" is not).

A Vietnamese syllable is an onset consonant (or none), a rhyme (an optional glide o/u, a vowel nucleus and
an optional final consonant or semivowel) and a tone; a syllable ending in c, ch, p or t only takes the
sắc or nặng tone. A word that does not split that way is flagged for the reviewer. Acronyms in capitals
(UBND, CCHC) are not checked. A real syllable mistyped into another real one ("củng cổ" for "củng cố")
is caught by the list of confusions.py, not here.
"""

import re
import unicodedata
from functools import lru_cache

_TONE_MARKS = {"\u0301": "sắc", "\u0300": "huyền", "\u0309": "hỏi", "\u0303": "ngã", "\u0323": "nặng"}
_ONSETS = sorted(
    [
        "b",
        "c",
        "ch",
        "d",
        "đ",
        "g",
        "gh",
        "gi",
        "h",
        "k",
        "kh",
        "l",
        "m",
        "n",
        "ng",
        "ngh",
        "nh",
        "p",
        "ph",
        "qu",
        "r",
        "s",
        "t",
        "th",
        "tr",
        "v",
        "x",
    ],
    key=len,
    reverse=True,
)
_RHYMES = frozenset(
    [
        "a",
        "ac",
        "ach",
        "ai",
        "am",
        "an",
        "ang",
        "anh",
        "ao",
        "ap",
        "at",
        "au",
        "ay",
        "ăc",
        "ăm",
        "ăn",
        "ăng",
        "ăp",
        "ăt",
        "âc",
        "âm",
        "ân",
        "âng",
        "âp",
        "ât",
        "âu",
        "ây",
        "e",
        "ec",
        "em",
        "en",
        "eng",
        "eo",
        "ep",
        "et",
        "ê",
        "êch",
        "êm",
        "ên",
        "ênh",
        "êp",
        "êt",
        "êu",
        "i",
        "ia",
        "ich",
        "im",
        "in",
        "inh",
        "ip",
        "it",
        "iu",
        "iêc",
        "iêm",
        "iên",
        "iêng",
        "iêp",
        "iêt",
        "iêu",
        "y",
        "yêm",
        "yên",
        "yêt",
        "yêu",
        "o",
        "oc",
        "oi",
        "om",
        "on",
        "ong",
        "op",
        "ot",
        "oong",
        "ooc",
        "ô",
        "ôc",
        "ôi",
        "ôm",
        "ôn",
        "ông",
        "ôp",
        "ôt",
        "ơ",
        "ơi",
        "ơm",
        "ơn",
        "ơp",
        "ơt",
        "u",
        "ua",
        "uc",
        "ui",
        "um",
        "un",
        "ung",
        "up",
        "ut",
        "uôc",
        "uôi",
        "uôm",
        "uôn",
        "uông",
        "uôt",
        "ư",
        "ưa",
        "ưc",
        "ưi",
        "ưm",
        "ưn",
        "ưng",
        "ưt",
        "ưu",
        "ươc",
        "ươi",
        "ươm",
        "ươn",
        "ương",
        "ươp",
        "ươt",
        "ươu",
        "oa",
        "oac",
        "oach",
        "oai",
        "oam",
        "oan",
        "oang",
        "oanh",
        "oao",
        "oap",
        "oat",
        "oay",
        "oăc",
        "oăm",
        "oăn",
        "oăng",
        "oăt",
        "oe",
        "oen",
        "oeo",
        "oet",
        "uê",
        "uêch",
        "uênh",
        "uân",
        "uâng",
        "uât",
        "uây",
        "uơ",
        "uya",
        "uy",
        "uych",
        "uyên",
        "uyêt",
        "uynh",
        "uyt",
        "uyu",
    ]
)
_STOPS = ("c", "ch", "p", "t")
_WORD = re.compile(r"[^\W\d_]+")
_CODE_JOINS = frozenset("/-&")


def _tone_and_base(word: str) -> tuple[str | None, str]:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    tones = [_TONE_MARKS[c] for c in decomposed if c in _TONE_MARKS]
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return (tones[0] if len(tones) == 1 else ("many" if tones else None)), base


@lru_cache(maxsize=8192)
def is_syllable(word: str) -> bool:
    """Whether ``word`` (one syllable, any case) can be a Vietnamese syllable."""
    tone, base = _tone_and_base(word)
    if tone == "many":
        return False
    for onset in (*_ONSETS, ""):
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset) :]
        if onset == "gi" and rhyme == "":
            return True  # "gì", "gỉ"
        if rhyme in _RHYMES:
            return not (rhyme.endswith(_STOPS) and tone not in ("sắc", "nặng"))
    return False


def suspect_words(text: str) -> list[str]:
    """The words of ``text`` that cannot be Vietnamese syllables, each once, in order of appearance."""
    found: dict[str, None] = {}
    for match in _WORD.finditer(text):
        word = match.group(0)
        if len(word) > 1 and word.isupper():
            continue  # an acronym: UBND, HĐND, KHCN
        if text[match.start() - 1 : match.start()] in _CODE_JOINS or text[match.end() : match.end() + 1] in _CODE_JOINS:
            continue  # a code of a document number or an abbreviation: 19/CT-TTg, V/v, b/c
        if not is_syllable(word):
            found.setdefault(word)
    return list(found)
