"""The workspace's small world (tests/tasks/conftest.py), with an API client per role and a token each."""

import pytest
from rest_framework.test import APIClient

from api.tokens import api_token_create
from tests.tasks.conftest import TODAY, World, delegating_world, on_today, two_communes, world


@pytest.fixture
def api_as(world):
    """api_as("staff"): a client sending that user's personal token, as an outside system would."""

    def client_for(role: str) -> APIClient:
        client = APIClient()
        if role != "anonymous":
            made = api_token_create(user=world.users[role], name=f"thử {role}")
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {made.raw}")
        return client

    return client_for


__all__ = ["TODAY", "World", "api_as", "delegating_world", "on_today", "two_communes", "world"]
