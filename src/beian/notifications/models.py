"""The notifications outbox: rows written in the transaction that caused them, delivered by a task."""

from django.conf import settings
from django.db import models


class Message(models.Model):
    SITE, EMAIL, SMS = "site", "email", "sms"
    PENDING, SENT, FAILED = "pending", "sent", "failed"

    account = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="messages")
    order = models.ForeignKey("filings.Order", null=True, blank=True, on_delete=models.CASCADE, related_name="messages")
    channel = models.CharField(max_length=8, choices=[(SITE, "站内信"), (EMAIL, "邮件"), (SMS, "短信")])
    to = models.CharField(max_length=255, blank=True)
    event = models.CharField(max_length=64)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    status = models.CharField(max_length=8, default=PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.channel}:{self.to}:{self.event}"


class SmsRecord(models.Model):
    """What the demo SMS gateway 'sent': the sink page shows these instead of a phone."""

    to = models.CharField(max_length=32, db_index=True)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.to}: {self.body[:20]}"
