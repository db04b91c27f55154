"""备案服务号 across accounts (issue 16 #1): the owner of a mainland instance hands a number to anybody; any
account files with it; the order that names it reserves it, its submission consumes it, cancellation or
expiry gives it back, approval files it; the owner sees each number's state and revokes unused ones."""

import copy
import re
import threading
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from beian.filings import states, transitions
from beian.filings.models import FiledWebsite, Order
from beian.filings.services import OrderError, cancel_order, create_order, transition, update_application
from beian.notifications.models import SmsRecord
from beian.products import messages as msg
from beian.products import numbers
from beian.products.models import Instance, ServiceNumber, ServiceNumberEvent
from beian.products.selectors import used_slots
from beian.products.services import ProductCheckError, check_product, obtain_service_number
from tests.compliance.support import approve, at_bureau
from tests.e2e.filing_kinds_support import unique, uscc
from tests.filings.conftest import application
from tests.verification.support import pass_verification
from tests.wizard.support import (
    applicant_with_products,
    basic_post,
    image_bytes,
    setup_registry,
    subject_post,
    website_post,
)

pytestmark = pytest.mark.django_db


def _account(email=None):
    email = email or f"sn-{uuid.uuid4().hex[:8]}@example.com"
    return get_user_model().objects.create_user(email, email, "Str0ng-pass-99")


def _owner_number(prefix=None):
    """An owner (the reseller) with instances and a fresh number obtained as on the page."""
    prefix = prefix or f"o{uuid.uuid4().hex[:6]}"
    owner, instances = applicant_with_products(email=f"{prefix}@example.com", prefix=prefix)
    ServiceNumber.objects.filter(owner=owner).delete()  # the seed's number: each test obtains its own
    return owner, instances[0], obtain_service_number(account=owner, instance_id=instances[0].instance_id)


def _order_naming(account, code, domain=None):
    domain = domain or f"sn-{uuid.uuid4().hex[:8]}.com"
    app = copy.deepcopy(application(domain, cert=uscc(unique())))  # one subject per order: no claim conflict
    instance = ServiceNumber.objects.get(code=code).instance  # what 产品验证 writes for a number
    app["websites"][0]["access"] = {"product": instance.product, "instance_id": instance.instance_id,
                                    "ip": instance.public_ip, "service_number": code}
    return create_order(account=account, application=app), domain


def _state(number) -> str:
    number.refresh_from_db()
    return number.state


def _reserve(order, code, domain):
    return numbers.reserve(order=order, in_use={code: domain}, actor=order.account)


# ---- the state machine ----------------------------------------------------------------------------------------

def test_reserve_then_cancel_gives_the_number_back():
    _, _, number = _owner_number()
    applicant = _account()
    order, domain = _order_naming(applicant, number.code)
    assert _reserve(order, number.code, domain) == {}
    assert _state(number) == "reserved" and number.consumed_order == order and number.consumed_domain == domain
    cancel_order(order=order, actor=applicant)
    assert _state(number) == "unused" and number.consumed_order is None
    kinds = list(ServiceNumberEvent.objects.filter(number=number).values_list("kind", "to_state"))
    assert kinds == [("obtained", "unused"), ("reserved", "reserved"), ("released", "unused")]
    # Free again: another account may use it now.
    assert check_product(account=_account(), service_number=number.code) == number.instance


def test_expiry_gives_the_number_back():
    _, _, number = _owner_number()
    order, domain = _order_naming(_account(), number.code)
    _reserve(order, number.code, domain)
    transition(order=order, to_state=states.EXPIRED, role=transitions.SYSTEM)
    assert _state(number) == "unused"
    assert ServiceNumberEvent.objects.filter(number=number, kind="released").get().reason == "使用它的订单已过期"


def test_removing_the_website_or_choosing_an_instance_gives_the_number_back():
    _, _, number = _owner_number()
    applicant = _account()
    order, domain = _order_naming(applicant, number.code)
    _reserve(order, number.code, domain)
    app = copy.deepcopy(order.application)
    app["websites"][0]["access"] = {"product": "ecs", "instance_id": "i-x", "ip": "47.96.1.2", "service_number": None}
    update_application(order=order, actor=applicant, application=app, version=order.version)
    assert _state(number) == "unused"


def test_a_reserved_number_is_refused_to_another_order_with_its_code():
    _, _, number = _owner_number()
    first, domain = _order_naming(_account(), number.code)
    _reserve(first, number.code, domain)
    with pytest.raises(ProductCheckError) as info:
        check_product(account=_account(), service_number=number.code, domain="another.com")
    assert info.value.code == "service_number_used" and number.code in info.value.message
    # The order holding it still passes (a reload of its 产品验证 page).
    assert check_product(account=first.account, service_number=number.code, order_id=first.pk)


def test_submission_consumes_and_approval_files_the_number():
    owner, instance, number = _owner_number()
    applicant = _account()
    order, domain = _order_naming(applicant, number.code)
    _reserve(order, number.code, domain)
    Order.objects.filter(pk=order.pk).update(state=states.MATERIALS)
    transition(order=order, to_state=states.PROVIDER_REVIEW, role=transitions.APPLICANT, actor=applicant)
    assert _state(number) == "consumed" and number.consumed_order_id == order.pk
    with pytest.raises(ProductCheckError) as info:
        check_product(account=_account(), service_number=number.code)
    assert info.value.code == "service_number_consumed"
    approve(at_bureau(Order.objects.get(pk=order.pk)), now=order.created_at)
    assert _state(number) == "filed"
    site = FiledWebsite.objects.get(domain=domain)
    assert number.filed_website == site and site.instance_id == instance.instance_id
    rows = numbers.owner_rows(account=owner)
    assert rows[0]["label"] == "已被备案使用" and domain in rows[0]["detail"] and not rows[0]["revocable"]


def test_submission_without_a_reservation_takes_the_number_or_is_refused():
    """An order that names a number without the 产品验证 page (e.g. saved by another client) takes it at
    submission; if another order holds it, the submission is refused and nothing moves."""
    _, _, number = _owner_number()
    holder, domain = _order_naming(_account(), number.code)
    _reserve(holder, number.code, domain)
    late, _ = _order_naming(_account(), number.code)
    Order.objects.filter(pk=late.pk).update(state=states.MATERIALS)
    with pytest.raises(OrderError) as info:
        transition(order=late, to_state=states.PROVIDER_REVIEW, role=transitions.APPLICANT)
    assert info.value.code == "service_number_used"
    assert info.value.details[0]["path"] == "websites[0].access.service_number"
    assert Order.objects.get(pk=late.pk).state == states.MATERIALS and _state(number) == "reserved"
    cancel_order(order=holder, actor=holder.account)
    transition(order=late, to_state=states.PROVIDER_REVIEW, role=transitions.APPLICANT)
    assert _state(number) == "consumed" and number.consumed_order_id == late.pk


def test_revoke_only_while_unused_and_a_revoked_number_is_refused():
    owner, _, number = _owner_number()
    order, domain = _order_naming(_account(), number.code)
    _reserve(order, number.code, domain)
    with pytest.raises(ProductCheckError) as info:
        numbers.revoke(account=owner, pk=number.pk)
    assert info.value.code == "service_number_not_revocable" and "已被订单预留" in info.value.message
    cancel_order(order=order, actor=order.account)
    assert numbers.revoke(account=owner, pk=number.pk).state == "revoked"
    event = ServiceNumberEvent.objects.filter(number=number).last()
    assert (event.kind, event.actor, event.from_state) == ("revoked", owner, "unused")
    with pytest.raises(ProductCheckError) as info:
        check_product(account=_account(), service_number=number.code)
    assert info.value.code == "service_number_revoked" and "撤销" in info.value.message
    with pytest.raises(ProductCheckError) as info:
        numbers.revoke(account=owner, pk=number.pk)
    assert info.value.code == "service_number_not_revocable"
    assert numbers.revoke(account=_account(), pk=number.pk) is None  # not yours: not found


def test_the_race_loser_gets_a_clear_message():
    """Both orders checked the number while it was free; the first reservation wins, the second updates
    nothing and is told why (on PostgreSQL the same with real threads: test_race_on_postgresql)."""
    _, _, number = _owner_number()
    a, domain_a = _order_naming(_account(), number.code)
    b, domain_b = _order_naming(_account(), number.code)
    for order in (a, b):
        assert check_product(account=order.account, service_number=number.code, order_id=order.pk)
    assert _reserve(a, number.code, domain_a) == {}
    lost = _reserve(b, number.code, domain_b)
    assert lost[number.code].code == "service_number_used"
    assert _state(number) == "reserved" and number.consumed_order_id == a.pk


@pytest.mark.django_db(transaction=True)
def test_race_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite serialises writers)")
    _, _, number = _owner_number()
    orders = [_order_naming(_account(), number.code) for _ in range(4)]
    barrier, results = threading.Barrier(len(orders)), {}

    def use(order, domain):
        try:
            barrier.wait()
            results[order.pk] = _reserve(order, number.code, domain)  # autocommit, as in a request
        finally:
            connection.close()

    threads = [threading.Thread(target=use, args=pair) for pair in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [pk for pk, lost in results.items() if not lost]
    assert len(winners) == 1 and _state(number) == "reserved" and number.consumed_order_id == winners[0]
    assert all(lost[number.code].code == "service_number_used" for pk, lost in results.items() if pk not in winners)


def test_capacity_counts_unused_numbers_and_websites_filed_through_them():
    owner, instance, number = _owner_number()
    Instance.objects.filter(pk=instance.pk).update(filing_capacity=2)
    instance.refresh_from_db()
    assert used_slots(instance) == 1  # the unused number promises a slot
    second = obtain_service_number(account=owner, instance_id=instance.instance_id)
    with pytest.raises(ProductCheckError) as info:
        obtain_service_number(account=owner, instance_id=instance.instance_id)
    assert info.value.code == "instance_full"
    order, domain = _order_naming(_account(), number.code)
    _reserve(order, number.code, domain)
    assert used_slots(instance) == 2  # one in flight through the number, one unused number
    Order.objects.filter(pk=order.pk).update(state=states.MATERIALS)
    transition(order=order, to_state=states.PROVIDER_REVIEW, role=transitions.APPLICANT)
    approve(at_bureau(Order.objects.get(pk=order.pk)), now=order.created_at)
    assert used_slots(instance) == 2  # now filed on the instance
    numbers.revoke(account=owner, pk=second.pk)
    assert used_slots(instance) == 1
    with pytest.raises(ProductCheckError) as info:  # the owner cannot choose the instance past its capacity
        Instance.objects.filter(pk=instance.pk).update(filing_capacity=1)
        check_product(account=owner, instance_id=instance.instance_id)
    assert info.value.code == "instance_full"


# ---- through the pages --------------------------------------------------------------------------------------

def _number_field(page: str) -> str:
    start = page.index('data-field="websites[0].access.service_number"')
    return page[start:page.index("</div>", start)]


def test_account_b_files_with_account_a_number_through_the_wizard(client, django_capture_on_commit_callbacks):
    owner, instances = applicant_with_products(email="reseller@example.com", prefix="rsl")
    reseller = Client()
    reseller.force_login(owner)
    reseller.post("/products/service-numbers/", {"instance_id": instances[0].instance_id})
    number = ServiceNumber.objects.filter(owner=owner).exclude(code__startswith="rsl-").get()

    setup_registry()
    applicant = _account("customer@example.com")
    client.force_login(applicant)
    response = client.post("/orders/new/", basic_post())
    order = Order.objects.get(account=applicant)
    response = client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "next",
                                                           "websites[0].access.service_number": number.code.upper()})
    assert response.status_code == 302 and response["Location"].endswith("/subject/")
    assert _state(number) == "reserved" and number.consumed_order_id == order.pk

    # The owner sees it reserved by another account's order: neither its reference nor its website.
    page = reseller.get("/products/service-numbers/").content.decode()
    assert "已被订单预留" in page and "其他账号的订单" in page
    assert order.reference not in page and "zj-demo-one.com" not in page
    refused = reseller.post(f"/products/service-numbers/{number.pk}/revoke/", follow=True).content.decode()
    assert "只有未使用的备案服务号可以撤销" in refused and _state(number) == "reserved"

    order.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/orders/{order.pk}/subject/", subject_post(order.version, action="send_code"))
    code = re.search(r"验证码为(\d{6})", SmsRecord.objects.get(SmsRecord.for_mobile("13800000000")).body).group(1)
    order.refresh_from_db()
    assert client.post(f"/orders/{order.pk}/subject/", subject_post(order.version, action="next",
                                                                    sms_code=code)).status_code == 302
    order.refresh_from_db()
    response = client.post(f"/orders/{order.pk}/websites/",
                           website_post(order.version, [("示例科技官方网站", "zj-demo-one.com")], action="next"))
    assert response.status_code == 302 and response["Location"].endswith("/materials/")
    for kind, person, side in [("subject_certificate", "subject", ""), ("principal_id", "subject_principal", "front"),
                               ("principal_id", "subject_principal", "back")]:
        client.post(f"/orders/{order.pk}/materials/", {"kind": kind, "owner": person, "side": side,
                                                      "file": SimpleUploadedFile("x.png", image_bytes())})
    pass_verification(order)
    assert client.post(f"/orders/{order.pk}/confirm/", {"agreement": "on"}).status_code == 302
    order.refresh_from_db()
    assert order.state == states.PROVIDER_REVIEW and _state(number) == "consumed"
    assert order.application["websites"][0]["access"]["ip"] == instances[0].public_ip

    # A third account cannot use it any more; the page says why, at the field.
    third = _account("third@example.com")
    client.force_login(third)
    other = create_order(account=third, application=application("third-site.com", cert=uscc(unique())))
    page = client.post(f"/orders/{other.pk}/product/", {"version": other.version, "action": "next",
                                                       "websites[0].access.service_number": number.code}).content.decode()
    assert msg.SERVICE_NUMBER_CONSUMED.format(code=number.code) in _number_field(page)

    approve(at_bureau(Order.objects.get(pk=order.pk)), now=order.created_at)
    assert _state(number) == "filed" and number.filed_website.domain == "zj-demo-one.com"
    page = reseller.get("/products/service-numbers/").content.decode()
    assert "已被备案使用" in page and "zj-demo-one.com" in page


def test_a_revoked_number_is_refused_at_the_product_step(client):
    owner, _, number = _owner_number()
    client.force_login(owner)
    response = client.post(f"/products/service-numbers/{number.pk}/revoke/", follow=True)
    assert msg.NUMBER_REVOKED.format(code=number.code) in response.content.decode()
    assert _state(number) == "revoked"
    page = client.get("/products/service-numbers/").content.decode()
    assert "已撤销" in page and f"/products/service-numbers/{number.pk}/revoke/" not in page

    applicant = _account()
    client.force_login(applicant)
    order = create_order(account=applicant, application=application("revoked-site.com", cert=uscc(unique())))
    page = client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "next",
                                                       "websites[0].access.service_number": number.code}).content.decode()
    assert msg.SERVICE_NUMBER_REVOKED.format(code=number.code) in _number_field(page)
    assert Order.objects.get(pk=order.pk).state == states.DRAFT


def test_another_account_can_neither_list_nor_revoke_the_owners_numbers(client):
    owner, _, number = _owner_number()
    intruder = _account()
    client.force_login(intruder)
    page = client.get("/products/service-numbers/").content.decode()
    assert number.code not in page
    assert client.post(f"/products/service-numbers/{number.pk}/revoke/").status_code == 404
    assert client.get(f"/products/service-numbers/{number.pk}/revoke/").status_code == 405
    assert client.post("/products/service-numbers/999999999/revoke/").status_code == 404
    assert _state(number) == "unused"
    assert not ServiceNumberEvent.objects.filter(number=number, kind="revoked").exists()
