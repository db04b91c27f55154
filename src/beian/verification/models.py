"""Phone links (the QR code's signed token), face verification attempts with their evidence, and
requests for manual review after repeated failures."""

from django.conf import settings
from django.db import models

from beian.pii.index import MAX_LENGTH as INDEX_LENGTH


class PhoneLink(models.Model):
    """One person's access to one order's phone page. The URL carries a signed, timestamped id of
    this row; revoking the row (or making a new link for the person) ends the old URL at once."""

    order = models.ForeignKey("filings.Order", on_delete=models.CASCADE, related_name="phone_links")
    person = models.CharField(max_length=40)  # subject_principal | websites[i].principal
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"link {self.pk} ({self.person})"


class FaceAttempt(models.Model):
    PENDING, PASSED, FAILED, ERROR = "pending", "passed", "failed", "error"

    order = models.ForeignKey("filings.Order", on_delete=models.CASCADE, related_name="face_attempts")
    person = models.CharField(max_length=40)
    link = models.ForeignKey(PhoneLink, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, default=PENDING)
    code = models.CharField(max_length=40, blank=True)  # why it failed (stable, for machines)
    message = models.TextField(blank=True)  # what to do, in Chinese
    frames = models.JSONField(default=list)  # storage names of the captured frames
    evidence = models.JSONField(default=dict)  # liveness yaws, distances, registry answer, threshold
    purged_at = models.DateTimeField(null=True, blank=True)  # frames deleted by the retention limit
    # Whose face this is: a blind index of the person's certificate type, number and name when the attempt
    # started. A pass counts only while the order still names the same person (verification.identity).
    identity = models.CharField(max_length=INDEX_LENGTH, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"face {self.pk}: {self.status}"


class ManualReviewRequest(models.Model):
    order = models.ForeignKey("filings.Order", on_delete=models.CASCADE, related_name="manual_reviews")
    person = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    outcome = models.CharField(max_length=10, blank=True)  # approved | rejected
    reason = models.TextField(blank=True)  # the reviewer's recorded reason for the outcome (required)
    identity = models.CharField(max_length=INDEX_LENGTH, blank=True)  # as on FaceAttempt

    class Meta:
        constraints = [models.UniqueConstraint(fields=["order", "person"], condition=models.Q(resolved_at__isnull=True),
                                               name="one_open_manual_review_per_person")]

    def __str__(self) -> str:
        return f"manual review {self.pk} ({self.person})"
