"""Personal API tokens: hashed at rest, shown once, revocable, expiring; anything else gets 401. Sessions work too,
with CSRF."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from api.tokens import api_token_create, token_digest


def bearer(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_a_token_is_stored_as_its_hash_only_and_shown_once(world):
    client = APIClient()
    client.force_authenticate(world.users["staff"])
    made = client.post("/api/v1/tokens/", {"name": "Hệ thống một cửa", "days": 30}, format="json")
    assert made.status_code == 201
    raw = made.json()["token"]
    token = ApiToken.objects.get()
    assert token.digest == token_digest(raw)
    assert raw not in {token.name, token.prefix, token.digest}
    listed = client.get("/api/v1/tokens/").json()["results"]
    assert [row["name"] for row in listed] == ["Hệ thống một cửa"]
    assert "token" not in listed[0]
    assert "token" not in client.get(f"/api/v1/tokens/{token.pk}/").json()
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)


def test_a_token_authenticates_its_user_and_records_its_last_use(world):
    made = api_token_create(user=world.users["staff"], name="thử")
    assert made.token.last_used_at is None
    response = bearer(made.raw).get("/api/v1/assignments/")
    assert response.status_code == 200
    made.token.refresh_from_db()
    assert made.token.last_used_at is not None


def revoked(world):
    made = api_token_create(user=world.users["staff"], name="thu hồi")
    bearer(made.raw).delete(f"/api/v1/tokens/{made.token.pk}/")
    return made.raw


def expired(world):
    made = api_token_create(user=world.users["staff"], name="hết hạn")
    ApiToken.objects.filter(pk=made.token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    return made.raw


def forged(world):
    made = api_token_create(user=world.users["staff"], name="thật")
    return made.raw[:-4] + ("AAAA" if not made.raw.endswith("AAAA") else "BBBB")


def inactive_user(world):
    made = api_token_create(user=world.users["staff"], name="nghỉ việc")
    world.users["staff"].is_active = False
    world.users["staff"].save(update_fields=["is_active"])
    return made.raw


@pytest.mark.parametrize("make", [revoked, expired, forged, inactive_user, lambda world: "dd_ x"])
def test_a_revoked_expired_forged_or_orphan_token_gets_401_in_vietnamese(world, make):
    response = APIClient()
    raw = make(world)
    response = APIClient(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/assignments/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"] == "Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi."


def test_without_any_credentials_the_api_answers_401(world):
    response = APIClient().get("/api/v1/assignments/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_one_user_cannot_see_or_revoke_anothers_token(world):
    theirs = api_token_create(user=world.users["manager"], name="của người khác")
    mine = bearer(api_token_create(user=world.users["staff"], name="của tôi").raw)
    assert mine.get(f"/api/v1/tokens/{theirs.token.pk}/").status_code == 404
    assert mine.delete(f"/api/v1/tokens/{theirs.token.pk}/").status_code == 404
    assert bearer(theirs.raw).get("/api/v1/assignments/").status_code == 200


def test_the_session_works_and_its_writes_need_the_csrf_token(world, on_today):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.users["staff"])
    assert client.get("/api/v1/assignments/").status_code == 200
    url = f"/api/v1/assignments/{world.assignment.pk}/updates/"
    refused = client.post(url, {"percent": 10, "results": "Qua phiên"}, format="json")
    assert refused.status_code == 403
    assert world.assignment.updates.count() == 0


def test_each_token_has_its_own_budget_and_past_it_gets_429(world, settings):
    from django.core.cache import cache

    cache.clear()
    settings.DONDOC_API_RATE = "2/min"
    first = bearer(api_token_create(user=world.users["staff"], name="một").raw)
    second = bearer(api_token_create(user=world.users["staff"], name="hai").raw)
    assert [first.get("/api/v1/directives/").status_code for _ in range(2)] == [200, 200]
    refused = first.get("/api/v1/directives/")
    assert refused.status_code == 429
    assert refused.json()["detail"] == "Quá nhiều yêu cầu: hãy chờ một lát rồi thử lại."
    assert "Retry-After" in refused
    assert second.get("/api/v1/directives/").status_code == 200
    cache.clear()
