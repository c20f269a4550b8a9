"""Search ignores diacritics and case, for directives and tasks."""

import unicodedata

import pytest
from django.urls import reverse

from directives.models import Directive
from directives.selectors import directive_list
from tasks.selectors import task_search


@pytest.mark.parametrize(
    ("query", "expected_fragment"),
    [
        ("quoc phong", "quốc phòng"),
        ("QUOC PHONG", "quốc phòng"),
        ("Quốc Phòng", "quốc phòng"),
        ("doi ngoai", "đối ngoại"),
        (unicodedata.normalize("NFD", "đối ngoại"), "đối ngoại"),
    ],
)
def test_task_search_ignores_diacritics_and_case(seeded, query, expected_fragment):
    tasks = task_search(query=query)
    assert tasks
    assert all(expected_fragment in task.text.lower() for task in tasks)


def test_dang_bo_finds_directive_by_issuer(seeded):
    numbers = set(directive_list(query="dang bo").values_list("number", flat=True))
    assert {"249-KL/TU", "26-Ctr/TU"} <= numbers
    assert "03/2019/NĐ-CP" not in numbers


def test_every_word_must_match(seeded):
    assert not task_search(query="quoc phong khonglienquan")


def test_search_page_lists_directives_and_tasks(client, demo_user):
    client.force_login(demo_user("chuyenvien.snv"))
    response = client.get(reverse("tasks:search"), {"q": "chien luoc bao ve to quoc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "249-KL/TU" in html
    assert response.context["tasks"]
    assert response.context["directives"]


def test_search_page_escapes_the_query(client, demo_user):
    client.force_login(demo_user("chuyenvien.snv"))
    response = client.get(reverse("tasks:search"), {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_directive_list_page(client, demo_user):
    client.force_login(demo_user("chuyenvien.snv"))
    response = client.get(reverse("directives:list"), {"q": "ket luan 249"})
    html = response.content.decode()
    assert response.status_code == 200
    assert Directive.objects.get(number="249-KL/TU").get_absolute_url() in html
    assert client.get(reverse("directives:list")).context["page_obj"].paginator.count == Directive.objects.count()
