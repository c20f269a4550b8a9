"""The home page is each user's inbox ("Việc cần xử lý"), with links on to where their work is."""

import pytest
from django.urls import reverse

DASHBOARD = "/dashboard/"
WORK = "/work/"


@pytest.mark.parametrize(
    ("username", "dashboard"),
    [
        ("admin", True),
        ("lanhdao", True),
        ("bchqs", True),
        ("quanly.snv", False),
        ("chuyenvien.snv", False),
        ("chuyenvien.cat", False),
    ],
)
def test_each_demo_user_lands_on_the_inbox_with_links_on(client, seeded, username, dashboard):
    client.post(reverse("login"), {"username": username, "password": "dondoc-demo"})
    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 class="h3">Việc cần xử lý' in page
    assert (f'href="{DASHBOARD}"' in page) is dashboard
    assert f'href="{WORK}"' in page
    # And the pages it links to open.
    assert client.get(WORK).status_code == 200
    if dashboard:
        assert client.get(DASHBOARD).status_code == 200


def test_signing_in_goes_to_the_inbox(client, seeded):
    response = client.post(reverse("login"), {"username": "bchqs", "password": "dondoc-demo"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.status_code == 200
    assert 'data-inbox="to_confirm"' in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
