"""The notifications outbox: rows written in the transaction that caused them, delivered by a task."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from beian.pii.fields import EncryptedTextField
from beian.pii.index import MAX_LENGTH as INDEX_LENGTH
from beian.pii.index import MOBILE, blind_index, blind_indexes
from beian.pii.mask import mask_mobile


class Message(models.Model):
    SITE, EMAIL, SMS = "site", "email", "sms"
    PENDING, SENT, FAILED = "pending", "sent", "failed"

    account = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="messages")
    order = models.ForeignKey("filings.Order", null=True, blank=True, on_delete=models.CASCADE, related_name="messages")
    channel = models.CharField(max_length=8, choices=[(SITE, "站内信"), (EMAIL, "邮件"), (SMS, "短信")])
    to = EncryptedTextField(blank=True)  # the mobile, email address or login it went to: sealed
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
        return f"{self.channel}:{mask_mobile(self.to) if self.channel == self.SMS else '…'}:{self.event}"


class SmsRecord(models.Model):
    """What the demo SMS gateway 'sent': the sink page shows these instead of a phone. The mobile is sealed
    and found by its blind index (`for_mobile`)."""

    to = EncryptedTextField()
    to_index = models.CharField(max_length=INDEX_LENGTH, db_index=True, default="")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{mask_mobile(self.to)}: {self.body[:20]}"

    def save(self, *args, **kwargs):
        self.to_index = blind_index(self.to, kind=MOBILE)
        super().save(*args, **kwargs)

    @staticmethod
    def for_mobile(mobile: str) -> Q:
        return Q(to_index__in=blind_indexes(mobile, kind=MOBILE))
