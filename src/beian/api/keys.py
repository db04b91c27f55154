"""Creating and revoking API keys, from the account page (beian.api.views) and the command line
(`python -m beian manage create_api_key`): both audited (ApiTokenEvent) the same way."""

from django.db import transaction
from django.utils import timezone

from beian.api import messages as msg
from beian.api.models import SCOPES, ApiToken, ApiTokenEvent

MAX_LIVE = 20  # live keys per account: enough for every integration, not a key per request


class KeyRefused(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def parse_scopes(scopes) -> list[str]:
    """The named scopes, in SCOPES order; unknown names or none at all refused with a clear message."""
    chosen = [s.strip() for s in scopes if isinstance(s, str) and s.strip()]
    unknown = sorted(set(chosen) - set(SCOPES))
    if unknown:
        raise KeyRefused("scope_unknown", msg.TOKEN_SCOPE_UNKNOWN.format(scopes=", ".join(unknown)[:200],
                                                                       known=", ".join(SCOPES)))
    if not chosen:
        raise KeyRefused("scope_required", msg.TOKEN_SCOPE_REQUIRED)
    return [s for s in SCOPES if s in chosen]


def create(*, account, actor, name: str, scopes, via: str) -> tuple[ApiToken, str]:
    """A new key (the raw value is returned once, never stored)."""
    name = (name or "").strip()
    if not 0 < len(name) <= 60 or not name.isprintable():
        raise KeyRefused("name_required", msg.TOKEN_NAME_REQUIRED)
    chosen = parse_scopes(scopes)
    with transaction.atomic():
        if ApiToken.objects.filter(account=account, revoked_at__isnull=True).count() >= MAX_LIVE:
            raise KeyRefused("token_limit", msg.TOKEN_LIMIT.format(limit=MAX_LIVE))
        token, raw = ApiToken.issue(account=account, name=name, scopes=chosen)
        ApiTokenEvent.objects.create(token=token, account=account, actor=actor, action=ApiTokenEvent.CREATED, via=via,
                                     payload={"name": name, "prefix": token.prefix, "scopes": chosen})
    return token, raw


def revoke(*, account, actor, token_id, via: str) -> ApiToken:
    """Revoke one of the account's live keys (another account's, or a revoked one: not found)."""
    token = (ApiToken.objects.filter(account=account, pk=token_id, revoked_at__isnull=True).first()
             if str(token_id).isdigit() and len(str(token_id)) < 18 else None)
    if token is None:
        raise KeyRefused("token_not_found", msg.TOKEN_NOT_FOUND)
    with transaction.atomic():
        if ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()):
            ApiTokenEvent.objects.create(token=token, account=account, actor=actor, action=ApiTokenEvent.REVOKED,
                                         via=via, payload={"name": token.name, "prefix": token.prefix})
    token.refresh_from_db()
    return token
