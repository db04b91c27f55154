"""产品验证: the instance (or service number) a website is filed on must be usable for a filing."""

from django.db.models import Q
from django.utils import timezone

from beian.products import messages as msg
from beian.products.models import Instance, ServiceNumber


class ProductCheckError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def _used_slots(instance: Instance, *, exclude_order_id=None) -> int:
    from beian.filings import states
    from beian.filings.models import FiledWebsite, Order

    filed = FiledWebsite.objects.filter(instance_id=instance.instance_id, status=FiledWebsite.ACTIVE).count()
    orders = Order.objects.filter(state__in=states.IN_FLIGHT).exclude(pk=exclude_order_id)
    in_flight = sum(
        1 for app in orders.filter(Q(application__icontains=instance.instance_id)).values_list("application", flat=True)
        for w in app.get("websites") or () if (w.get("access") or {}).get("instance_id") == instance.instance_id
    )
    return filed + in_flight


def check_product(*, account, instance_id: str = "", ip: str = "", service_number: str = "", order_id=None,
                  now=None) -> Instance:
    """Returns the instance to file on, or raises ProductCheckError with a stable code."""
    now = now or timezone.now()
    instance_id, ip, service_number = (instance_id or "").strip(), (ip or "").strip(), (service_number or "").strip()
    if service_number:
        number = ServiceNumber.objects.select_related("instance").filter(code=service_number).first()
        if number is None:
            raise ProductCheckError("service_number_not_found", msg.SERVICE_NUMBER_NOT_FOUND.format(code=service_number))
        if number.owner_id != account.id:
            raise ProductCheckError("service_number_not_yours", msg.SERVICE_NUMBER_NOT_YOURS.format(code=service_number))
        if number.consumed_order_id and number.consumed_order_id != order_id:
            raise ProductCheckError("service_number_used", msg.SERVICE_NUMBER_USED.format(code=service_number))
        instance = number.instance
    else:
        if not instance_id and not ip:
            raise ProductCheckError("nothing_chosen", msg.NOTHING_CHOSEN)
        lookup = Q(instance_id=instance_id) if instance_id else Q(public_ip=ip)
        instance = Instance.objects.filter(lookup, owner=account).first()
        if instance is None:
            raise ProductCheckError("instance_not_found", msg.INSTANCE_NOT_FOUND)
        if ip and instance.public_ip != ip:
            raise ProductCheckError("ip_mismatch", msg.IP_MISMATCH.format(ip=ip, instance=instance.instance_id,
                                                                          actual=instance.public_ip))
    if not instance.mainland:
        raise ProductCheckError("instance_not_mainland", msg.INSTANCE_NOT_MAINLAND.format(
            instance=instance.instance_id, region=instance.region))
    if instance.expires_at <= now:
        raise ProductCheckError("instance_expired", msg.INSTANCE_EXPIRED.format(
            instance=instance.instance_id, date=timezone.localtime(instance.expires_at).date()))
    if not service_number and _used_slots(instance, exclude_order_id=order_id) >= instance.filing_capacity:
        raise ProductCheckError("instance_full", msg.INSTANCE_FULL.format(instance=instance.instance_id,
                                                                          capacity=instance.filing_capacity))
    return instance


def obtain_service_number(*, account, instance_id: str):
    """申请备案服务号: one per request, for an instance the account owns (mainland, not expired)."""
    import uuid

    from beian.products.models import ServiceNumber

    instance = check_product(account=account, instance_id=instance_id)
    code = str(uuid.uuid4())
    return ServiceNumber.objects.create(code=code, owner=account, instance=instance)
