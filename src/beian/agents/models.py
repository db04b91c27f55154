"""Agent (reseller) accounts: an account that files for its customers' accounts (docs/decisions.md).

Access is granted by one thing only: an ACTIVE `AgentLink` of an active `Agent` (beian.agents.selectors)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Agent(models.Model):
    """An account made an agent (代理商/渠道商) by staff (admin or `manage make_agent`)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent_profile")
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=True)  # off: every link stops granting access at once
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class AgentLink(models.Model):
    """Agent → customer. INVITED gives nothing until the customer accepts in their own account page; ACTIVE
    grants filing on their behalf; DECLINED / LEFT (the customer ended it) / REMOVED (the agent ended it) end it."""

    INVITED, ACTIVE, DECLINED, LEFT, REMOVED = "invited", "active", "declined", "left", "removed"
    STATUS_CHOICES = [(INVITED, "待接受"), (ACTIVE, "代办中"), (DECLINED, "已拒绝"), (LEFT, "客户已解除"),
                      (REMOVED, "代理商已解除")]
    OPEN = (INVITED, ACTIVE)

    agent = models.ForeignKey(Agent, on_delete=models.PROTECT, related_name="links")
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent_links")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=INVITED, db_index=True)
    created_account = models.BooleanField(default=False)  # the agent created this account (vs invited it)
    created_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One agent answers for a customer at a time: the reviewer console names it without doubt.
            models.UniqueConstraint(fields=["customer"], condition=Q(status="active"),
                                    name="one_active_agent_per_customer"),
            models.UniqueConstraint(fields=["agent", "customer"], condition=Q(status__in=["invited", "active"]),
                                    name="one_open_link_per_agent_customer"),
        ]

    def __str__(self) -> str:
        return f"{self.agent_id}→{self.customer_id}:{self.status}"


class AgentEvent(models.Model):
    """The audit trail of a link: created, invited, accepted, declined, left, removed, acting started/stopped."""

    link = models.ForeignKey(AgentLink, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    kind = models.CharField(max_length=24)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.link_id}:{self.kind}"
