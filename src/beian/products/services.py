"""产品验证: the instance (or service number) a website is filed on must be usable for a filing."""

import ipaddress
import random
import re
import unicodedata
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from beian.products import messages as msg
from beian.products import numbers
from beian.products.models import Instance, ServiceNumber
from beian.products.selectors import used_slots

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # never in an id; PostgreSQL refuses NUL in a query
SERVICE_NUMBER_SHAPE = re.compile(r"[0-9a-z][0-9a-z-]{3,63}")
DEMO_INSTANCE_LIMIT = 5


class ProductCheckError(Exception):
    """`field` names the input the problem is about: `instance_id`, `service_number` or "" (the website)."""

    def __init__(self, code: str, message: str, field: str = ""):
        super().__init__(message)
        self.code, self.message, self.field = code, message, field


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def normalise_service_number(value: str) -> str:
    """What people paste: full-width characters, spaces, upper case -> the code as issued."""
    value = unicodedata.normalize("NFKC", value or "")
    return re.sub(r"\s+", "", value).replace("－", "-").replace("—", "-").lower()


def _domain_in_order(order_id, code: str) -> str:
    from beian.filings.models import Order

    application = Order.objects.filter(pk=order_id).values_list("application", flat=True).first() or {}
    for website in application.get("websites") or ():
        if (website.get("access") or {}).get("service_number") == code and website.get("domains"):
            return website["domains"][0]
    return ""


def _filed_website_of(order_id):
    from beian.filings.models import Order

    return Order.objects.filter(pk=order_id).values_list("filed_website_id", flat=True).first() if order_id else None


def _check_instance(instance: Instance, *, now, order_id, count_slots: bool) -> None:
    if not instance.mainland:
        raise ProductCheckError("instance_not_mainland", msg.INSTANCE_NOT_MAINLAND.format(
            instance=instance.instance_id, region=msg.region_label(instance.region)), "instance_id")
    if instance.expires_at <= now:
        raise ProductCheckError("instance_expired", msg.INSTANCE_EXPIRED.format(
            instance=instance.instance_id, date=timezone.localtime(instance.expires_at).date()), "instance_id")
    if count_slots and used_slots(instance, exclude_order_id=order_id) >= instance.filing_capacity:
        raise ProductCheckError("instance_full", msg.INSTANCE_FULL.format(
            instance=instance.instance_id, capacity=instance.filing_capacity), "instance_id")


def check_product(*, account, instance_id: str = "", ip: str = "", service_number: str = "", order_id=None,
                  now=None, domain: str = "") -> Instance:
    """Returns the instance to file on, or raises ProductCheckError with a stable code.

    A service number works for any account (方法二): it is how the server's owner lets someone else
    file on their server, so knowing the code is the permission; it is used up by one website (its
    states: beian.products.numbers). Revoked, or held by another website's order or filing: refused.
    """
    now = now or timezone.now()
    instance_id, ip = _CONTROL.sub("", instance_id or "").strip(), _CONTROL.sub("", ip or "").strip()
    service_number = normalise_service_number(service_number)
    if service_number:
        if not SERVICE_NUMBER_SHAPE.fullmatch(service_number):
            raise ProductCheckError("service_number_malformed",
                                    msg.SERVICE_NUMBER_MALFORMED.format(code=service_number[:80]), "service_number")
        number = ServiceNumber.objects.select_related(
            "instance", "consumed_order", "filed_website__filing").filter(code=service_number).first()
        if number is None:
            raise ProductCheckError("service_number_not_found", msg.SERVICE_NUMBER_NOT_FOUND.format(code=service_number),
                                    "service_number")
        problem = numbers.refusal(number, account=account, order_id=order_id, filed_website_id=_filed_website_of(order_id),
                                  domain=domain or (_domain_in_order(order_id, number.code) if order_id else ""))
        if problem:
            raise problem
        try:
            _check_instance(number.instance, now=now, order_id=order_id, count_slots=False)
        except ProductCheckError as exc:
            raise ProductCheckError(exc.code, msg.VIA_SERVICE_NUMBER.format(code=service_number, reason=exc.message),
                                    "service_number") from None
        return number.instance
    if not instance_id and not ip:
        raise ProductCheckError("nothing_chosen", msg.NOTHING_CHOSEN.format(domain=domain or msg.NO_DOMAIN))
    if ip and not _is_ip(ip):
        raise ProductCheckError("ip_invalid", msg.IP_INVALID.format(ip=ip[:80]), "instance_id")
    lookup = Q(instance_id=instance_id) if instance_id else Q(public_ip=ip)
    instance = Instance.objects.filter(lookup, owner=account).first() if len(instance_id) <= 64 else None
    if instance is None:
        raise ProductCheckError("instance_not_found", msg.INSTANCE_NOT_FOUND.format(instance=(instance_id or ip)[:80]),
                                "instance_id")
    if ip and instance.public_ip != ip:
        raise ProductCheckError("ip_mismatch", msg.IP_MISMATCH.format(ip=ip[:80], instance=instance.instance_id,
                                                                      actual=instance.public_ip), "instance_id")
    _check_instance(instance, now=now, order_id=order_id, count_slots=True)
    return instance


def reserve_service_numbers(*, order, in_use: dict[str, str], actor=None) -> dict[str, ProductCheckError]:
    """Mark the numbers an order's websites use ({code: domain}) as reserved by it; give back the ones it
    no longer uses, so a number typed by mistake is not lost to its owner. Returns the numbers another
    order took meanwhile ({code: error})."""
    return numbers.reserve(order=order, in_use=in_use, actor=actor)


def obtain_service_number(*, account, instance_id: str):
    """申请备案服务号: one per request, for an instance the account owns (mainland, not expired, a free slot:
    an unused number holds one, see selectors.used_slots)."""
    with transaction.atomic():
        # One slot check at a time per instance: two requests cannot both take its last slot.
        Instance.objects.select_for_update().filter(instance_id=instance_id[:64], owner=account).first()
        instance = check_product(account=account, instance_id=instance_id)
        number = ServiceNumber.objects.create(code=str(uuid.uuid4()), owner=account, instance=instance,
                                              changed_at=timezone.now())
        numbers._log(number, "obtained", from_state="", to_state=ServiceNumber.UNUSED, now=number.changed_at,
                     actor=account)
    return number


def demo_purchase_enabled() -> bool:
    return settings.PRODUCTS_DEMO_PURCHASE


def open_demo_instance(*, account, now=None) -> Instance:
    """开通演示实例: an ECS instance in 华东1（杭州） with a public IP, valid for one year."""
    if not demo_purchase_enabled():
        raise ProductCheckError("demo_disabled", msg.DEMO_DISABLED)
    now = now or timezone.now()
    with transaction.atomic():
        if Instance.objects.filter(owner=account, instance_id__startswith="i-bp").count() >= DEMO_INSTANCE_LIMIT:
            raise ProductCheckError("demo_limit", msg.DEMO_LIMIT.format(limit=DEMO_INSTANCE_LIMIT))
        rng = random.SystemRandom()
        while True:
            ip = str(ipaddress.IPv4Address("47.98.0.0") + rng.randrange(1, 65534))
            if not Instance.objects.filter(public_ip=ip).exists():
                break
        return Instance.objects.create(
            owner=account, product=Instance.ECS, instance_id=f"i-bp{uuid.uuid4().hex[:18]}", name="演示实例",
            region="cn-hangzhou", mainland=True, public_ip=ip, expires_at=now + timedelta(days=365))
