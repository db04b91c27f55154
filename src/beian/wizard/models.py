import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q

from beian.pii.fields import EncryptedTextField
from beian.pii.index import MAX_LENGTH as INDEX_LENGTH
from beian.pii.index import MOBILE, blind_index, blind_indexes
from beian.pii.mask import mask_mobile


class MobileCode(models.Model):
    """A 6-digit code sent to the subject principal's mobile at the 主体负责人 step (hash only). The mobile is
    sealed and found by its blind index (`for_mobile`)."""

    order = models.ForeignKey("filings.Order", on_delete=models.CASCADE, related_name="mobile_codes")
    mobile = EncryptedTextField()
    mobile_index = models.CharField(max_length=INDEX_LENGTH, db_index=True, default="")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.order_id}:{mask_mobile(self.mobile)}"

    def save(self, *args, **kwargs):
        self.mobile_index = blind_index(self.mobile, kind=MOBILE)
        super().save(*args, **kwargs)

    @staticmethod
    def for_mobile(mobile: str) -> Q:
        return Q(mobile_index__in=blind_indexes(mobile, kind=MOBILE))

    @staticmethod
    def hash(order_id: int, code: str) -> str:
        return hashlib.sha256(f"{order_id}:{code}".encode()).hexdigest()


class StepVisit(models.Model):
    """A wizard step a person has reached (and saved) on an order. Kept apart from the order so that
    recording a visit never bumps the order's version (which would look like an edit from another tab)
    and never races with other domains writing `Order.meta`."""

    order = models.ForeignKey("filings.Order", on_delete=models.CASCADE, related_name="step_visits")
    step = models.CharField(max_length=16)
    reached_at = models.DateTimeField()
    # Set once the person acted on the step (any POST): from then on its findings are shown on arrival.
    saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["order", "step"], name="one_visit_per_order_step")]

    def __str__(self) -> str:
        return f"{self.order_id}:{self.step}"


class HandOff(models.Model):
    """在手机上继续: one signed, short-lived, single-use link that signs another device into the account for this
    order only (docs/decisions.md). The URL carries a signed id of this row; the row says whether it may still be
    used (`expires_at`, `used_at`, `revoked_at`) and, once used, until when the device's session lasts."""

    order = models.ForeignKey("filings.Order", on_delete=models.CASCADE, related_name="handoffs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()  # the link must be opened (confirmed) before this
    step = models.CharField(max_length=16, blank=True)  # where the other device lands
    used_at = models.DateTimeField(null=True, blank=True)
    session_until = models.DateTimeField(null=True, blank=True)  # the other device's session ends then
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"handoff {self.pk} of {self.order_id}"
