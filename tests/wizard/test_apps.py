"""APPs at 填写网站信息 (issue 17 #2): add / remove APPs and platform rows, pasted values, two tabs, APP-only orders,
and the rest of the wizard (产品验证, 信息确认, progress, the order list) with APPs."""

import pytest

from beian.filings.models import Order

from .app_support import ANDROID_MD5, IOS_SHA1, KEY_HEX, app_post, form_of, fresh
from .support import applicant_with_products, basic_post, setup_registry, website_post

pytestmark = pytest.mark.django_db
SITE = [("示例科技官方网站", "zj-demo-one.com")]


@pytest.fixture
def order_with_site(client):
    setup_registry()
    account, instances = applicant_with_products()
    client.force_login(account)
    client.post("/orders/new/", basic_post())
    return client, Order.objects.get(), instances


def _url(order, step="websites"):
    return f"/orders/{order.pk}/{step}/"


def _add_app(client, order):
    response = client.post(_url(order), website_post(order.version, SITE, action="add_app"))
    assert response.status_code == 302 and response["Location"].endswith("?new_app=0")
    return fresh(order)


def test_an_app_is_added_beside_a_website_and_its_pasted_values_are_stored_normalised(order_with_site):
    client, order, _ = order_with_site
    order = _add_app(client, order)
    assert order.application["websites"][0]["domains"] == ["zj-demo-one.com"]
    assert order.application["apps"] == [{"name": "", "content": "其他", "languages": ["中文简体"], "pre_approvals": [],
                                          "remark": "", "platforms": [{"platform": "android", "package_name": "",
                                                                        "public_key": "", "signature": ""}],
                                          "domains": [], "access": None, "principal": None}]
    page = client.get(_url(order) + "?new_app=0").content.decode()
    assert 'data-app="0"' in page and "签名MD5值" in page and "keytool -printcert -jarfile app.apk" in page
    assert "apksigner verify --print-certs" in page and 'enctype="multipart/form-data"' in page
    assert "请填写APP名称" not in page, "a fresh APP opens without red errors"

    post = website_post(order.version, SITE, action="save") | app_post(
        0, domains="API.Example.com\nshop.example.com, api.example.com")
    page = client.post(_url(order), post).content.decode()
    app = fresh(order).application["apps"][0]
    assert app["name"] == "示例商城"
    assert app["platforms"][0]["signature"] == "9F1A2B3C4D5E6F708192A3B4C5D6E77C"
    assert app["platforms"][0]["public_key"] == "30820122300D06092A864886F70D01010105000382010F00"
    assert app["domains"] == ["api.example.com", "shop.example.com"]
    assert app["pre_approvals"] == [], "不涉及 is no pre-approval row"
    assert "已将您填写的" in page and "9F1A2B3C4D5E6F708192A3B4C5D6E77C" in page
    assert fresh(order).application["websites"][0]["name"] == "示例科技官方网站", "the website is saved too"


def test_a_second_platform_takes_the_next_platform_and_its_label(order_with_site):
    client, order, _ = order_with_site
    order = _add_app(client, order)
    client.post(_url(order), website_post(order.version, SITE, action="add_platform:0") | app_post(0))
    app = fresh(order).application["apps"][0]
    assert [p["platform"] for p in app["platforms"]] == ["android", "ios"]
    assert app["platforms"][0]["package_name"] == "com.example.shop", "what was typed before adding is kept"
    page = client.get(_url(order)).content.decode()
    assert "证书SHA-1指纹" in page and "Bundle ID" in page and "Apple Developer" in page

    both = app_post(0, platforms=(("android", "com.example.shop", KEY_HEX, ANDROID_MD5),
                                  ("ios", "com.example.shop", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\nMIIBCgKCAQEA", IOS_SHA1)))
    client.post(_url(order), website_post(fresh(order).version, SITE, action="save") | both)
    ios = fresh(order).application["apps"][0]["platforms"][1]
    assert ios["signature"] == "3B5C00112233445566778899AABBCCDDEEFF00E1"
    assert ios["public_key"] == "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", "base64 keeps its case, loses the break"

    # Removing a platform row; the last one stays.
    client.post(_url(order), website_post(fresh(order).version, SITE, action="remove_platform:0:0") | both)
    platforms = fresh(order).application["apps"][0]["platforms"]
    assert [p["platform"] for p in platforms] == ["ios"]
    last = client.post(_url(order), website_post(fresh(order).version, SITE, action="remove_platform:0:0")
                       | app_post(0, platforms=(("ios", "com.example.shop", "", IOS_SHA1),)), follow=True)
    assert "每个APP至少需要保留一个平台" in last.content.decode()
    assert len(fresh(order).application["apps"][0]["platforms"]) == 1


def test_removing_an_app_keeps_the_website_and_the_last_website_goes_only_beside_an_app(order_with_site):
    client, order, _ = order_with_site
    order = _add_app(client, order)
    client.post(_url(order), website_post(order.version, SITE, action="add_app") | app_post(0))
    assert [a["name"] for a in fresh(order).application["apps"]] == ["示例商城", ""]
    client.post(_url(order), website_post(fresh(order).version, SITE, action="remove_app:0")
                | app_post(0) | app_post(1, name="第二个APP"))
    apps = fresh(order).application["apps"]
    assert [a["name"] for a in apps] == ["第二个APP"]

    # With an APP the last website may go (an APP-only order); then the last APP may not.
    client.post(_url(order), website_post(fresh(order).version, SITE, action="remove:0") | app_post(0, name="第二个APP"))
    application = fresh(order).application
    assert application["websites"] == [] and len(application["apps"]) == 1
    page = client.post(_url(order), {"version": fresh(order).version, "action": "remove_app:0"}
                       | app_post(0, name="第二个APP"), follow=True).content.decode()
    assert "至少需要保留一个网站或APP" in page and len(fresh(order).application["apps"]) == 1


def test_an_index_out_of_range_or_garbage_in_the_action_is_no_error(order_with_site):
    client, order, _ = order_with_site
    order = _add_app(client, order)
    for action in ("remove_app:9", "remove_app:x", "add_platform:99999", "remove_platform:0:7", "remove_platform:0"):
        response = client.post(_url(order), website_post(fresh(order).version, SITE, action=action) | app_post(0))
        assert response.status_code in (200, 302), action
    assert len(fresh(order).application["apps"]) == 1


def test_two_tabs_a_platform_added_in_one_survives_the_other_and_the_same_field_is_a_choice(order_with_site):
    client, order, _ = order_with_site
    order = _add_app(client, order)
    client.post(_url(order), website_post(order.version, SITE, action="save") | app_post(0))
    tab_a = form_of(client.get(_url(order)).content.decode())
    # Tab B adds a platform and types it.
    client.post(_url(order), website_post(fresh(order).version, SITE, action="add_platform:0") | app_post(0))
    both = app_post(0, platforms=(("android", "com.example.shop", KEY_HEX, ANDROID_MD5),
                                  ("ios", "com.example.ios", "", IOS_SHA1)))
    client.post(_url(order), website_post(fresh(order).version, SITE, action="save") | both)
    # Tab A, older, changes the APP's remark only: merged, tab B's platform row kept.
    post = website_post(0, SITE, action="save") | app_post(0) | tab_a | {"apps[0].remark": "由A填写"}
    page = client.post(_url(order), post).content.decode()
    app = fresh(order).application["apps"][0]
    assert app["remark"] == "由A填写"
    assert [p["package_name"] for p in app["platforms"]] == ["com.example.shop", "com.example.ios"]
    assert "此订单已在其他页面或标签页中被修改" not in page

    # Both tabs change the APP name: nothing saved, both values shown for a choice.
    tab_a = form_of(page)
    client.post(_url(order), website_post(fresh(order).version, SITE, action="save") | both | {"apps[0].name": "B的名称"})
    post = website_post(0, SITE, action="save") | both | tab_a | {"apps[0].name": "A的名称", "apps[0].remark": "由A填写"}
    page = client.post(_url(order), post).content.decode()
    assert fresh(order).application["apps"][0]["name"] == "B的名称"
    box = page[page.index('data-conflict="apps[0].name"'):]
    assert "A的名称" in box[:600] and "B的名称" in box[:600]
    chosen = post | form_of(page) | {"conflicts": ["apps[0].name"], "conflict:apps[0].name": "mine"}
    client.post(_url(order), chosen)
    assert fresh(order).application["apps"][0]["name"] == "A的名称"


def test_an_app_removed_in_another_tab_is_said_not_dropped_unseen(order_with_site):
    client, order, _ = order_with_site
    order = _add_app(client, order)
    client.post(_url(order), website_post(order.version, SITE, action="save") | app_post(0))
    tab_a = form_of(client.get(_url(order)).content.decode())
    client.post(_url(order), website_post(fresh(order).version, SITE, action="remove_app:0") | app_post(0))
    assert fresh(order).application["apps"] == []
    page = client.post(_url(order), website_post(0, SITE, action="save") | app_post(0) | tab_a, follow=True)
    assert page.status_code == 200
    assert "其他页面或标签页已删除了以下APP" in page.content.decode() and "示例商城" in page.content.decode()
    assert fresh(order).application["apps"] == []


def test_back_and_reload_show_what_is_saved(order_with_site):
    client, order, _ = order_with_site
    order = _add_app(client, order)
    client.post(_url(order), website_post(order.version, SITE, action="save") | app_post(0, domains="api.example.com"))
    page = client.get(_url(order)).content.decode()
    assert 'value="示例商城"' in page and "api.example.com</textarea>" in page
    assert "9F1A2B3C4D5E6F708192A3B4C5D6E77C" in page
    # Editing an earlier step afterwards keeps the APP.
    client.post(f"/orders/{order.pk}/basic/", basic_post(action="check", version=fresh(order).version))
    assert fresh(order).application["apps"][0]["name"] == "示例商城"


def test_an_app_only_order_from_step_one(client):
    setup_registry()
    account, _ = applicant_with_products()
    client.force_login(account)
    response = client.post("/orders/new/", basic_post(**{"websites[0].domains[0]": "", "service_kind": "app"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    order = Order.objects.get()
    assert order.application["websites"] == [] and len(order.application["apps"]) == 1
    page = client.get(f"/orders/{order.pk}/basic/").content.decode()
    assert '<option value="app" selected>' in page
    page = client.get(_url(order)).content.decode()
    assert 'data-app="0"' in page and 'data-website="0"' not in page
    client.post(_url(order), {"version": fresh(order).version, "action": "save"} | app_post(0))
    assert fresh(order).application["apps"][0]["platforms"][0]["package_name"] == "com.example.shop"
    # An APP is enough: 下一步 goes on to 产品验证 for its access (no WEBSITE_REQUIRED).
    going = client.post(_url(order), {"version": fresh(order).version, "action": "next"} | app_post(0), follow=True)
    assert going.redirect_chain[-1][0].endswith(f"/orders/{order.pk}/product/"), going.content.decode()[:3000]
    assert "APP：示例商城" in going.content.decode() and 'name="apps[0].access.instance_id"' in going.content.decode()
    # 网站 again at step 1 with a domain: a website comes back, the APP stays.
    client.post(f"/orders/{order.pk}/basic/", basic_post(action="check", version=fresh(order).version))
    application = fresh(order).application
    assert application["websites"][0]["domains"] == ["zj-demo-one.com"] and application["websites"][0]["name"] == ""
    assert application["apps"][0]["name"] == "示例商城"


def test_product_step_takes_an_access_per_app(order_with_site):
    client, order, instances = order_with_site
    order = _add_app(client, order)
    client.post(_url(order), website_post(order.version, SITE, action="save") | app_post(0))
    page = client.get(_url(order, "product")).content.decode()
    assert "APP1：示例商城" in page and 'name="apps[0].access.instance_id"' in page
    client.post(_url(order, "product"), {"version": fresh(order).version, "action": "save",
                                         "websites[0].access.instance_id": instances[0].instance_id,
                                         "apps[0].access.instance_id": instances[1].instance_id})
    application = fresh(order).application
    assert application["apps"][0]["access"]["instance_id"] == instances[1].instance_id
    assert application["apps"][0]["access"]["ip"] == instances[1].public_ip
    assert application["websites"][0]["access"]["instance_id"] == instances[0].instance_id


def test_confirm_progress_and_list_show_two_websites_and_two_apps(order_with_site):
    client, order, instances = order_with_site
    sites = SITE + [("示例科技产品中心", "zj-demo-two.com")]
    client.post(_url(order), website_post(order.version, SITE, action="add"))
    client.post(_url(order), website_post(fresh(order).version, sites, action="add_app"))
    client.post(_url(order), website_post(fresh(order).version, sites, action="add_app") | app_post(0))
    two = app_post(0) | app_post(1, name="示例助手", platforms=(("ios", "com.example.helper", KEY_HEX, IOS_SHA1),
                                                             ("android", "com.example.helper", KEY_HEX, ANDROID_MD5)))
    client.post(_url(order), website_post(fresh(order).version, sites, action="save") | two)
    assert [a["name"] for a in fresh(order).application["apps"]] == ["示例商城", "示例助手"]
    page = client.get(_url(order, "confirm"))
    assert page.status_code == 200
    text = page.content.decode()
    apps = text[text.index('id="confirm-apps"'):]
    assert "APP：示例商城" in apps and "APP：示例助手" in apps and "com.example.helper" in apps and "iOS" in apps
    missing = text[text.index('id="missing"'):]
    assert "APP：示例助手" in missing, "an APP without access is listed with what is missing"
    progress = client.get(f"/orders/{order.pk}/").content.decode()
    assert "示例商城" in progress and "示例助手" in progress
    listing = client.get("/orders/").content.decode()
    assert "APP：示例商城" in listing


def test_the_engines_app_findings_land_next_to_their_fields(order_with_site):
    client, order, _ = order_with_site
    order = _add_app(client, order)
    bad = app_post(0, name="", domains="api.example.com\na.b.c.example.com",
                   platforms=(("android", "1com", "not a key!", "9F:1A"),))
    page = client.post(_url(order), website_post(order.version, SITE, action="next") | bad).content.decode()
    assert f"/orders/{order.pk}/websites/" in page or "填写网站信息" in page, "下一步 stays on the page"

    def box(name):
        start = page.index(f'data-field="{name}"')
        return page[start:page.index('class="help"', start)]

    assert "请填写APP名称" in box("apps[0].name")
    assert "field-error" in box("apps[0].platforms[0].package_name")
    assert "field-error" in box("apps[0].platforms[0].signature") and "9F1A" in box("apps[0].platforms[0].signature")
    assert "field-error" in box("apps[0].platforms[0].public_key")
    assert "a.b.c.example.com" in box("apps[0].domains") and "field-error" in box("apps[0].domains")
    assert fresh(order).application["apps"][0]["domains"] == ["api.example.com", "a.b.c.example.com"], "saved as typed"


def test_an_apps_own_principal_is_filled_in_and_its_id_is_asked_at_materials(order_with_site):
    client, order, _ = order_with_site
    order = _add_app(client, order)
    client.post(_url(order), website_post(order.version, SITE, action="save") | app_post(0, reuse="0"))
    assert fresh(order).application["apps"][0]["principal"]["name"] == ""
    page = client.get(_url(order)).content.decode()
    assert 'name="apps[0].principal.mobile"' in page
    person = {"name": "李四", "cert_type": "resident_id", "cert_number": "11010519491231002X", "cert_valid_until": "长期",
              "mobile": "13600006666", "contact2": "13600006667", "emergency_mobile": "13600006668",
              "email": "lisi@example.com"}
    own = app_post(0, reuse="0") | {f"apps[0].principal.{k}": v for k, v in person.items()}
    client.post(_url(order), website_post(fresh(order).version, SITE, action="save") | own)
    principal = fresh(order).application["apps"][0]["principal"]
    assert principal["name"] == "李四" and principal["mobile"] == "13600006666"
    materials = client.get(_url(order, "materials")).content.decode()
    assert "APP负责人（示例商城）" in materials
