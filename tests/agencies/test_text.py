"""Vietnamese text: NFC on the way in, diacritic-free folding for search."""

import unicodedata

import pytest

from agencies.text import fold, nfc
from tests.factories import AgencyFactory


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Quốc phòng", "quoc phong"),
        ("Đảng bộ", "dang bo"),
        ("ĐỒNG THUẬN", "dong thuan"),
        ("  Bảo   vệ Tổ quốc ", "bao ve to quoc"),
        (unicodedata.normalize("NFD", "Quốc phòng"), "quoc phong"),
    ],
)
def test_fold_ignores_diacritics_case_and_spacing(text, folded):
    assert fold(text) == folded


def test_nfc_composes_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Hòa Bình")
    assert decomposed != "Hòa Bình"
    assert nfc(decomposed) == "Hòa Bình"


@pytest.mark.django_db
def test_text_is_stored_nfc_whichever_way_it_came_in():
    agency = AgencyFactory(name=unicodedata.normalize("NFD", "Sở Văn hóa, Thể thao và Du lịch"))
    agency.refresh_from_db()
    assert agency.name == unicodedata.normalize("NFC", "Sở Văn hóa, Thể thao và Du lịch")
    assert agency.search_text == "so van hoa, the thao va du lich"
