import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

TOKEN_PREFIX = "bk_"

# What a key may do (issue 16 #3). A key holds a subset; a signed-in browser session holds them all.
SCOPES = {
    "precheck": "预检",
    "orders:read": "读取订单与备案",
    "orders:write": "创建、填写、提交、撤销订单",
    "materials:write": "上传资料",
    "webhooks": "管理 Webhook",
}


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A reseller/automation credential. Only the hash is stored: a leaked database leaks no tokens."""

    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60)
    prefix = models.CharField(max_length=12, help_text="first characters, shown to tell tokens apart")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Keys issued before scopes existed keep every scope (they could do everything then); new keys name theirs.
    scopes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, account, name: str, scopes=None) -> tuple["ApiToken", str]:
        """A new key; `scopes` defaults to all of them. Unknown scope names raise ValueError."""
        chosen = list(SCOPES) if scopes is None else [s for s in SCOPES if s in set(scopes)]
        unknown = set(scopes or ()) - set(SCOPES)
        if unknown:
            raise ValueError(", ".join(sorted(unknown)))
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(account=account, name=name, prefix=raw[:10], token_hash=hash_token(raw),
                                   scopes=chosen)
        return token, raw

    def allows(self, scope: str) -> bool:
        return scope in self.scopes

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class ApiTokenEvent(models.Model):
    """The audit trail of API keys: who created or revoked which key, when, and where (account page or command
    line). Kept when the key is revoked; only the key's prefix and name are recorded, never the key."""

    CREATED, REVOKED = "created", "revoked"
    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="events")
    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    action = models.CharField(max_length=16, choices=[(CREATED, "创建"), (REVOKED, "吊销")])
    via = models.CharField(max_length=16)  # web | cli
    at = models.DateTimeField(default=timezone.now)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.token_id}"


class IdempotencyKey(models.Model):
    """An `Idempotency-Key` an account sent with POST /api/v1/orders: the hash of the body it came with and the
    order it created. A retry with the same key and body gets that order back; another body is refused (409).
    Per account: two accounts may use the same key. Forgotten after `expires_at` (24 h)."""

    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    body_hash = models.CharField(max_length=64)
    order = models.ForeignKey("filings.Order", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "key"], name="one_idempotency_key_per_account")]

    def __str__(self) -> str:
        return self.key
