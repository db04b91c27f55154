from django.db.models import Q
from django.utils import timezone

from beian.products import messages as msg
from beian.products.models import Instance


def usable_instances(*, account, now=None):
    """Instances offered in the wizard's IP list: the account's, in mainland China, not expired."""
    now = now or timezone.now()
    return Instance.objects.filter(owner=account, mainland=True, expires_at__gt=now).order_by("instance_id")


def used_slots(instance: Instance, *, exclude_order_id=None) -> int:
    """Websites filed on the instance plus websites of orders in flight that name it."""
    from beian.filings import states
    from beian.filings.models import FiledWebsite, Order

    filed = FiledWebsite.objects.filter(instance_id=instance.instance_id, status=FiledWebsite.ACTIVE).count()
    orders = Order.objects.filter(state__in=states.IN_FLIGHT).exclude(pk=exclude_order_id)
    in_flight = sum(
        1 for app in orders.filter(Q(application__icontains=instance.instance_id)).values_list("application", flat=True)
        for w in app.get("websites") or () if (w.get("access") or {}).get("instance_id") == instance.instance_id
    )
    return filed + in_flight


def instances_overview(*, account, now=None) -> list[dict]:
    """我的云服务器实例: every instance of the account, with whether (and why not) it can be filed on."""
    now = now or timezone.now()
    rows = []
    for instance in Instance.objects.filter(owner=account).order_by("instance_id"):
        used = used_slots(instance)
        if not instance.mainland:
            status = msg.STATUS_NOT_MAINLAND
        elif instance.expires_at <= now:
            status = msg.STATUS_EXPIRED
        elif used >= instance.filing_capacity:
            status = msg.STATUS_FULL
        else:
            status = msg.STATUS_USABLE
        rows.append({"instance": instance, "region": msg.region_label(instance.region), "used": used,
                     "usable": status == msg.STATUS_USABLE, "status": status})
    return rows


def instance_count(*, account) -> int:
    return Instance.objects.filter(owner=account).count()
