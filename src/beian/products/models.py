"""Cloud products as the provider knows them: instances with public IPs and filing service numbers."""

from django.conf import settings
from django.db import models


class Instance(models.Model):
    ECS, SITE_BUILDER = "ecs", "site_builder"
    PRODUCT_CHOICES = [(ECS, "云服务器 ECS"), (SITE_BUILDER, "建站市场")]

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="instances")
    product = models.CharField(max_length=16, choices=PRODUCT_CHOICES)
    instance_id = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=32)  # e.g. cn-hangzhou, ap-southeast-1
    mainland = models.BooleanField(default=True)
    public_ip = models.GenericIPAddressField()
    expires_at = models.DateTimeField()
    # How many websites may be filed on this instance (platform limit, e.g. 5 per ECS).
    filing_capacity = models.PositiveIntegerField(default=5)

    class Meta:
        ordering = ["instance_id"]

    def __str__(self) -> str:
        return f"{self.instance_id} ({self.public_ip})"


class ServiceNumber(models.Model):
    """备案服务号: lets a website file on an instance bought under another account; consumed by one website."""

    code = models.CharField(max_length=64, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="service_numbers")
    instance = models.ForeignKey(Instance, on_delete=models.CASCADE, related_name="service_numbers")
    created_at = models.DateTimeField(auto_now_add=True)
    consumed_order = models.ForeignKey("filings.Order", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="service_numbers")
    consumed_domain = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return self.code
