"""Webhook endpoints of an account, the events sent to them and every delivery attempt (the delivery log).

Deliveries are rows written in the transaction that caused them (an outbox, like notifications.Message):
a rolled-back transition sends nothing, and a crashed worker loses nothing (the periodic sweep retries)."""

import secrets

from django.conf import settings
from django.db import models

from beian.pii.fields import EncryptedTextField

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


class Endpoint(models.Model):
    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.CharField(max_length=500)
    description = models.CharField(max_length=100, blank=True)
    events = models.JSONField(default=list)
    # The platform signs with the secret, so it must be readable: sealed at rest (beian.pii), shown once.
    secret = EncryptedTextField()
    secret_hint = models.CharField(max_length=16, help_text="first characters, to tell secrets apart")
    is_active = models.BooleanField(default=True)
    disabled_reason = models.CharField(max_length=200, blank=True)
    failed_deliveries = models.PositiveIntegerField(default=0, help_text="deliveries given up on since the last success")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"webhook {self.pk} of account {self.account_id}"


class Delivery(models.Model):
    """One event for one endpoint; its body is fixed at creation, so every retry sends the same bytes."""

    PENDING, SUCCEEDED, FAILED = "pending", "succeeded", "failed"
    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.CharField(max_length=40, db_index=True)
    event_type = models.CharField(max_length=40)
    order = models.ForeignKey("filings.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField()
    status = models.CharField(max_length=10, default=PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id} -> endpoint {self.endpoint_id}"


class Attempt(models.Model):
    """One POST of a delivery: the delivery log the owner sees."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField()
    manual = models.BooleanField(default=False)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    next_retry_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"attempt {self.number} of delivery {self.delivery_id}: {self.status_code or self.error[:30]}"

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class EndpointChange(models.Model):
    """The audit trail of webhook settings: who added, changed, rotated, tested, redelivered or deleted what."""

    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    endpoint_id_value = models.BigIntegerField(null=True, blank=True)  # kept after the endpoint is deleted
    at = models.DateTimeField(db_index=True)
    action = models.CharField(max_length=20)  # created | updated | deleted | rotated | tested | redelivered | disabled
    via = models.CharField(max_length=8, default="web")  # web | api | system
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} webhook {self.endpoint_id_value} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def action_label(self) -> str:
        from beian.webhooks.messages import ACTION_LABELS

        return ACTION_LABELS.get(self.action, self.action)

    @property
    def via_label(self) -> str:
        from beian.webhooks.messages import VIA_LABELS

        return VIA_LABELS.get(self.via, self.via)
