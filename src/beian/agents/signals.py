"""Every order event an agent causes says so: "代理商 X 代客户 Y" in its payload (`on_behalf`), whichever
service wrote it. One receiver instead of a parameter threaded through every service."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from beian.filings.models import OrderEvent


@receiver(pre_save, sender=OrderEvent)
def _name_the_agent(sender, instance, raw=False, **kwargs):
    if raw or not instance._state.adding or not instance.actor_id:
        return
    from beian.agents.services import on_behalf

    found = on_behalf(actor_id=instance.actor_id, account_id=instance.order.account_id)
    if found is not None:
        instance.payload = {**(instance.payload or {}), "on_behalf": found}
