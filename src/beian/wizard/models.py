import hashlib

from django.db import models


class MobileCode(models.Model):
    """A 6-digit code sent to the subject principal's mobile at the 主体负责人 step (hash only)."""

    order = models.ForeignKey("filings.Order", on_delete=models.CASCADE, related_name="mobile_codes")
    mobile = models.CharField(max_length=20)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.order_id}:{self.mobile[:3]}****{self.mobile[-4:]}"

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
