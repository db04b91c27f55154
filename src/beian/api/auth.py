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
        request.api_token = found
        return found.account


class AccountSession(SessionAuth):
    """Session auth for the logged-in browser (CSRF-checked by ninja)."""


API_AUTH = [TokenAuth(), AccountSession()]


def require_scope(request, scope: str) -> None:
    """Refuse (403 `scope_missing`) a key that was not given `scope`. A browser session (no key) may do all the
    account may do: scopes narrow what a key can do, not what its account can."""
    from beian.api import messages as msg
    from beian.api.errors import ApiError

    token = getattr(request, "api_token", None)
    if token is not None and not token.allows(scope):
        raise ApiError(403, "scope_missing", msg.SCOPE_MISSING.format(scope=scope), details={"scope": scope})
