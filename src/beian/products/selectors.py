from collections import Counter

from django.utils import timezone

from beian.products import messages as msg
from beian.products.models import Instance


def usable_instances(*, account, now=None):
    """Instances offered in the wizard's IP list: the account's, in mainland China, not expired."""
    now = now or timezone.now()
    return Instance.objects.filter(owner=account, mainland=True, expires_at__gt=now).order_by("instance_id")


def in_flight_sites(*, exclude_order_id=None) -> Counter:
    """instance id -> websites of orders in flight that name it. Applications are sealed (beian.pii), so the
    database cannot search inside them: the in-flight ones are read once per question."""
    from beian.filings import states
    from beian.filings.models import Order

    orders = Order.objects.filter(state__in=states.IN_FLIGHT).exclude(pk=exclude_order_id)
    return Counter((w.get("access") or {}).get("instance_id") for app in orders.values_list("application", flat=True)
                   for w in app.get("websites") or ())


def used_slots(instance: Instance, *, exclude_order_id=None, in_flight: Counter | None = None) -> int:
    """Websites filed on the instance plus websites of orders in flight that name it (also through a
    备案服务号: its order names the instance), plus the unused service numbers of the instance, each of
    which promises a slot to whoever it was handed to."""
    from beian.filings.models import FiledWebsite
    from beian.products.models import ServiceNumber

    filed = FiledWebsite.objects.filter(instance_id=instance.instance_id, status=FiledWebsite.ACTIVE).count()
    in_flight = in_flight if in_flight is not None else in_flight_sites(exclude_order_id=exclude_order_id)
    promised = ServiceNumber.objects.filter(instance=instance, state=ServiceNumber.UNUSED).count()
    return filed + in_flight[instance.instance_id] + promised


def instances_overview(*, account, now=None) -> list[dict]:
    """我的云服务器实例: every instance of the account, with whether (and why not) it can be filed on."""
    now = now or timezone.now()
    rows = []
    in_flight = in_flight_sites()
    for instance in Instance.objects.filter(owner=account).order_by("instance_id"):
        used = used_slots(instance, in_flight=in_flight)
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
