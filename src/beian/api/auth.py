"""Who calls (the key's account, or the signed-in browser) and in which account the request runs.

An agent (reseller, beian.agents) acts for one of its customers by naming it in the `Beian-Customer` header (the
customer's account id or e-mail): the request then runs in the customer's account (`request.auth`) while the
actor stays the agent (`request.user`; the order events name it, beian.agents.signals). Only an ACTIVE link of
an active agent grants it (beian.agents.selectors, the one place that does); anything else is 404
`customer_not_found`, the same for an account that does not exist and one that is not the caller's customer."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from beian.api.models import ApiToken, hash_token

CUSTOMER_HEADER = "Beian-Customer"


def act_as(request, own):
    """The account the request runs in: `own`, or the customer named in the header. Sets `request.acting_for`
    (the customer, or None: the web session's 代客户办理 does not carry over into the API, only the header does)."""
    from beian.agents.selectors import customer_named
    from beian.api import messages as msg
    from beian.api.errors import ApiError

    request.acting_for = None
    raw = request.headers.get(CUSTOMER_HEADER)
    if raw is None:
        return own
    customer = customer_named(agent_user=own, key=raw)
    if customer is None or not customer.is_active:
        raise ApiError(404, "customer_not_found", msg.CUSTOMER_NOT_FOUND, details={"header": CUSTOMER_HEADER})
    request.acting_for = customer
    return customer


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
        return act_as(request, found.account)


class AccountSession(SessionAuth):
    """Session auth for the logged-in browser (CSRF-checked by ninja)."""

    def authenticate(self, request, key):
        own = super().authenticate(request, key)
        return None if own is None else act_as(request, own)


API_AUTH = [TokenAuth(), AccountSession()]


def acting(request) -> bool:
    """Whether an agent is acting for a customer in this request (what stays with the person is refused)."""
    return getattr(request, "acting_for", None) is not None


def require_scope(request, scope: str) -> None:
    """Refuse (403 `scope_missing`) a key that was not given `scope`. A browser session (no key) may do all the
    account may do: scopes narrow what a key can do, not what its account can."""
    from beian.api import messages as msg
    from beian.api.errors import ApiError

    token = getattr(request, "api_token", None)
    if token is not None and not token.allows(scope):
        raise ApiError(403, "scope_missing", msg.SCOPE_MISSING.format(scope=scope), details={"scope": scope})
