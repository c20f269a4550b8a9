"""Misreadings that are still syllables ("củng cổ" for "củng cố") pointed out from a list of known confusions."""

from pathlib import Path

import pytest

from directives.importing import parse_directive_text
from directives.importing.confusions import CONFUSIONS, confused_phrases
from directives.importing.syllables import is_syllable, suspect_words

pytestmark = pytest.mark.django_db(databases=[])

REFERENCE = Path(__file__).resolve().parents[1] / "fixtures" / "kl249.vi.txt"


def test_cung_co_is_flagged_with_its_correction() -> None:
    text = "Tiếp tục củng cổ, kiện toàn bộ máy; Củng Cổ lực lượng."
    assert suspect_words(text) == []  # each word alone is a real syllable
    assert confused_phrases(text) == [("củng cổ", "củng cố"), ("Củng Cổ", "củng cố")]


def test_correct_text_is_not_flagged() -> None:
    text = "Củng cố tổ chức, đẩy mạnh phát triển kinh tế, giữ vững an ninh, trật tự; phối hợp chỉ đạo."
    assert confused_phrases(text) == []


def test_every_listed_misreading_is_made_of_real_syllables_and_differs_from_its_correction() -> None:
    for wrong, right in CONFUSIONS.items():
        assert wrong != right
        assert all(is_syllable(word) for word in wrong.split()), wrong
        assert wrong.casefold() == wrong and right.casefold() == right


def test_the_reference_texts_misreadings_are_in_the_review_warnings() -> None:
    proposal = parse_directive_text(REFERENCE.read_text(encoding="utf-8"))
    warning = next(w for w in proposal.warnings if "đọc sai" in w or "misread" in w)
    for phrase in ("củng cổ", "tố chức", "phát triến", "đầy mạnh", "thể trận", "trật tư", "vê an ninh"):
        assert f"“{phrase}”" in warning
    assert "(“củng cố”?)" in warning
