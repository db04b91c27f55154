"""Issue 17 #4 on the applicant's pages: 备案管理 lists a filing's APPs (number …号-NA, name, platforms, status) with
their actions (变更APP / 取消接入 / 注销APP), the release pages explain the kinds for an APP, 注销主体 lists the
subject's APPs, and 新增网站/APP starts an order that carries only an APP."""

import pytest
from django.contrib.auth import get_user_model

from beian.filings import states
from beian.filings.demo import seed_business
from beian.filings.models import FiledWebsite, Order
from tests.filings.test_app_kinds import APP_PRINCIPAL, app_of, with_apps

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client):
    account = get_user_model().objects.create_user("apps@example.com", "apps@example.com", "pw-12345678")
    client.force_login(account)
    return account


def _change(client, filing, **data):
    return client.post(f"/orders/filings/{filing.pk}/change/", data)


def test_the_filing_page_lists_websites_and_apps_with_their_actions(client, owner):
    filing = with_apps(owner)
    FiledWebsite.objects.filter(pk=app_of(filing, 2).pk).update(status=FiledWebsite.ACCESS_CANCELLED)
    text = client.get("/orders/").content.decode()
    assert 'data-domain="apps-a.com"' in text and 'data-domain="apps-b.com"' in text  # the websites as before
    shop = text[text.index(f'data-app="{filing.subject_number}-1A"'):]
    shop = shop[:shop.index("</tr>")]
    assert "示例商城" in shop and "安卓 com.example.shop、iOS com.example.shop" in shop and "正常" in shop
    assert 'value="change_website">变更APP' in shop and 'value="deregister_website">注销APP' in shop
    assert 'value="change_access"' not in shop  # 变更接入 is a website's
    tool = text[text.index(f'data-app="{filing.subject_number}-2A"'):]
    tool = tool[:tool.index("</tr>")]
    assert "已取消接入" in tool and "<form" not in tool  # near miss: listed, no actions
    assert "新增网站/APP" in text and f"/orders/new/?filing={filing.pk}&amp;service=app" in text


def test_a_filing_without_apps_shows_no_app_table(client, owner):
    from tests.filings.test_release import two_sites

    two_sites(owner)
    assert 'data-role="apps"' not in client.get("/orders/").content.decode()


def test_change_app_starts_an_order_with_the_app_only(client, owner):
    filing = with_apps(owner)
    row = app_of(filing)
    response = _change(client, filing, kind="change_website", website=row.pk)
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/orders/{order.pk}/websites/"
    assert (order.kind, order.filed_website_id, order.application["websites"]) == ("change_website", row.pk, [])
    assert order.application["apps"][0]["name"] == "示例商城"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages and "已创建变更APP订单" in messages[-1]


def test_a_website_kind_an_app_does_not_offer_is_refused(client, owner):
    filing = with_apps(owner)
    response = _change(client, filing, kind="change_access", website=app_of(filing).pk)
    assert response.status_code == 302 and not Order.objects.exists()
    assert "APP可办理" in str(list(response.wsgi_request._messages)[-1])


def test_cancel_access_for_an_app_explains_it_for_the_app(client, owner):
    filing = with_apps(owner)
    row = app_of(filing)
    text = _change(client, filing, kind="cancel_access", website=row.pk).content.decode()
    assert not Order.objects.exists()
    assert "取消接入后APP备案号保留" in text and f"{filing.subject_number}-1A" in text and 'id="release-apps"' in text
    assert 'id="release-sites"' not in text and "空壳网站" not in text  # near miss: not the website's words
    assert "不验证" in text
    _change(client, filing, kind="cancel_access", website=row.pk, confirmed="1", agreement="on")
    order = Order.objects.get()
    assert (order.state, order.application["websites"], order.filed_website_id) == (states.PENDING_MINISTRY, [], row.pk)
    progress = client.get(f"/orders/{order.pk}/").content.decode()
    assert order.reference in progress and 'id="progress-apps"' in progress and "示例商城" in progress


def test_deregistering_an_app_names_its_principal(client, owner):
    filing = with_apps(owner)
    row = app_of(filing)
    text = _change(client, filing, kind="deregister_website", website=row.pk).content.decode()
    assert "注销APP" in text and "APP备案号注销后不能恢复" in text
    assert "APP负责人（示例商城）" in text and "136****2222" in text and APP_PRINCIPAL["mobile"] not in text
    assert "最后一个正常网站" not in text
    response = _change(client, filing, kind="deregister_website", website=row.pk, confirmed="1", agreement="on")
    order = Order.objects.get()
    assert response.status_code == 302 and order.state == states.PROVIDER_REVIEW
    assert "注销APP订单" in str(list(response.wsgi_request._messages)[-1])
    # 信息确认 of the release order (e.g. after the ministry returned it) says the same.
    Order.objects.filter(pk=order.pk).update(state=states.RETURNED)
    confirm = client.get(f"/orders/{order.pk}/confirm/").content.decode()
    assert "注销APP" in confirm and "APP负责人（示例商城）" in confirm


def test_deregister_subject_lists_the_subjects_apps(client, owner):
    filing = with_apps(owner)
    text = _change(client, filing, kind="deregister_subject").content.decode()
    assert 'id="release-sites"' in text and 'id="release-apps"' in text
    assert f"{filing.subject_number}-1A" in text and f"{filing.subject_number}-2A" in text and "示例工具" in text
    assert "随主体一并注销" in text and "…号-NA" in text
    _change(client, filing, kind="deregister_subject", confirmed="1", agreement="on")
    assert len(Order.objects.get().application["apps"]) == 2


def test_new_app_from_the_filing_page_carries_only_an_app(client, owner):
    filing = with_apps(owner)
    subject = filing.application["subject"]
    seed_business((subject["cert_number"], subject["name"], subject["principal"]["name"]))  # 工商库
    page = client.get(f"/orders/new/?filing={filing.pk}&service=app").content.decode()
    assert '<option value="app" selected>APP</option>' in page  # 服务类型 APP chosen
    assert filing.application["subject"]["cert_number"] in page  # the filed subject, prefilled
    region = filing.application["region"]
    data = {"region.province": region["province"], "region.city": region["city"], "region.district": region["district"],
            "subject.nature": subject["nature"], "subject.cert_type": subject["cert_type"], "subject.name": subject["name"],
            "subject.cert_number": subject["cert_number"], "subject.cert_address": subject["cert_address"],
            "service_kind": "app", "websites[0].domains[0]": "", "action": "next"}
    response = client.post(f"/orders/new/?filing={filing.pk}&service=app", data)
    order = Order.objects.get()
    assert response.status_code == 302, response.content.decode()[:3000]
    assert order.kind == "new_site_here" and order.application["websites"] == []
    assert len(order.application["apps"]) == 1 and order.application["apps"][0]["name"] == ""  # filled in at 网站信息
    # Near miss: the same entry without service=app opens with 服务类型 网站.
    assert '<option value="website" selected>网站</option>' in client.get(f"/orders/new/?filing={filing.pk}").content.decode()
