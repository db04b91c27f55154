"""Reading a platform row's signing file at 填写网站信息 (issue 17 #2): an APK or a certificate fills the row and
leaves `from_file`; a wrong file is refused with the reader's message and code and nothing typed is lost; a typed
value edited afterwards is shown as no longer matching the file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from beian.filings.models import Order
from tests.documents.apk_factory import make_apk, make_certificate

from .app_support import ANDROID_MD5, IOS_SHA1, KEY_HEX, app_post, fresh
from .support import applicant_with_products, basic_post, setup_registry, website_post

pytestmark = pytest.mark.django_db
SITE = [("示例科技官方网站", "zj-demo-one.com")]


@pytest.fixture
def order_with_app(client):
    setup_registry()
    account, _ = applicant_with_products()
    client.force_login(account)
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    client.post(f"/orders/{order.pk}/websites/", website_post(order.version, SITE, action="add_app"))
    return client, fresh(order)


def _post(client, order, upload, **app):
    data = website_post(fresh(order).version, SITE, action="read:0:0") | app_post(0, **app)
    data["apps[0].platforms[0].file"] = upload
    return client.post(f"/orders/{order.pk}/websites/", data)


def test_an_uploaded_apk_fills_the_row_and_the_page_says_what_was_read(order_with_app):
    client, order = order_with_app
    apk, expected = make_apk("com.example.realshop", v1=True, v2=True)
    typed = (("android", "", "", ""),)
    page = _post(client, order, SimpleUploadedFile("shop-release.apk", apk, "application/vnd.android.package-archive"),
                 platforms=typed).content.decode()
    row = fresh(order).application["apps"][0]["platforms"][0]
    assert row["package_name"] == "com.example.realshop" == expected["package_name"]
    assert row["public_key"] == expected["public_key"] and row["signature"] == expected["md5"]
    assert row["from_file"]["filename"] == "shop-release.apk" and row["from_file"]["sha1"] == expected["sha1"]
    assert len(row["from_file"]["sha256_file"]) == 64
    assert "已从文件“shop-release.apk”" in page and "com.example.realshop" in page
    assert fresh(order).application["apps"][0]["name"] == "示例商城", "the rest of the form is saved with it"

    # The person then edits the fingerprint: the page says it no longer matches the file; reload keeps saying it.
    edited = (("android", "com.example.realshop", row["public_key"], ANDROID_MD5),)
    client.post(f"/orders/{order.pk}/websites/", website_post(fresh(order).version, SITE, action="save")
                | app_post(0, platforms=edited))
    again = fresh(order).application["apps"][0]["platforms"][0]
    assert again["signature"] == "9F1A2B3C4D5E6F708192A3B4C5D6E77C" and again["from_file"]["md5"] == expected["md5"]
    page = client.get(f"/orders/{order.pk}/websites/").content.decode()
    box = page[page.index('data-field="apps[0].platforms[0].signature"'):]
    assert "与上传的文件“shop-release.apk”中读取的值不一致" in box[:3000] and expected["md5"] in box[:3000]
    assert 'data-field="apps[0].platforms[0].package_name"' in page
    package = page[page.index('data-field="apps[0].platforms[0].package_name"'):]
    assert "不一致" not in package[:package.index("</div>", package.index("help"))], "the package still matches"
    confirm = client.get(f"/orders/{order.pk}/confirm/").content.decode()
    assert "与文件不一致" in confirm and "shop-release.apk" in confirm


def test_an_ios_certificate_fills_the_sha1_and_keeps_the_typed_bundle_id(order_with_app):
    client, order = order_with_app
    pem, expected = make_certificate(encoding="pem")
    typed = (("ios", "com.example.shop", "", ""),)
    _post(client, order, SimpleUploadedFile("dist.pem", pem, "application/x-pem-file"), platforms=typed)
    row = fresh(order).application["apps"][0]["platforms"][0]
    assert row["package_name"] == "com.example.shop", "a bare certificate has no package name"
    assert row["signature"] == expected["sha1"] and row["public_key"] == expected["public_key"]
    assert row["from_file"]["filename"] == "dist.pem"


@pytest.mark.parametrize(("name", "data"), [("notes.apk", b"this is not an APK at all"), ("empty.apk", b""),
                                            ("photo.cer", b"\x89PNG\r\n\x1a\n" + b"0" * 100)])
def test_a_wrong_file_is_refused_with_the_readers_code_and_nothing_typed_is_lost(order_with_app, name, data):
    client, order = order_with_app
    response = _post(client, order, SimpleUploadedFile(name, data, "application/octet-stream"),
                     platforms=(("android", "com.example.shop", KEY_HEX, ANDROID_MD5),))
    assert response.status_code == 200
    page = response.content.decode()
    box = page[page.index('data-field="apps[0].platforms[0].file"'):]
    assert f"文件“{name}”未能读取" in box and "错误代码：signing_file_" in box
    row = fresh(order).application["apps"][0]["platforms"][0]
    assert row["package_name"] == "com.example.shop" and row["signature"] == "9F1A2B3C4D5E6F708192A3B4C5D6E77C"
    assert "from_file" not in row


def test_a_bad_file_keeps_the_next_button_on_the_page(order_with_app):
    client, order = order_with_app
    data = website_post(fresh(order).version, SITE, action="next") | app_post(0)
    data["apps[0].platforms[0].file"] = SimpleUploadedFile("x.apk", b"PK\x03\x04broken", "application/zip")
    response = client.post(f"/orders/{order.pk}/websites/", data)
    assert response.status_code == 200 and "错误代码：signing_file_" in response.content.decode()


def test_a_file_for_a_row_another_tab_removed_is_ignored(order_with_app):
    client, order = order_with_app
    apk, _ = make_apk()
    data = website_post(fresh(order).version, SITE, action="save") | app_post(0)
    data["apps[0].platforms[3].file"] = SimpleUploadedFile("a.apk", apk, "application/zip")
    data["apps[5].platforms[0].file"] = SimpleUploadedFile("b.apk", apk, "application/zip")
    assert client.post(f"/orders/{order.pk}/websites/", data).status_code == 200
    assert len(fresh(order).application["apps"][0]["platforms"]) == 1
    assert "from_file" not in fresh(order).application["apps"][0]["platforms"][0]


def test_the_websites_step_may_carry_an_apk_larger_than_other_requests(client, settings):
    """The request cap of every other page (REQUEST_MAX_BYTES) would refuse a real APP's APK."""
    from django.test import RequestFactory

    from beian.web.middleware import RequestSizeMiddleware

    settings.REQUEST_MAX_BYTES = 1000
    middleware = RequestSizeMiddleware(lambda request: "passed")
    big = {"CONTENT_LENGTH": str(5000)}
    assert middleware(RequestFactory().post("/orders/7/websites/", **big)) == "passed"
    assert middleware(RequestFactory().post("/orders/7/subject/", **big)).status_code == 413
    assert middleware(RequestFactory().post("/orders/7/websites/",
                                            CONTENT_LENGTH=str(settings.SIGNING_REQUEST_MAX_BYTES + 1))).status_code == 413


def test_pasted_ios_values_with_spaces_and_line_breaks(order_with_app):
    client, order = order_with_app
    typed = (("ios", "com.example.shop", KEY_HEX, IOS_SHA1),)
    client.post(f"/orders/{order.pk}/websites/", website_post(fresh(order).version, SITE, action="save")
                | app_post(0, platforms=typed))
    row = fresh(order).application["apps"][0]["platforms"][0]
    assert row["signature"] == "3B5C00112233445566778899AABBCCDDEEFF00E1"
