"""产品验证 for an account with no instance, 方法一 (open an instance) and 方法二 (a service number from the
server's owner), with errors at the field that quote what was typed."""

import re

import pytest
from django.contrib.auth import get_user_model

from beian.filings import states
from beian.filings.models import Order
from beian.products.models import Instance, ServiceNumber
from beian.products.services import ProductCheckError, check_product
from tests.answers import answered
from tests.wizard.support import applicant_with_products, basic_post, setup_registry

pytestmark = pytest.mark.django_db


def _new_account(client, email="new@example.com"):
    account = get_user_model().objects.create_user(email, email, "Str0ng-pass-99")
    client.force_login(account)
    return account


def _order_for(client, domain="zj-demo-one.com"):
    setup_registry()
    response = client.post("/orders/new/", basic_post(**{"websites[0].domains[0]": domain}))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Order.objects.get(pk=int(re.search(r"/orders/(\d+)/product/", response["Location"]).group(1)))


def _field(page: str, name: str) -> str:
    """The HTML of the element with data-field=name (up to its first error paragraph's end)."""
    start = page.index(f'data-field="{name}"')
    return page[start:page.index("</div>", start)]


def test_new_account_sees_guidance_not_an_empty_dropdown(client):
    _new_account(client)
    order = _order_for(client)
    page = client.get(f"/orders/{order.pk}/product/").content.decode()
    assert 'id="no-instance-guidance"' in page
    assert 'name="websites[0].access.instance_id"' not in page  # no empty <select>
    assert "中国内地" in page and "未到期" in page and "公网IP" in page
    assert f'href="/products/instances/?next=%2Forders%2F{order.pk}%2Fproduct%2F"' in page
    assert 'href="/products/service-numbers/"' in page
    assert 'name="websites[0].access.service_number"' in page


def test_next_with_nothing_chosen_says_what_to_do_at_the_website(client):
    _new_account(client)
    order = _order_for(client)
    page = client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "next",
                                                      "websites[0].access.service_number": ""}).content.decode()
    assert "请为网站“zj-demo-one.com”选择云服务器实例，或填写备案服务号" in page
    assert Order.objects.get(pk=order.pk).state == states.DRAFT


def test_a_wrong_service_number_is_quoted_at_its_field_and_kept(client):
    _new_account(client)
    order = _order_for(client)
    response = client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "next",
                                                          "websites[0].access.service_number": " ABCD-1234 "})
    page = response.content.decode()
    assert response.status_code == 200
    field = _field(page, "websites[0].access.service_number")
    assert "备案服务号“abcd-1234”不存在" in field
    assert 'value="ABCD-1234"' in field  # what was typed is shown back
    order.refresh_from_db()
    assert order.application["websites"][0]["access"]["service_number"] == "ABCD-1234"
    again = client.get(f"/orders/{order.pk}/product/").content.decode()  # reload: still there, still explained
    assert 'value="ABCD-1234"' in again and "不存在" in again


def test_method_two_a_service_number_from_the_servers_owner(client):
    owner, instances = applicant_with_products(email="owner@example.com", prefix="own")
    client.force_login(owner)
    client.post("/products/service-numbers/", {"instance_id": instances[0].instance_id})
    code = ServiceNumber.objects.filter(owner=owner).exclude(code__startswith="own-").get().code

    applicant = _new_account(client)
    order = _order_for(client)
    typed = "  " + code.upper().replace("-", "－") + " "  # pasted from a chat: spaces, upper and full-width dashes
    response = client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "next",
                                                           "websites[0].access.service_number": typed})
    assert response.status_code == 302 and response["Location"].endswith(f"/orders/{order.pk}/subject/")
    order.refresh_from_db()
    access = order.application["websites"][0]["access"]
    assert access["service_number"] == code and access["ip"] == instances[0].public_ip
    number = ServiceNumber.objects.get(code=code)
    assert number.consumed_order == order and number.consumed_domain == "zj-demo-one.com"
    assert check_product(account=applicant, service_number=code, order_id=order.pk) == instances[0]

    # The same number cannot file a second website elsewhere...
    other = _new_account(client, "third@example.com")
    with pytest.raises(ProductCheckError) as info:
        check_product(account=other, service_number=code)
    assert info.value.code == "service_number_used" and code in info.value.message
    # ...until the order that used it is cancelled.
    Order.objects.filter(pk=order.pk).update(state=states.CANCELLED)
    assert check_product(account=other, service_number=code) == instances[0]


def test_one_number_for_two_websites_of_one_order_is_refused_at_the_second(client):
    owner, instances = applicant_with_products(email="owner@example.com", prefix="own")
    code = ServiceNumber.objects.get(owner=owner).code
    _new_account(client)
    order = _order_for(client)
    app = order.application
    app["websites"].append({**app["websites"][0], "domains": ["zj-demo-two.com"]})
    Order.objects.filter(pk=order.pk).update(application=app)
    page = client.post(f"/orders/{order.pk}/product/", {
        "version": order.version, "action": "next", "websites[0].access.service_number": code,
        "websites[1].access.service_number": code}).content.decode()
    assert f"备案服务号“{code}”已用于网站1" in _field(page, "websites[1].access.service_number")
    assert "field-error" not in _field(page, "websites[0].access.service_number")


def test_changing_the_number_gives_the_old_one_back(client):
    owner, _ = applicant_with_products(email="owner@example.com", prefix="own")
    first = ServiceNumber.objects.get(owner=owner)
    second = ServiceNumber.objects.create(code="own-0002-a888-88e8-b9ec-00888be80002", owner=owner,
                                          instance=first.instance)
    _new_account(client)
    order = _order_for(client)
    client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "save",
                                               "websites[0].access.service_number": first.code})
    order.refresh_from_db()
    client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "save",
                                               "websites[0].access.service_number": second.code})
    first.refresh_from_db(), second.refresh_from_db()
    assert first.consumed_order is None and second.consumed_order_id == order.pk


def test_instance_errors_quote_the_instance_at_the_select(client):
    account, instances = applicant_with_products(prefix="p")
    client.force_login(account)
    order = _order_for(client)
    page = client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "next",
                                                      "websites[0].access.instance_id": "i-not-mine"}).content.decode()
    assert "未找到云服务器实例“i-not-mine”" in _field(page, "websites[0].access.instance_id")
    assert 'id="no-instance-guidance"' not in page


def test_instances_page_lists_what_can_be_filed_on_and_why_not(client):
    account, _ = applicant_with_products(prefix="p")
    client.force_login(account)
    page = client.get("/products/instances/").content.decode()
    assert "i-p-hz01" in page and "可用于备案" in page
    assert "已到期，请续费" in page and "不在中国内地，不能备案" in page and "中国香港" in page
    assert 'href="/products/instances/"' in client.get("/orders/").content.decode()  # in the nav


def test_open_a_demo_instance_and_go_back_to_the_step(client):
    _new_account(client)
    order = _order_for(client)
    back = f"/orders/{order.pk}/product/"
    assert "还没有云服务器实例" in client.get(f"/products/instances/?next={back}").content.decode()
    response = client.post("/products/instances/", {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    instance = Instance.objects.get(owner__username="new@example.com")
    assert instance.mainland and instance.public_ip
    page = client.get(back).content.decode()
    assert 'id="no-instance-guidance"' not in page and instance.instance_id in page
    done = client.post(back, {"version": order.version, "action": "next",
                              "websites[0].access.instance_id": instance.instance_id})
    assert done.status_code == 302 and done["Location"].endswith("/subject/")


def test_a_foreign_next_is_ignored_and_the_demo_limit_holds(client):
    _new_account(client)
    for _ in range(5):
        assert client.post("/products/instances/", {"next": "https://evil.example/"})["Location"] == "/products/instances/"
    refused = client.post("/products/instances/", follow=True).content.decode()
    assert "最多开通 5 台演示实例" in refused and Instance.objects.count() == 5


def test_without_demo_purchase_the_page_says_where_to_buy(client, settings):
    settings.PRODUCTS_DEMO_PURCHASE = False
    _new_account(client)
    page = client.get("/products/instances/").content.decode()
    assert 'id="open-demo-instance"' not in page and "云产品控制台购买" in page
    assert "未开放在线开通实例" in client.post("/products/instances/", follow=True).content.decode()
    assert not Instance.objects.exists()


def test_the_website_a_number_was_filed_for_keeps_it_in_a_later_order(client):
    owner, instances = applicant_with_products(email="owner@example.com", prefix="own")
    code = ServiceNumber.objects.get(owner=owner).code
    applicant = _new_account(client)
    order = _order_for(client)
    client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "save",
                                               "websites[0].access.service_number": code})
    Order.objects.filter(pk=order.pk).update(state=states.APPROVED)
    approved = Order.objects.get(pk=order.pk)
    later = Order.objects.create(account=applicant, kind="change_website", reference="BA-LATER",
                                 last_applicant_update_at=approved.last_applicant_update_at,
                                 state_changed_at=approved.state_changed_at,
                                 application=approved.application)
    assert check_product(account=applicant, service_number=code, order_id=later.pk) == instances[0]
    with pytest.raises(ProductCheckError) as info:
        check_product(account=applicant, service_number=code, domain="another-site.com")
    # Filed by a website: consumed (issue 16; `service_number_used` is a reservation by another order in flight).
    assert info.value.code == "service_number_consumed"


@pytest.mark.parametrize("hostile", ["", "x" * 10_000, "i-a\x00b", "😀", "ｉ－ｐ－ｈｚ０１", "<script>alert(1)</script>"])
def test_hostile_values_on_the_product_pages_never_fail(client, hostile):
    account, _ = applicant_with_products(prefix="p")
    client.force_login(account)
    order = _order_for(client)
    for action in ("next", "save", hostile):
        response = client.post(f"/orders/{order.pk}/product/", {
            # (a hostile `version` is the wizard's _save, shared by every step: not this page's input)
            "version": Order.objects.get(pk=order.pk).version, "action": action, "websites[0].access.instance_id": hostile,
            "websites[0].access.service_number": hostile})
        assert answered(response)
        assert "<script>alert(1)</script>" not in response.content.decode()
    assert client.get(f"/orders/{order.pk}/product/").status_code == 200
    assert answered(client.post("/products/service-numbers/", {"instance_id": hostile}), ok=(302,))
    assert answered(client.post("/products/instances/", {"next": hostile}), ok=(302,))
    assert answered(client.get("/products/instances/", {"next": hostile}), ok=(200,))
    with pytest.raises(ProductCheckError):
        check_product(account=account, ip=hostile or "x")
