"""The parser against every real directive of the corpus: each expected field, from the header to each task's roles."""

import time

import pytest

from directives.importing import parse_directive_text, read_docx_text, read_pdf_text
from directives.importing.errors import ScannedPdf
from directives.importing.ocr import ocr_available, read_scan
from directives.importing.syllables import suspect_words
from tests.conftest import skip_or_fail
from tests.directives.corpus import CORPUS, catalogue, fixture_names, long_text, score_fixture

pytestmark = pytest.mark.django_db(databases=[])


def test_the_corpus_has_at_least_twelve_real_directives() -> None:
    assert len(fixture_names()) >= 12


@pytest.mark.parametrize("name", fixture_names())
def test_fixture_is_parsed_as_expected(name: str) -> None:
    score = score_fixture(name)
    assert score.wrong == []
    assert score.total > 5


def test_a_thirty_page_text_is_parsed_in_under_two_seconds() -> None:
    text = long_text(30)
    assert len(text) >= 90_000
    start = time.perf_counter()
    proposal = parse_directive_text(text, agencies=catalogue())
    assert time.perf_counter() - start < 2
    assert len(proposal.groups) > 50
    assert proposal.groups[0].details[0].lead == ["Sở Y tế"]
    assert proposal.groups[0].details[0].cooperating == ["Công an tỉnh"]


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("02-nghean-kh594-2021.docx", read_docx_text),
        ("14-hungyen-qd29-2002.docx", read_docx_text),
        ("01-langson-kh07-2020.pdf", read_pdf_text),
        ("09-tiengiang-qd33-2009.pdf", read_pdf_text),
    ],
)
def test_docx_and_pdf_variants_are_parsed_as_their_text(name: str, reader) -> None:
    text = reader((CORPUS / name).read_bytes())
    score = score_fixture(name.rsplit(".", 1)[0], text)
    assert score.wrong == []


def read_scanned_pdf(data: bytes) -> str:
    """The text OCR reads from a PDF without a text layer (the import's own path: no text layer, then OCR)."""
    if not ocr_available():
        skip_or_fail("Tesseract with its Vietnamese data (tesseract-ocr, tesseract-ocr-vie) and pdftoppm")
    with pytest.raises(ScannedPdf) as scanned:
        read_pdf_text(data)
    return read_scan(data, is_pdf=True, pages=scanned.value.pages)


@pytest.mark.parametrize("name", ["01-langson-kh07-2020-scan.pdf"])
def test_scanned_variants_are_parsed_as_their_text(name: str) -> None:
    text = read_scanned_pdf((CORPUS / name).read_bytes())
    score = score_fixture(name.removesuffix("-scan.pdf"), text)
    assert score.wrong == []
    # This scan's misreadings are all real syllables or capitals (README): none is a word to flag.
    assert suspect_words(text) == []
