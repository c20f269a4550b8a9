"""Settings per environment: production refuses to start without a secret and passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

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
