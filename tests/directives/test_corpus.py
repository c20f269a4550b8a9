"""The parser against every real directive of the corpus: each expected field, from the header to each task's roles."""

import pytest

from tests.directives.corpus import fixture_names, score_fixture

pytestmark = pytest.mark.django_db(databases=[])


def test_the_corpus_has_at_least_twelve_real_directives() -> None:
    assert len(fixture_names()) >= 12


@pytest.mark.parametrize("name", fixture_names())
def test_fixture_is_parsed_as_expected(name: str) -> None:
    score = score_fixture(name)
    assert score.wrong == []
    assert score.total > 5
