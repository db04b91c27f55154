"""Issue 16 #1 in Chromium: the owner of a server sees each 备案服务号 with its state (another account's order
masked, never its website) and revokes an unused one, on a desktop and a phone."""

import copy

import pytest
from django.contrib.auth import get_user_model

from beian.filings.demo import seed_products
from beian.filings.services import create_order
from beian.products import numbers
from beian.products.models import ServiceNumber
from beian.products.services import obtain_service_number
from tests.e2e.filing_kinds_support import unique, uscc
from tests.filings.conftest import application

from .test_product_and_precheck import _fits, screen  # noqa: F401 (the fixture: both screen sizes)
from .wizard_helpers import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_owner_sees_states_and_revokes_an_unused_number(live_server, screen):  # noqa: F811
    page, base = screen, live_server.url
    User = get_user_model()  # noqa: N806
    owner = User.objects.create_user("sn-owner@example.com", "sn-owner@example.com", "Str0ng-pass-99")
    instance = seed_products(owner, prefix="snown")[0]
    unused = ServiceNumber.objects.get(owner=owner)
    handed = obtain_service_number(account=owner, instance_id=instance.instance_id)
    customer = User.objects.create_user("sn-customer@example.com", "sn-customer@example.com", "Str0ng-pass-99")
    app = copy.deepcopy(application("sn-customer-site.com", cert=uscc(unique())))
    app["websites"][0]["access"] = {"product": "ecs", "instance_id": instance.instance_id, "ip": instance.public_ip,
                                    "service_number": handed.code}
    order = create_order(account=customer, application=app)
    assert numbers.reserve(order=order, in_use={handed.code: "sn-customer-site.com"}) == {}

    login(page, base, "sn-owner@example.com")
    page.goto(base + "/products/service-numbers/")
    reserved = page.locator("#service-numbers tr[data-state=reserved]")
    assert handed.code in reserved.inner_text() and "已被订单预留" in reserved.inner_text()
    assert "其他账号的订单" in reserved.inner_text()
    body = page.locator("body").inner_text()
    assert order.reference not in body and "sn-customer-site.com" not in body
    assert reserved.locator("button").count() == 0  # only an unused number can be revoked
    _fits(page)
    page.shots("owner-numbers")

    row = page.locator("#service-numbers tr[data-state=unused]")
    assert unused.code in row.inner_text()
    row.locator("button", has_text="撤销").click()
    page.wait_for_load_state()
    assert f"已撤销备案服务号 {unused.code}" in page.locator(".flash").inner_text()
    assert "已撤销" in page.locator("#service-numbers tr[data-state=revoked]").inner_text()
    unused.refresh_from_db()
    assert unused.state == "revoked"
