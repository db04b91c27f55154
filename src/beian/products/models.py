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
    """备案服务号: lets a website file on an instance bought under another account (seed 003 §4 方法二).

    Its states (docs/decisions.md): unused → reserved (an order's 产品验证 names it) → consumed (that order is
    submitted) → filed (approved: `filed_website`); reserved/consumed go back to unused when the order is
    cancelled or expires or stops naming it; the owner may revoke it while unused. Every move is a
    ServiceNumberEvent."""

    UNUSED, RESERVED, CONSUMED, FILED, REVOKED = "unused", "reserved", "consumed", "filed", "revoked"
    STATE_CHOICES = [(UNUSED, "未使用"), (RESERVED, "已被订单预留"), (CONSUMED, "已随订单提交"),
                     (FILED, "已被备案使用"), (REVOKED, "已撤销")]
    HELD = (RESERVED, CONSUMED)  # states in which `consumed_order` holds the number

    code = models.CharField(max_length=64, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="service_numbers")
    instance = models.ForeignKey(Instance, on_delete=models.CASCADE, related_name="service_numbers")
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=12, choices=STATE_CHOICES, default=UNUSED, db_index=True)
    # The order that holds (reserved, consumed) or held (filed) the number, and the website it is for.
    consumed_order = models.ForeignKey("filings.Order", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="service_numbers")
    consumed_domain = models.CharField(max_length=255, blank=True)
    filed_website = models.ForeignKey("filings.FiledWebsite", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="service_numbers")
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(state__in=["unused", "reserved", "consumed", "filed", "revoked"]),
                                   name="service_number_state_known"),
        ]

    def __str__(self) -> str:
        return self.code


class ServiceNumberEvent(models.Model):
    """The audit trail of one 备案服务号: who moved it, from which state to which, for which order."""

    number = models.ForeignKey(ServiceNumber, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    kind = models.CharField(max_length=16)  # obtained | reserved | released | consumed | filed | revoked
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12)
    order = models.ForeignKey("filings.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.number_id} {self.from_state}->{self.to_state}"
