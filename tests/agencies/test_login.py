"""Signing in: every demo user, a Vietnamese error for a wrong password, throttling after repeats."""

import pytest
from django.urls import reverse

from tests.conftest import DEMO_USERNAMES


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_every_demo_user_signs_in(client, seeded, username):
    response = client.post(reverse("login"), {"username": username, "password": "dondoc-demo"})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    page = client.get(reverse("directives:list"))
    assert page.status_code == 200
    assert page.context["user"].username == username


def test_login_page_is_vietnamese(client, db):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng nhập Đôn đốc" in html
    assert "Tên đăng nhập" in html


def test_wrong_password_gets_a_clear_vietnamese_message_and_keeps_the_username(client, seeded):
    response = client.post(reverse("login"), {"username": "chuyenvien.snv", "password": "sai-mat-khau"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in html
    assert 'value="chuyenvien.snv"' in html


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, seeded, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "chuyenvien.snv", "password": "sai-mat-khau"})
    response = client.post(reverse("login"), {"username": "chuyenvien.snv", "password": "dondoc-demo"})
    assert response.status_code in (403, 429)
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_pages_require_sign_in(client, seeded):
    response = client.get(reverse("directives:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_english_browser_still_gets_vietnamese_until_the_user_switches(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập Đôn đốc" in response.content.decode()
    switched = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert switched.status_code == 302
    english = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="vi")
    html = english.content.decode()
    assert '<html lang="en">' in html
    assert "Sign in to Đôn đốc" in html
