from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from beian.api.models import ApiToken, hash_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer bk_…`; the request runs as the token's account."""

    def authenticate(self, request, token: str):
        found = (
            ApiToken.objects.select_related("account")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True, account__is_active=True)
            .first()
        )
        if found is None:
            return None
        # Touch at most once a minute: a hot token must not turn every read into a write.
        now = timezone.now()
        if not found.last_used_at or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.account
        return found.account


class AccountSession(SessionAuth):
    """Session auth for the logged-in browser (CSRF-checked by ninja)."""


API_AUTH = [TokenAuth(), AccountSession()]
