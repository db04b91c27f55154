"""The 产品验证 step's form: each website's chosen instance or 备案服务号, checked and written to `access`.

Field names are precheck.md paths (`websites[0].access.service_number`), like the wizard's other steps,
so an error lands next to the input it is about.
"""

import re
from urllib.parse import urlencode

from django.urls import reverse

from beian.products import messages as msg
from beian.products import services
from beian.products.selectors import instance_count, usable_instances
from beian.products.services import ProductCheckError, check_product, normalise_service_number

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # never part of an id; PostgreSQL refuses NUL in JSON text
KEEP = 200  # what a person typed is kept (and shown back) up to this length, even when it is wrong


def _domain(website: dict) -> str:
    domains = website.get("domains") or []
    return domains[0] if domains and isinstance(domains[0], str) else ""


def served(application: dict):
    """(path prefix, item) of each website, then each APP (precheck.md "APP filing": an APP's access works as a
    website's)."""
    for key in ("websites", "apps"):
        for i, item in enumerate(application.get(key) or ()):
            if isinstance(item, dict):
                yield f"{key}[{i}]", item


def _named(prefix: str, item: dict) -> str:
    """What a service is called in a message: a website's domain; an APP's first domain, else its name."""
    return _domain(item) or (str(item.get("name") or "") if prefix.startswith("apps[") else "")


def apply_choices(*, account, order, application: dict, post=None, keep=frozenset(),
                  codes: dict | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """Checks every website's access; with `post`, first takes the person's choices from it (except for
    the websites in `keep`, which keep what is saved: not on the posted page, or the other tab's choice).

    Returns ({field path: Chinese error}, {service number: domain} in use). Without `post` (a page
    reload) a website where nothing was chosen yet gets no error: findings follow the person's action.
    `codes`, when given, collects {field path: the ProductCheckError's stable code} (the JSON API's findings).
    """
    errors: dict[str, str] = {}
    numbers: dict[str, str] = {}
    seen: dict[str, int] = {}
    for i, (prefix, website) in enumerate(served(application)):
        access = website.get("access") if isinstance(website.get("access"), dict) else {}
        if post is not None and i not in keep and prefix not in keep:
            choice = _CONTROL.sub("", post.get(f"{prefix}.access.instance_id", "")).strip()[:KEEP]
            typed = _CONTROL.sub("", post.get(f"{prefix}.access.service_number", "")).strip()[:KEEP]
        else:
            choice, typed = (access.get("instance_id") or ""), (access.get("service_number") or "")
            if not choice and not typed:
                continue
        number = normalise_service_number(typed)
        base = f"{prefix}.access"
        try:
            if number and number in seen:
                raise ProductCheckError("service_number_twice", msg.SERVICE_NUMBER_TWICE.format(
                    code=number, n=seen[number] + 1), "service_number")
            instance = check_product(account=account, instance_id=choice, service_number=number, order_id=order.pk,
                                     domain=_named(prefix, website))
        except ProductCheckError as exc:
            errors[f"{base}.{exc.field}" if exc.field else base] = exc.message
            if codes is not None:
                codes[f"{base}.{exc.field}" if exc.field else base] = exc.code
            if post is not None and i not in keep and prefix not in keep:
                website["access"] = {"product": access.get("product") or "ecs", "instance_id": choice or None,
                                     "ip": None, "service_number": typed or None}
            continue
        if number:
            seen[number] = i
            numbers[number] = _named(prefix, website)
        website["access"] = {"product": instance.product, "instance_id": instance.instance_id,
                             "ip": instance.public_ip, "service_number": number or None}
    return errors, numbers


def reserve_service_numbers(*, order, application: dict, in_use: dict[str, str], actor=None,
                            codes: dict | None = None) -> dict[str, str]:
    """After the step is saved: the numbers its websites use are reserved by this order. Returns the errors
    ({field path: Chinese error}) of the numbers another order took since they were checked (a race)."""
    lost = services.reserve_service_numbers(order=order, in_use=in_use, actor=actor)
    errors = {}
    for prefix, website in served(application):
        access = website.get("access") if isinstance(website.get("access"), dict) else {}
        code = normalise_service_number(access.get("service_number") or "")
        if code in lost:
            errors[f"{prefix}.access.service_number"] = lost[code].message
            if codes is not None:
                codes[f"{prefix}.access.service_number"] = lost[code].code
    return errors


def page_context(*, account, application: dict, errors: dict[str, str], back: str) -> dict:
    """What the step page shows: each website with its values and errors, the instances to choose from,
    and where to go when there are none."""
    instances = list(usable_instances(account=account))
    sites = []
    for i, (prefix, website) in enumerate(served(application)):
        access = website.get("access") if isinstance(website.get("access"), dict) else {}
        base = f"{prefix}.access"
        app = prefix.startswith("apps[")
        sites.append({"i": i, "prefix": prefix, "app": app, "n": int(prefix[prefix.index("[") + 1:-1]) + 1,
                      "name": str(website.get("name") or ""), "domain": _domain(website), "instance_id": access.get("instance_id") or "",
                      "service_number": access.get("service_number") or "", "error": errors.get(base),
                      "instance_error": errors.get(f"{base}.instance_id"),
                      "number_error": errors.get(f"{base}.service_number")})
    return {"sites": sites, "instances": instances, "unusable": instance_count(account=account) - len(instances),
            "instances_url": f"{reverse('products:instances')}?{urlencode({'next': back})}",
            "numbers_url": reverse("products:service_numbers")}
