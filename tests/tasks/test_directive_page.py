"""The directive page: every group, task, agency and state, for a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directives.models import Directive
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    DirectiveFactory,
    TaskFactory,
    TaskGroupFactory,
    UserFactory,
)


def test_directive_page_shows_kl249(client, demo_user):
    client.force_login(demo_user("chuyenvien.cat"))
    directive = Directive.objects.get(number="249-KL/TU")
    response = client.get(reverse("tasks:directive_detail", args=[directive.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "249-KL/TU" in html
    assert "Ban Chấp hành Đảng bộ tỉnh Hòa Bình khóa XVI" in html
    assert "17/09/2019" in html
    for group in directive.groups.all():
        assert f'id="group-{group.number}"' in html
        assert group.title in html
    for number in ["26-Ctr/TU", "79/KH-UBND", "28-NQ/TW", "18-NQ/TW", "03/2019/NĐ-CP", "133/2015/NĐ-CP", "05-CT/TW"]:
        linked = Directive.objects.get(number=number)
        assert f'href="{linked.get_absolute_url()}"' in html
    for label in ["Quá hạn", "Sắp đến hạn", "Trong hạn", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Thường xuyên"]:
        assert label in html
    assert "Chủ trì" in html or "chủ trì" in html
    assert "Bộ CHQS tỉnh" in html


def test_cited_document_page_shows_what_cites_it(client, demo_user):
    client.force_login(demo_user("lanhdao"))
    cited = Directive.objects.get(number="28-NQ/TW")
    response = client.get(reverse("tasks:directive_detail", args=[cited.pk]))
    assert response.status_code == 200
    assert "249-KL/TU" in response.content.decode()


def test_missing_directive_is_404(client, demo_user):
    client.force_login(demo_user("chuyenvien.snv"))
    assert client.get(reverse("tasks:directive_detail", args=[999999])).status_code == 404


def test_anonymous_is_sent_to_login(client, seeded):
    directive = Directive.objects.get(number="249-KL/TU")
    response = client.get(reverse("tasks:directive_detail", args=[directive.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def build_directive(groups: int, tasks_per_group: int, agencies_per_task: int) -> Directive:
    directive = DirectiveFactory()
    agencies = [AgencyFactory() for _ in range(agencies_per_task)]
    for group_number in range(1, groups + 1):
        group = TaskGroupFactory(directive=directive, number=group_number)
        for task_number in range(1, tasks_per_group + 1):
            task = TaskFactory(group=group, number=task_number)
            for agency in agencies:
                AssignmentFactory(task=task, agency=agency)
    return directive


def count_queries(client, directive) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("tasks:directive_detail", args=[directive.pk]))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_directive_page_query_count_does_not_grow(client):
    client.force_login(UserFactory())
    small = build_directive(groups=1, tasks_per_group=1, agencies_per_task=1)
    large = build_directive(groups=7, tasks_per_group=10, agencies_per_task=5)
    assert count_queries(client, small) == count_queries(client, large)


@pytest.mark.django_db
def test_directive_page_query_count_is_pinned(client, django_assert_max_num_queries):
    client.force_login(UserFactory())
    directive = build_directive(groups=3, tasks_per_group=4, agencies_per_task=3)
    # session + user + the inbox's counts and periods (menu) + directive + links + cited-by + groups + tasks
    # + assignments (+ savepoints on PostgreSQL)
    with django_assert_max_num_queries(12):
        client.get(reverse("tasks:directive_detail", args=[directive.pk]))
