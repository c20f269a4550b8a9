"""Settings per environment: production refuses to start without a secret and passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DATABASE_URL": "postgres://dondoc@127.0.0.1:5432/dondoc",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DJANGO_ALLOWED_HOSTS": "dondoc.example",
}


def test_production_settings_fail_without_secret_key():
    result = run_manage("check", env=PRODUCTION)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_pass_check_deploy():
    secret = "x" * 25 + "-production-secret-for-the-check-" + "y" * 20
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, "DJANGO_SECRET_KEY": secret})
    assert result.returncode == 0, result.stderr + result.stdout


def test_the_embedded_default_serves_with_debug_off(tmp_path):
    """`make run` is production-safe unless DJANGO_DEBUG=1 asks otherwise."""
    import os
    import subprocess
    import sys

    environment = {
        key: value for key, value in os.environ.items() if key not in ("DJANGO_DEBUG", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.local", DONDOC_VAR_DIR=str(tmp_path))
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    default = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    assert default.stdout.strip() == "False"
    asked = subprocess.run(
        [sys.executable, "-c", code],
        env={**environment, "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert asked.stdout.strip() == "True"


def test_error_pages_are_vietnamese_in_the_layout_and_reveal_no_code(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    missing = client.get("/khong-co-trang-nay/")
    assert missing.status_code == 404
    html = missing.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'lang="vi"' in html
    assert "urlpatterns" not in html and "Traceback" not in html and "URLconf" not in html


def test_a_refused_csrf_check_gets_the_sites_vietnamese_page():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html
    assert 'lang="vi"' in html
    assert "CSRF verification failed" not in html


def test_postgresql_connections_turn_the_jit_compiler_off():
    # A list over 20,000 assignments crossed jit_above_cost and spent 770 ms compiling a 50 ms query (bench/api.py).
    from config.settings.base import database

    assert database("postgres://dondoc@127.0.0.1:5432/dondoc")["OPTIONS"]["options"] == "-c jit=off"
    assert "options" not in database("sqlite:///:memory:").get("OPTIONS", {})


def test_the_jit_compiler_can_be_turned_back_on(monkeypatch):
    from config.settings.base import database

    monkeypatch.setenv("DJANGO_PG_JIT", "on")
    assert "options" not in database("postgres://dondoc@127.0.0.1:5432/dondoc").get("OPTIONS", {})


@pytest.mark.django_db
def test_the_test_database_runs_without_jit_on_postgresql():
    from django.db import connection

    from tests.conftest import skip_or_fail

    if connection.vendor != "postgresql":
        skip_or_fail("the JIT setting is PostgreSQL's (set DATABASE_URL=postgres://...)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
