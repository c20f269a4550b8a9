"""Who may import a directive: admins only (by role or superuser, active); the links to the import page."""

import pytest
from django.urls import reverse

from agencies.models import User
from directives.permissions import user_can_import_directive
from tests.factories import UserFactory

from .test_directive_import import URL, counts, propose


@pytest.mark.parametrize("username", ["lanhdao", "bchqs", "quanly.snv", "chuyenvien.snv", "chuyenvien.cat"])
def test_only_admins_may_import(client, demo_user, reference_text, username):
    client.force_login(demo_user(username))
    before = counts()
    assert client.get(URL).status_code == 403
    assert propose(client, text=reference_text).status_code == 403
    assert client.post(URL, {"step": "confirm", "kind": "plan", "number": "1/KH"}).status_code == 403
    assert counts() == before


def test_anonymous_is_sent_to_login(client, seeded):
    for response in (client.get(URL), client.post(URL, {"step": "parse", "text": "1. A./."})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_admins_by_role_or_superuser_may_import(client, demo_user):
    client.force_login(demo_user("admin"))
    assert client.get(URL).status_code == 200
    client.force_login(UserFactory(role=User.Role.ADMIN, agency=None))
    response = client.get(URL)
    assert response.status_code == 200
    assert "Nhập văn bản chỉ đạo từ nội dung" in response.content.decode()


def test_inactive_admin_may_not_import(seeded):
    user = UserFactory(role=User.Role.ADMIN, agency=None, is_active=False)
    assert not user_can_import_directive(user)


def test_import_is_linked_from_the_directive_list_for_admins_only(client, demo_user):
    client.force_login(demo_user("admin"))
    assert f'href="{URL}"' in client.get(reverse("directives:list")).content.decode()
    client.force_login(demo_user("chuyenvien.snv"))
    assert f'href="{URL}"' not in client.get(reverse("directives:list")).content.decode()


def test_import_is_linked_from_the_admin_changelist(admin_client):
    html = admin_client.get(reverse("admin:directives_directive_changelist")).content.decode()
    assert f'href="{URL}"' in html
    assert "Nhập từ văn bản" in html
