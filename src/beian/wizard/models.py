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
