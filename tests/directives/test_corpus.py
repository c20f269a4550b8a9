"""The parser against every real directive of the corpus: each expected field, from the header to each task's roles."""

import time

import pytest

from directives.importing import parse_directive_text
from tests.directives.corpus import catalogue, fixture_names, long_text, score_fixture

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
