"""Reviewer work on an order: claims, per-field decisions, supplement requests, call log."""

from django.conf import settings
from django.db import models

from beian.pii.fields import EncryptedTextField


class ReviewClaim(models.Model):
    order = models.OneToOneField("filings.Order", on_delete=models.CASCADE, related_name="review_claim")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    claimed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.order_id}:{self.reviewer_id}"


class FieldDecision(models.Model):
    """A reviewer's verdict on one field (precheck.md path); open rejections are shown to the applicant."""

    APPROVE, REJECT = "approve", "reject"
    order = models.ForeignKey("filings.Order", on_delete=models.CASCADE, related_name="field_decisions")
    path = models.CharField(max_length=120)
    verdict = models.CharField(max_length=8, choices=[(APPROVE, "通过"), (REJECT, "驳回")])
    reason_code = models.CharField(max_length=32, blank=True)
    note = models.CharField(max_length=300, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.path}:{self.verdict}"


class SupplementRequest(models.Model):
    order = models.ForeignKey("filings.Order", on_delete=models.CASCADE, related_name="supplements")
    kind = models.CharField(max_length=12)  # materials | mail | remail | video
    details = models.TextField(blank=True)
    mail_address = models.CharField(max_length=200, blank=True)
    tracking_number = models.CharField(max_length=60, blank=True)
    appointment_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.order_id}:{self.kind}"


class CallLog(models.Model):
    order = models.ForeignKey("filings.Order", on_delete=models.CASCADE, related_name="calls")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField()
    mobile = EncryptedTextField()
    outcome = models.CharField(max_length=16)
    notes = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.order_id}:{self.outcome}"
