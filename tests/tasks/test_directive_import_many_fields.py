"""The review of a long directive posts more than Django's 1 000 fields: the import page takes them, no other page."""

from urllib.parse import urlencode

import pytest
from django.conf import settings

from directives.models import Directive
from tasks.models import Task
from tests.directives.corpus import long_text

from .test_directive_import import URL, form_data, propose

URLENCODED = "application/x-www-form-urlencoded"


def post_as_browser(client, url: str, fields: dict[str, list[str]]):
    """The form posted as a browser posts the review form: urlencoded, every value of every field."""
    return client.post(url, urlencode(fields, doseq=True), content_type=URLENCODED)


@pytest.fixture
def long_review(admin_client, seeded) -> dict[str, list[str]]:
    response = propose(admin_client, text=long_text(30))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="application/x-www-form-urlencoded"' in html
    return form_data(html)


def test_the_review_of_a_thirty_page_text_is_confirmed(admin_client, long_review):
    sent = sum(len(values) for values in long_review.values())
    assert sent > settings.DATA_UPLOAD_MAX_NUMBER_FIELDS  # what Django would refuse with a 400
    # The made-up text cites documents without their issuers: the admin leaves them out rather than fill them.
    fields = {key: ([] if key.endswith("-include") else values) for key, values in long_review.items()}
    before = Directive.objects.count()
    response = post_as_browser(admin_client, URL, fields)
    assert response.status_code == 302, response.content.decode()[:500]
    assert Directive.objects.count() == before + 1
    assert Task.objects.filter(group__directive__number="99/KH-UBND").count() > 100


def test_other_pages_keep_the_site_wide_limit(admin_client, long_review):
    response = post_as_browser(admin_client, "/login/", long_review)
    assert response.status_code == 400
