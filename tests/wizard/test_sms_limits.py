"""Issue 12 finding 5: SMS codes are limited per mobile, per account and per client address across orders, not
only per order (one account sent 4 codes to a stranger's mobile within 5 s through 3 orders)."""

import pytest
from django.contrib.auth import get_user_model

from beian.filings import checks
from beian.filings.services import create_order
from beian.notifications.models import SmsRecord
from beian.wizard.models import MobileCode

from .support import subject_post

pytestmark = pytest.mark.django_db
STRANGER = "13912345678"


def _account(email):
    return get_user_model().objects.create_user(email, email, "Str0ng-pass-99")


def _order(account, n: int):
    app = checks.blank_application()
    app["region"] = {"province": "浙江省", "city": "杭州市", "district": "西湖区"}
    app["subject"].update(nature="individual", cert_type="resident_id", name="李四",
                          cert_number=f"3301061990010{n:04d}X")
    app["websites"][0].update(name="李四的个人博客", domains=[f"sms-limit-{account.pk}-{n}.com"], content="其他")
    return create_order(account=account, application=app, kind="first")


def _send(client, order, mobile, ip="198.51.100.1"):
    order.refresh_from_db()
    return client.post(f"/orders/{order.pk}/subject/",
                       subject_post(order.version, action="send_code", **{"subject.principal.mobile": mobile}),
                       REMOTE_ADDR=ip)


def _codes(mobile=None) -> int:
    rows = MobileCode.objects.all() if mobile is None else MobileCode.objects.filter(MobileCode.for_mobile(mobile))
    return rows.count()


def test_one_account_cannot_flood_a_strangers_mobile_through_several_orders(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sms_mobile": "2/h,10/d"}
    account = _account("flood@example.com")
    client.force_login(account)
    orders = [_order(account, n) for n in range(3)]
    _send(client, orders[0], STRANGER)
    _send(client, orders[1], STRANGER)
    page = _send(client, orders[2], STRANGER).content.decode()
    assert _codes(STRANGER) == 2 and SmsRecord.objects.filter(SmsRecord.for_mobile(STRANGER)).count() <= 2
    assert "该手机号接收验证码次数过多" in page and "分钟后再获取" in page


def test_the_mobile_limit_holds_across_accounts_and_addresses(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sms_mobile": "2/h,10/d"}
    for n in range(3):
        account = _account(f"flood{n}@example.com")
        client.force_login(account)
        _send(client, _order(account, n), STRANGER, ip=f"198.51.100.{n + 1}")
    assert _codes(STRANGER) == 2


def test_one_account_is_limited_across_mobiles(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sms_account": "2/h,30/d"}
    account = _account("many@example.com")
    client.force_login(account)
    for n in range(3):
        page = _send(client, _order(account, n), f"1391234000{n}", ip=f"198.51.100.{n + 1}").content.decode()
    assert _codes() == 2 and "您的账号获取验证码次数过多" in page


def test_one_address_is_limited_across_accounts(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sms_ip": "2/h,60/d"}
    for n in range(3):
        account = _account(f"addr{n}@example.com")
        client.force_login(account)
        page = _send(client, _order(account, n), f"1391234100{n}", ip="198.51.100.9").content.decode()
    assert _codes() == 2 and "您所在网络获取验证码次数过多" in page


def test_the_default_limits_stop_a_flood_of_one_mobile(client):
    account = _account("default@example.com")
    client.force_login(account)
    for n in range(7):
        _send(client, _order(account, n), STRANGER)
    assert _codes(STRANGER) == 5  # 5 an hour per mobile (settings.RATE_LIMITS)
