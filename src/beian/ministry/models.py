"""Platform-side records of the ministry integration."""

from django.db import models


class MinistryResult(models.Model):
    """Every result applied, by its ministry result id: a duplicate delivery is recognised and skipped."""

    result_id = models.CharField(max_length=64, unique=True)
    request_id = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=16)
    channel = models.CharField(max_length=8, default="pull")  # pull | push: how it arrived first
    order = models.ForeignKey("filings.Order", null=True, blank=True, on_delete=models.SET_NULL)
    applied_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.result_id


class MinistryCursor(models.Model):
    """Where the result pull left off."""

    name = models.CharField(max_length=32, unique=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}={self.value}"
