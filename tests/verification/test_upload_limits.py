"""Issue 12 finding 8 (second half): uploads are limited per order (the PC materials page and the phone page
together) and per account, not only per phone link and address."""

import copy

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from beian.documents.models import Material
from beian.filings import states
from beian.filings.models import Order
from beian.filings.services import create_order
from beian.verification import services
from tests.rules.support import individual

pytestmark = pytest.mark.django_db


def _order(account, n=0):
    app = copy.deepcopy(individual())
    app.pop("context")
    app["subject"]["cert_number"] = app["subject"]["principal"]["cert_number"] = f"11010519491231{n:03d}X"
    app["websites"][0]["domains"] = [f"upload-limit-{n}.com"]
    order = create_order(account=account, application=app)
    Order.objects.filter(pk=order.pk).update(state=states.MATERIALS)
    order.refresh_from_db()
    return order


def _pc(client, order, ip="198.51.100.1"):
    return client.post(f"/orders/{order.pk}/materials/", {
        "kind": "principal_id", "owner": "subject_principal", "side": "front",
        "file": SimpleUploadedFile("id.jpg", b"not an image")}, REMOTE_ADDR=ip)


def _phone(client, token, ip="198.51.100.2"):
    return client.post(f"/m/{token}/upload/", {
        "kind": "principal_id", "owner": "subject_principal", "side": "front",
        "file": SimpleUploadedFile("id.jpg", b"not an image")}, REMOTE_ADDR=ip)


@pytest.fixture
def account():
    return get_user_model().objects.create_user("up@example.com", "up@example.com", "pw-12345678")


def test_uploads_are_limited_per_order_on_the_pc_and_the_phone_together(client, account, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "upload_order": "3/h,200/d"}
    order = _order(account)
    client.force_login(account)
    assert [_pc(client, order).status_code for _ in range(2)] == [200, 200]
    _, token = services.create_link(order=order, person="subject_principal", user=account)
    assert _phone(client, token).status_code == 302
    refused = _pc(client, order, ip="198.51.100.3")
    page = refused.content.decode()
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0 and "该订单上传资料过于频繁" in page
    assert _phone(client, token, ip="198.51.100.4").status_code == 429
    assert not Material.objects.exists()
    other = _order(account, 1)  # another order of the same account is not blocked
    assert _pc(client, other).status_code == 200


def test_uploads_are_limited_per_account_across_orders(client, account, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "upload_account": "3/h,600/d"}
    orders = [_order(account, n) for n in range(2)]
    client.force_login(account)
    assert [_pc(client, orders[n % 2], ip=f"198.51.100.{n}").status_code for n in range(3)] == [200] * 3
    refused = _pc(client, orders[1], ip="198.51.100.50")
    assert refused.status_code == 429 and "您的账号上传资料过于频繁" in refused.content.decode()


def test_the_phone_page_limit_per_link_still_holds(client, account):
    order = _order(account)
    _, token = services.create_link(order=order, person="subject_principal", user=account)
    answers = [_phone(client, token).status_code for _ in range(21)]
    assert answers[:20] == [302] * 20 and answers[20] == 429
