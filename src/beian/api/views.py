"""账号 → API 令牌 (/accounts/api-tokens/): the signed-in account's own keys, created and revoked by POST (CSRF), each
audited (beian.api.keys). The URL names no account and the forms name only the account's own keys."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from beian.api import keys
from beian.api import messages as msg
from beian.api.models import SCOPES, ApiToken, ApiTokenEvent


@never_cache  # the page that shows a new key once must not be kept by any cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    created = error = None
    typed_name, typed_scopes = "", list(SCOPES)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "revoke":
            try:
                keys.revoke(account=request.user, actor=request.user, token_id=request.POST.get("token", "")[:20],
                            via="web")
            except keys.KeyRefused as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, msg.TOKEN_REVOKED)
            return redirect("accounts:api_tokens")
        typed_name = request.POST.get("name", "")[:60]
        typed_scopes = [s for s in request.POST.getlist("scopes") if s in SCOPES]
        try:
            token, raw = keys.create(account=request.user, actor=request.user, name=typed_name,
                                     scopes=request.POST.getlist("scopes")[:10], via="web")
        except keys.KeyRefused as exc:
            error = exc
        else:
            created = {"token": token, "raw": raw}  # shown in this answer only: never stored, never redirected
            typed_name, typed_scopes = "", list(SCOPES)
    live = ApiToken.objects.filter(account=request.user, revoked_at__isnull=True).order_by("-created_at")
    history = ApiTokenEvent.objects.filter(account=request.user).select_related("actor").order_by("-at", "-id")[:20]
    return render(request, "api/tokens.html", {
        "tokens": [{"t": t, "scopes": [SCOPES[s] + f"（{s}）" for s in t.scopes if s in SCOPES]} for t in live],
        "scopes": [{"name": k, "label": v, "checked": k in typed_scopes} for k, v in SCOPES.items()],
        "created": created, "error": error, "name": typed_name, "history": history, "msg": msg,
    }, status=400 if error else 200)
