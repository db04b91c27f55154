"""The notifications outbox: rows written in the transaction that caused them, delivered by a task."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from beian.pii.fields import EncryptedJSONField, EncryptedTextField
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


class NotificationSettings(models.Model):
    """备案消息通知设置 of one account (seed 003: "通知接收渠道及接收人的设置请参见备案消息通知设置"): the channels
    turned off per event and the extra recipients. What is stored is what was turned *off*, so every channel of
    an event the catalogue gains later is on until someone turns it off. The extra addresses and mobiles are
    personal data: sealed as a whole (beian.pii), never looked up."""

    account = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="notification_settings")
    off = models.JSONField(default=dict, blank=True)  # event -> channels turned off ("email", "sms")
    extra_emails = EncryptedJSONField(default=list, blank=True)
    extra_mobiles = EncryptedJSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"notification settings of account {self.account_id}"

    @classmethod
    def of(cls, account) -> "NotificationSettings":
        """The account's saved settings, or the defaults (every channel on, nobody extra), unsaved."""
        found = cls.objects.filter(account=account).first() if account is not None and account.pk else None
        return found or cls(account=account, off={}, extra_emails=[], extra_mobiles=[])

    def wants(self, event: str, channel: str) -> bool:
        """The site message is always sent; email and SMS unless turned off for the event."""
        return channel == Message.SITE or channel not in (self.off or {}).get(event, [])


class SettingsChange(models.Model):
    """The audit trail of 备案消息通知设置: who changed what, when; recipients masked (beian.notifications.recipients)."""

    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField(db_index=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"settings change of account {self.account_id} at {self.at:%Y-%m-%d %H:%M}"
