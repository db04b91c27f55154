"""Issue 16 #2 in a browser: an agent creates a customer account, switches to 代客户办理, starts the customer's
order under the banner, leaves the customer's account; the customer later sees the order and who filed it."""

import pytest
from django.contrib.auth import get_user_model

from beian.agents import services
from beian.filings.demo import seed_business, seed_products
from beian.filings.models import Order, OrderEvent

from .filing_kinds_support import PASSWORD, unique, uscc
from .wizard_helpers import basic_step, login

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_agent_files_for_a_new_customer(live_server, page):
    base, n = live_server.url, unique()
    agent = get_user_model().objects.create_user(f"agent-{n}@example.com", f"agent-{n}@example.com", PASSWORD)
    services.make_agent(user=agent, name="浏览器渠道")
    cert, name = uscc(n), f"杭州第{n}示例科技有限公司"
    seed_business((cert, name, "张三"))

    login(page, base, agent.email)
    page.goto(base + "/agents/")
    page.fill('#customer-create [name="email"]', f"shop-{n}@example.com")
    page.fill('#customer-create [name="name"]', "网店客户")
    page.click("#customer-create button[type=submit]")
    page.wait_for_load_state()
    customer = get_user_model().objects.get(email=f"shop-{n}@example.com")
    seed_products(customer, prefix=f"ag{n}")
    row = page.locator(f'#customers tr[data-customer="shop-{n}@example.com"]')
    assert row.get_attribute("data-status") == "active"
    page.shots("customer-created")

    row.locator("button.act-for").click()
    page.wait_for_load_state()
    banner = page.locator("#acting-banner")
    assert f"shop-{n}@example.com" in banner.inner_text() and "网店客户" in banner.inner_text()
    page.goto(base + "/orders/")
    assert banner.is_visible()  # on every page while acting
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name=name, cert=cert,
               address="浙江省杭州市西湖区文三路100号", domain=f"agent-shop-{n}.com")
    page.click("#next")
    page.wait_for_url("**/product/")
    page.shots("acting-order")
    order = Order.objects.get(account=customer)  # the customer's order, not the agent's
    assert not Order.objects.filter(account=agent).exists()
    created = OrderEvent.objects.get(order=order, kind="created")
    assert created.actor == agent

    page.click("#acting-exit")
    page.wait_for_load_state()
    assert page.locator("#acting-banner").count() == 0
    page.goto(base + "/agents/")
    assert page.locator(f'#orders tr[data-order="{order.reference}"]').count() == 1

    # The customer signs in (they set a password from the invitation mail) and sees who filed the order.
    customer.set_password(PASSWORD)
    customer.save()
    page.context.clear_cookies()
    login(page, base, customer.email)
    page.goto(f"{base}/orders/{order.pk}/")
    assert "代理商" in page.inner_text("main")
    page.shots("customer-sees-agent")
