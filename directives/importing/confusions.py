"""Misread words that are still Vietnamese syllables: "củng cổ" for "củng cố", "tố chức" for "tổ chức".

A scan (or a hurried typist) often gets a tone mark or a circumflex wrong and makes another real syllable,
which the syllable checker (syllables.py) cannot catch. No maintained Vietnamese word or bigram list is
available from the project's package index, so this is a small list of our own: the phrases of directives
whose misreadings were found in the province's reference text (DESIGN §7: "củng cổ", "tố chức", "phát triến",
"đời sông", "đầy mạnh", "thể trận", "trật tư", "vê an ninh") and other common words of directives with the
tone confusions OCR makes (sắc/hỏi/ngã/nặng, â/ă/a, ê/e, ô/ơ/o). Each entry is a phrase as misread, never
a correct phrase of its own (so "đời sông" is flagged only where "sông" is not a river: the reviewer decides).
"""

import re
import unicodedata

CONFUSIONS = {
    "củng cổ": "củng cố",
    "tố chức": "tổ chức",
    "tồ chức": "tổ chức",
    "phát triến": "phát triển",
    "phát triền": "phát triển",
    "đời sông": "đời sống",
    "đầy mạnh": "đẩy mạnh",
    "thể trận": "thế trận",
    "trật tư": "trật tự",
    "vê an ninh": "về an ninh",
    "chí đạo": "chỉ đạo",
    "chỉ đao": "chỉ đạo",
    "phổi hợp": "phối hợp",
    "phồi hợp": "phối hợp",
    "chủ trí": "chủ trì",
    "tăng cưởng": "tăng cường",
    "kiêm tra": "kiểm tra",
    "kê hoạch": "kế hoạch",
    "triển khải": "triển khai",
    "nhân dần": "nhân dân",
    "nhiệm vu": "nhiệm vụ",
    "đơn vi": "đơn vị",
    "cơ quân": "cơ quan",
    "hành chinh": "hành chính",
    "an nình": "an ninh",
    "quốc phỏng": "quốc phòng",
    "xã hôi": "xã hội",
    "kinh tê": "kinh tế",
    "thủ tưởng": "thủ tướng",
    "báo cảo": "báo cáo",
    "thực hiên": "thực hiện",
    "quân lý": "quản lý",
}
_LONGEST = max(len(phrase.split()) for phrase in CONFUSIONS)
_WORD = re.compile(r"[^\W\d_]+")


def confused_phrases(text: str) -> list[tuple[str, str]]:
    """(phrase as written, the phrase it probably is) for each listed misreading in ``text``, each once, in order."""
    words = [match.group(0) for match in _WORD.finditer(unicodedata.normalize("NFC", text))]
    folded = [word.casefold() for word in words]
    found: dict[str, str] = {}
    for start in range(len(words)):
        for size in range(2, _LONGEST + 1):
            right = CONFUSIONS.get(" ".join(folded[start : start + size]))
            if right:
                found.setdefault(" ".join(words[start : start + size]), right)
    return list(found.items())
