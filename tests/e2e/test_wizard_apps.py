"""An APP beside a website at 填写网站信息, as a person clicks it (issue 17 #2): 新增APP, a second platform whose
labels follow the 平台 chosen, the signed APK uploaded and read into the row, then 产品验证 for the APP and
信息确认 listing the website and the APP."""

import pytest
from django.contrib.auth import get_user_model

from beian.filings.demo import seed_business, seed_products
from beian.filings.models import Order
from tests.documents.apk_factory import make_apk
from tests.verification.support import pass_verification

from .wizard_helpers import basic_step, fill, login, select, subject_step, upload_all

pytestmark = pytest.mark.django_db(transaction=True)
ZJ = ("91330106MA2GL0XX7U", "杭州示例科技有限公司", "张三")


def test_an_app_with_an_uploaded_apk_reaches_confirm_with_the_website(live_server, page):
    base = live_server.url
    account = get_user_model().objects.create_user("app@example.com", "app@example.com", "Str0ng-pass-99")
    instances = seed_products(account, prefix="app")
    seed_business(ZJ)
    apk, expected = make_apk("com.example.realshop", v1=True, v2=True)
    login(page, base, "app@example.com")
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name=ZJ[1], cert=ZJ[0],
               address="浙江省杭州市西湖区文三路100号", domain="app-site.com")
    page.click("#next")
    page.wait_for_url("**/product/")
    select(page, "websites[0].access.instance_id", instances[0].instance_id)
    page.click("#next")
    page.wait_for_url("**/subject/")
    subject_step(page, base, mobile="13800000021")
    page.wait_for_url("**/websites/")
    fill(page, "websites[0].name", "示例科技官方网站")

    page.click("#add-app")
    page.wait_for_selector('[name="apps[0].name"]')
    page.shots("app-added")
    assert page.locator('[data-app="0"] .field-error').count() == 0, "a new APP opens blank, not in red"
    assert "keytool -printcert" in page.locator('[data-app="0"]').inner_text()
    fill(page, "apps[0].name", "示例商城")
    fill(page, "apps[0].domains", "api.app-site.com\nimg.cdn.app-site.com")

    # The signed APK, read into the first platform row.
    page.set_input_files('[name="apps[0].platforms[0].file"]',
                         {"name": "shop-release.apk", "mimeType": "application/vnd.android.package-archive",
                          "buffer": apk})
    page.click('[data-read-file="apps[0].platforms[0].file"]')
    page.wait_for_selector("[data-signing-read]")
    page.shots("apk-read")
    assert "shop-release.apk" in page.locator("[data-signing-read]").inner_text()
    assert page.input_value('[name="apps[0].platforms[0].package_name"]') == "com.example.realshop"
    assert page.input_value('[name="apps[0].platforms[0].signature"]') == expected["md5"]
    assert page.input_value('[name="websites[0].name"]') == "示例科技官方网站", "what was typed stays"

    # A second platform: iOS, with its label; switching it to 鸿蒙 relabels the fingerprint without a reload.
    page.click('[data-add-platform="0"]')
    page.wait_for_selector('[name="apps[0].platforms[1].package_name"]')
    label = page.locator('[data-field="apps[0].platforms[1].signature"] label')
    assert label.inner_text() == "证书SHA-1指纹"
    select(page, "apps[0].platforms[1].platform", "harmony")
    assert label.inner_text() == "签名证书SHA-256指纹"
    select(page, "apps[0].platforms[1].platform", "ios")
    assert label.inner_text() == "证书SHA-1指纹"
    fill(page, "apps[0].platforms[1].package_name", "com.example.shop")
    fill(page, "apps[0].platforms[1].public_key", expected["public_key"])
    fill(page, "apps[0].platforms[1].signature", ":".join(expected["sha1"][k:k + 2] for k in range(0, 40, 2)).lower())
    page.shots("two-platforms")
    page.click("#next")
    page.wait_for_url("**/product/")
    assert "APP：示例商城" in page.locator(".flash").inner_text()
    select(page, "apps[0].access.instance_id", instances[1].instance_id)
    page.shots("product-app")
    page.click("#next")
    page.wait_for_url("**/materials/")
    upload_all(page)
    order = Order.objects.get(account=account)
    pass_verification(order)
    page.click("#next")
    page.wait_for_url("**/confirm/")
    page.shots("confirm")
    assert "示例科技官方网站" in page.locator("#confirm-websites").inner_text()
    apps = page.locator("#confirm-apps").inner_text()
    assert "APP：示例商城" in apps and "com.example.realshop" in apps and "shop-release.apk" in apps
    assert "iOS" in apps and expected["sha1"] in apps
    order.refresh_from_db()
    platforms = order.application["apps"][0]["platforms"]
    assert platforms[0]["from_file"]["sha256_file"] and platforms[1]["signature"] == expected["sha1"]
    assert order.application["apps"][0]["domains"] == ["api.app-site.com", "img.cdn.app-site.com"]
