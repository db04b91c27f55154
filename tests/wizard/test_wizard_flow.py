"""The wizard end to end with Django's test client (the browser tests cover the same in Chromium)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from beian.filings import states
from beian.filings.models import Order
from beian.notifications.models import SmsRecord
from tests.verification.support import pass_verification

from .support import (
    applicant_with_products,
    basic_post,
    image_bytes,
    setup_registry,
    subject_post,
    website_post,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client):
    setup_registry()
    account, instances = applicant_with_products()
    client.force_login(account)
    return client, account, instances


def _order():
    return Order.objects.get()


def test_first_filing_from_empty_account_to_provider_review(logged_in, django_capture_on_commit_callbacks):
    client, account, instances = logged_in
    check = client.post("/orders/new/", basic_post(action="check")).content.decode()
    assert "首次备案" in check and not Order.objects.exists()
    response = client.post("/orders/new/", basic_post())
    order = _order()
    assert response.status_code == 302 and response["Location"].endswith(f"/orders/{order.pk}/product/")
    assert order.kind == "first" and order.state == states.DRAFT

    client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "next",
                                                "websites[0].access.instance_id": instances[0].instance_id})
    order.refresh_from_db()
    assert order.application["websites"][0]["access"]["ip"] == instances[0].public_ip

    page = client.post(f"/orders/{order.pk}/subject/", subject_post(order.version, action="next")).content.decode()
    assert "请获取并填写发送到主体负责人手机的验证码" in page
    order.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/orders/{order.pk}/subject/", subject_post(order.version, action="send_code"))
    code = re.search(r"验证码为(\d{6})", SmsRecord.objects.get(SmsRecord.for_mobile("13800000000")).body).group(1)
    order.refresh_from_db()
    done = client.post(f"/orders/{order.pk}/subject/", subject_post(order.version, action="next", sms_code=code))
    assert done.status_code == 302, done.content.decode()[:3000]

    order.refresh_from_db()
    client.post(f"/orders/{order.pk}/websites/", website_post(order.version, [("示例科技官方网站", "zj-demo-one.com")], action="add"))
    order.refresh_from_db()
    assert len(order.application["websites"]) == 2
    sites = [("示例科技官方网站", "zj-demo-one.com"), ("示例科技产品中心", "zj-demo-two.com")]
    response = client.post(f"/orders/{order.pk}/websites/", website_post(order.version, sites, action="next"))
    # The second website still needs an instance: 下一步 leads to 产品验证, then on to 上传资料.
    assert response.status_code == 302 and response["Location"].endswith("/product/"), response.content.decode()[:3000]
    order.refresh_from_db()
    response = client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "next",
                                                           "websites[0].access.instance_id": instances[0].instance_id,
                                                           "websites[1].access.instance_id": instances[1].instance_id})
    assert response.status_code == 302 and response["Location"].endswith("/materials/")
    order.refresh_from_db()
    assert order.state == states.MATERIALS
    blocked = client.post(f"/orders/{order.pk}/confirm/", {"agreement": "on"}).content.decode()
    assert "还缺少以下资料" in blocked
    for kind, owner, side in [("subject_certificate", "subject", ""), ("principal_id", "subject_principal", "front"),
                              ("principal_id", "subject_principal", "back")]:
        client.post(f"/orders/{order.pk}/materials/", {"kind": kind, "owner": owner, "side": side,
                                                      "file": SimpleUploadedFile("x.png", image_bytes())})
    assert order.materials.count() == 3
    # Nobody has done the face check yet: refused, naming who must (issue 13 #1).
    unverified = client.post(f"/orders/{order.pk}/confirm/", {"agreement": "on"}).content.decode()
    assert "尚未完成真实性核验：主体负责人 张三" in unverified and _order().state == states.MATERIALS
    assert pass_verification(order) == ["subject_principal"]
    no_agreement = client.post(f"/orders/{order.pk}/confirm/", {}).content.decode()
    assert "请阅读并同意" in no_agreement
    submitted = client.post(f"/orders/{order.pk}/confirm/", {"agreement": "on"})
    assert submitted.status_code == 302
    order.refresh_from_db()
    assert order.state == states.PROVIDER_REVIEW
    twice = client.post(f"/orders/{order.pk}/confirm/", {"agreement": "on"}, follow=True).content.decode()
    assert "无需重复提交" in twice
    progress = client.get(f"/orders/{order.pk}/").content.decode()
    assert "初审中" in progress and "审核专员" in progress


def test_bad_input_keeps_what_was_saved(logged_in):
    client, account, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = _order()
    too_long = subject_post(order.version, action="save", **{"subject.mailing_address": "长" * 300,
                                                              "subject.principal.cert_valid_until": "2035-13-45"})
    page = client.post(f"/orders/{order.pk}/subject/", too_long).content.decode()
    assert "不能超过200个字符" in page and "请填写日期" in page
    order.refresh_from_db()
    assert order.application["subject"]["principal"]["mobile"] == "13800000000", "other fields were saved"
    assert order.application["subject"]["mailing_address"] == "", "the invalid value was not stored"
    stale = client.post(f"/orders/{order.pk}/subject/", subject_post(order.version - 1, action="save")).content.decode()
    assert "已在其他页面或标签页中被修改" in stale
    bad_choice = client.post(f"/orders/{order.pk}/basic/", basic_post(**{"region.province": "火星", "version": order.version + 1}))
    assert "请从列表中选择" in bad_choice.content.decode()


def test_other_accounts_cannot_see_or_touch_an_order(logged_in, client, django_user_model):
    client_a, account, _ = logged_in
    client_a.post("/orders/new/", basic_post())
    order = _order()
    intruder = django_user_model.objects.create_user("evil@example.com", "evil@example.com", "pw-12345678")
    client_a.force_login(intruder)
    for url in (f"/orders/{order.pk}/", f"/orders/{order.pk}/subject/", f"/orders/{order.pk}/confirm/"):
        assert client_a.get(url).status_code == 404
    assert client_a.post(f"/orders/{order.pk}/cancel/").status_code == 404
    order.refresh_from_db()
    assert order.state == states.DRAFT


@pytest.mark.parametrize(
    ("upload", "needle"),
    [
        (SimpleUploadedFile("id.jpg", b"MZ\x90\x00 this is an exe"), "不是有效的图片"),
        (SimpleUploadedFile("id.png", image_bytes()[:200]), "损坏"),
        (SimpleUploadedFile("id.png", image_bytes(100, 80)), "分辨率过低"),
    ],
)
def test_bad_uploads_get_a_clear_message(logged_in, upload, needle):
    client, account, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = _order()
    page = client.post(f"/orders/{order.pk}/materials/", {"kind": "subject_certificate", "owner": "subject", "side": "",
                                                         "file": upload}).content.decode()
    assert needle in page and order.materials.count() == 0
