"""Shared fixtures: the seeded province, demo users, a fixed 'today'."""

import os
from datetime import date

import pytest

from agencies.models import User

DEMO_USERNAMES = ["admin", "lanhdao", "bchqs", "quanly.snv", "chuyenvien.snv", "chuyenvien.cat"]
# The test run makes missing parts (PostgreSQL, Redis, Chromium) fail instead of skip when this is set.
REQUIRE_SERVICES = os.environ.get("DONDOC_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"required part missing: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and seeded files go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seed_today() -> date:
    return date(2026, 11, 28)


@pytest.fixture
def seeded(db, seed_today):
    from tasks.seed.loader import seed

    return seed(today=seed_today, demo=True)


@pytest.fixture
def demo_user(seeded):
    def get(username: str) -> User:
        return User.objects.get(username=username)

    return get
