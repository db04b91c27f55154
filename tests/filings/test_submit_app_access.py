"""Issue 17: submit re-checks each APP's server as it does each website's (filings.services.submit_order): an APP
whose instance expired or was released after 产品验证 is refused at submit, in the websites' words, at its path."""

from datetime import timedelta

import pytest
from django.utils import timezone

from beian.filings.models import Order
from beian.filings.services import OrderError, create_order, submit_order
from beian.products.models import Instance
from beian.products.services import ProductCheckError, check_product
from tests.e2e.filing_kinds_support import unique, unit_application
from tests.wizard.support import applicant_with_products

pytestmark = pytest.mark.django_db


def _order_with_app(account, website_instance, app_instance) -> Order:
    n = unique()
    application = unit_application(n=n, domains=[[f"submit-app-{n}.com"]])
    application["websites"][0]["access"].update(instance_id=website_instance.instance_id, ip=website_instance.public_ip)
    application["apps"] = [{
        "name": "示例商城", "content": "其他", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
        "platforms": [{"platform": "android", "package_name": "com.example.shop", "public_key": "3082",
                       "signature": "9F1A2B3C4D5E6F708192A3B4C5D6E77C"}], "domains": [f"api.submit-app-{n}.com"],
        "access": {"product": "ecs", "instance_id": app_instance.instance_id, "ip": app_instance.public_ip,
                   "service_number": None},
        "principal": None}]
    return create_order(account=account, application=application)


def _refusal(order) -> list[dict]:
    with pytest.raises(OrderError) as info:
        submit_order(order=order, actor=order.account, agreement=True)
    return info.value.details or []


def _access(details, path):
    return [d for d in details if d["path"] == path]


@pytest.mark.parametrize("change", ["expired", "released"])
def test_an_apps_instance_gone_since_product_check_is_refused_at_submit(change):
    account, instances = applicant_with_products(email=f"submit-app-{change}@example.com", prefix=f"sa{change[0]}")
    site_instance, app_instance = instances[0], instances[1]
    assert app_instance.mainland and site_instance.mainland
    order = _order_with_app(account, site_instance, app_instance)
    assert _access(_refusal(order), "apps[0].access") == [], "the APP's instance is fine before it changes"

    if change == "expired":
        Instance.objects.filter(pk=app_instance.pk).update(expires_at=timezone.now() - timedelta(days=1))
    else:
        Instance.objects.filter(pk=app_instance.pk).delete()
    with pytest.raises(ProductCheckError) as expected:
        check_product(account=account, instance_id=app_instance.instance_id, ip=app_instance.public_ip, order_id=order.pk)

    details = _refusal(Order.objects.get(pk=order.pk))
    found = _access(details, "apps[0].access")
    assert found == [{"code": expected.value.code, "severity": "error", "path": "apps[0].access",
                      "message": expected.value.message}]
    assert expected.value.code == {"expired": "instance_expired", "released": "instance_not_found"}[change]
    assert _access(details, "websites[0].access") == [], "the website's own instance is still fine"
    assert Order.objects.get(pk=order.pk).state == order.state, "nothing submitted"
