"""Writing personal API tokens, and reading one back from a request: the token itself is never stored."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from agencies.models import User

from .models import ApiToken

TOKEN_PREFIX = "dd_"  # noqa: S105  (the visible beginning of every token, not a secret)
DEFAULT_DAYS = 90
MAX_DAYS = 366
# last_used_at is written at most this often, so a busy client does not turn every read into a write.
TOUCH_EVERY = timedelta(minutes=1)
INVALID_TOKEN = _("The API token is not valid, has expired or was revoked.")


def token_digest(raw: str) -> str:
    """The tokens are 256 random bits, so one round of SHA-256 is enough: nothing to guess from the hash."""
    return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    raw: str  # shown once, to the user who made it


@transaction.atomic
def api_token_create(*, user: User, name: str, days: int = DEFAULT_DAYS) -> NewToken:
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=raw[:10],
        digest=token_digest(raw),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return NewToken(token=token, raw=raw)


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_touch(*, token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer dd_…`: a revoked, expired, unknown or inactive user's token gets 401."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN)
        try:
            raw = header[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN) from error
        token = ApiToken.objects.select_related("user__agency").filter(digest=token_digest(raw)).first()
        if token is None or not token.is_usable() or not token.user.is_active:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN)
        api_token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'
