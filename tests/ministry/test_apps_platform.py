"""APP filing on the platform's side of the ministry (issue 17 #4, #5): an order with a website and two APPs goes
through the running simulator to `…号-1`, `…号-1A`, `…号-2A`; the platform records the APPs as FiledWebsite rows
of service type APP numbered as the ministry numbered them; the approval message (site, email through a real SMTP
server, SMS) names each APP's number and where the APP must show it; a later APP-only order continues the APPs'
own sequence (`-3A`) and its message has no website footer; the order page and 我的备案 list the APPs."""

import pytest
from django.contrib.auth import get_user_model

from beian.filings import states, transitions
from beian.filings.claims import release_claims
from beian.filings.models import FiledWebsite, Filing, Order
from beian.filings.services import create_order, transition
from beian.ministry import services
from beian.ministry.port import Status
from beian.notifications.models import Message, SmsRecord
from tests.filings.conftest import application
from tests.ministry.test_simulator import _fresh_mobile
from tests.ministry.test_simulator_apps import APP_PERSON, _package, app_entry
from tests.ministry_sim import unique_uscc

pytestmark = pytest.mark.django_db


def _people(app) -> dict[str, str]:
    found = {app["subject"]["principal"]["mobile"]: app["subject"]["principal"]["cert_number"]}
    for entry in [*app["websites"], *app.get("apps", [])]:
        if (entry.get("principal") or {}).get("mobile"):
            found.setdefault(entry["principal"]["mobile"], entry["principal"]["cert_number"])
    return found


def _through_the_ministry(ministry, account, app, capture, **order_kwargs) -> Order:
    order = create_order(account=account, application=app, **order_kwargs)
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW)
    with capture(execute=True):
        transition(order=order, to_state=states.PENDING_MINISTRY, role=transitions.REVIEWER)
    order.refresh_from_db()
    assert order.state == states.SMS_VERIFICATION, order.state
    sent = {r["mobile"] for r in ministry.get_json("/sms/outbox/?format=json")["sms"] if order.reference in r["body"]}
    for mobile, cert in _people(app).items():
        if mobile in sent:
            ministry.sms_post(code=ministry.codes(mobile)[0], mobile=mobile, cert_last6=cert[-6:])
    with capture(execute=True):
        services.poll_results()
    order.refresh_from_db()
    assert order.state == states.BUREAU_REVIEW, order.state
    ministry.manage("ministry_decide", order.ministry_request_id)
    with capture(execute=True):
        services.poll_results()
    order.refresh_from_db()
    return order


def _order_app(domain):
    app = application(domain, unique_uscc())
    app["subject"]["principal"]["mobile"] = _fresh_mobile()
    app["subject"]["principal"]["email"] = f"boss-{domain}@example.com"
    shop, news = _package(), _package()
    app_mobile = _fresh_mobile()
    app["apps"] = [app_entry("示例商城", [("android", shop), ("ios", shop)],
                             principal={**APP_PERSON, "mobile": app_mobile, "email": f"app-{domain}@example.com"}),
                   app_entry("示例资讯", [("harmony", news)])]
    return app, app_mobile, shop


def test_a_website_and_two_apps_are_filed_and_the_message_says_where_each_app_shows_its_number(
        ministry, smtp_server, django_capture_on_commit_callbacks, client):
    account = get_user_model().objects.create_user("apps@example.com", "apps@example.com", "pw-12345678")
    app, app_mobile, shop = _order_app("apps-one.com")
    order = _through_the_ministry(ministry, account, app, django_capture_on_commit_callbacks)
    assert app_mobile in {r["mobile"] for r in ministry.get_json("/sms/outbox/?format=json")["sms"]
                          if order.reference in r["body"]}, "the APP principal's own mobile got the code"
    assert order.state == states.APPROVED
    number = order.meta["icp_number"]
    assert order.meta["website_numbers"] == {"apps-one.com": f"{number}-1"}
    assert order.meta["app_numbers"] == [f"{number}-1A", f"{number}-2A"]
    filing = Filing.objects.get(subject_number=number)
    assert "apps" not in filing.application and "websites" not in filing.application
    rows = [(w.service_type, w.website_number, w.domain, w.name) for w in filing.websites.all()]
    assert rows == [("website", f"{number}-1", "apps-one.com", "示例科技官方网站"),
                    ("app", f"{number}-1A", "", "示例商城"), ("app", f"{number}-2A", "", "示例资讯")]
    shop_row = filing.websites.get(service_type=FiledWebsite.APP, seq=1)
    assert shop_row.website == app["apps"][0] and shop_row.status == FiledWebsite.ACTIVE
    assert (shop_row.instance_id, shop_row.ip) == ("i-app", "47.96.1.2")
    # the approval message: each APP's number with its platforms, and where the APP must show it
    site = Message.objects.get(order=order, event="state:approved", channel=Message.SITE)
    for text in (f"示例商城（安卓 {shop}、iOS {shop}）：{number}-1A", "示例资讯（鸿蒙 ", f"{number}-2A",
                 "“关于”或“设置”页面", "应用商店的应用详情页", "https://beian.miit.gov.cn/", "首页底部中央"):
        assert text in site.body, text
    mails = [m for m in smtp_server.messages if m["Subject"] == f"备案成功：{number}"]
    assert {m["To"] for m in mails} >= {"apps@example.com", "app-apps-one.com@example.com"}  # the APP principal too
    mail = mails[0].get_payload(decode=True).decode()
    assert f"{number}-1A" in mail and f"{number}-2A" in mail and "应用商店的应用详情页" in mail
    (sms,) = SmsRecord.objects.filter(SmsRecord.for_mobile(app_mobile), body__contains=f"{number}-1A")
    assert f"{number}-2A" in sms.body and "关于" in sms.body and "网站底部" in sms.body
    # the order page lists the APP numbers; 我的备案 lists the APPs with their numbers and platforms
    client.force_login(account)
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert f'data-app-number="{number}-1A"' in page and "应用商店的应用详情页" in page and 'id="footer-html"' in page
    mine = client.get("/orders/").content.decode()
    assert f'data-website="{number}-1A"' in mine and f"安卓 {shop}" in mine and f'data-website="{number}-2A"' in mine

    # a later APP-only order (新增网站/APP): the APPs' own sequence continues at -3A; no footer in the message
    later = dict(filing.application, websites=[], apps=[app_entry("示例工具", [("android", _package())])])
    second = _through_the_ministry(ministry, account, later, django_capture_on_commit_callbacks, kind="new_site_here")
    assert second.state == states.APPROVED and second.meta["app_numbers"] == [f"{number}-3A"]
    tool = filing.websites.get(service_type=FiledWebsite.APP, seq=3)
    assert tool.website_number == f"{number}-3A" and tool.name == "示例工具"
    assert filing.websites.filter(service_type=FiledWebsite.WEBSITE).count() == 1
    body = Message.objects.get(order=second, event="state:approved", channel=Message.SITE).body
    assert "示例工具（安卓 " in body and f"{number}-3A" in body and "“关于”或“设置”页面" in body
    assert "首页底部" not in body, "an APP-only approval has no website footer to place"
    page = client.get(f"/orders/{second.pk}/").content.decode()
    assert f'data-app-number="{number}-3A"' in page and 'id="footer-html"' not in page


def _approved(order, status):
    Order.objects.filter(pk=order.pk).update(state=states.BUREAU_REVIEW, ministry_request_id=status.request_id)
    order.refresh_from_db()
    assert services.apply_status(order=order, status=status)
    order.refresh_from_db()
    return order


def test_record_approval_maps_app_numbers_by_position_and_updates_a_changed_app(ministry):
    """Two APPs of the same name: only the position in `apps` tells them apart. A change of one APP (named by its
    FiledWebsite) takes the changed values; the other APP and the website stay."""
    account = get_user_model().objects.create_user("pos@example.com", "pos@example.com", "pw-12345678")
    app = application("apps-pos.com", unique_uscc())
    one, two = _package(), _package()
    app["apps"] = [app_entry("同名", [("android", one)]), app_entry("同名", [("android", two)])]
    order = create_order(account=account, application=app)
    number = "浙ICP备2026999001号"
    order = _approved(order, Status(request_id="pos-1", status="approved", icp_number=number,
                                    website_numbers={"apps-pos.com": f"{number}-4"},
                                    app_numbers=[f"{number}-7A", f"{number}-6A"]))
    filing = Filing.objects.get(subject_number=number)
    by_seq = {w.seq: w.website["platforms"][0]["package_name"]
              for w in filing.websites.filter(service_type=FiledWebsite.APP)}
    assert by_seq == {7: one, 6: two}
    assert filing.websites.get(service_type=FiledWebsite.WEBSITE).website_number == f"{number}-4"
    target = filing.websites.get(service_type=FiledWebsite.APP, seq=6)
    changed = dict(filing.application, websites=[], apps=[dict(target.website, name="改名后", access={
        "product": "ecs", "instance_id": "i-new", "ip": "47.96.9.9", "service_number": None})])
    change = create_order(account=account, application=changed, kind="change_website", filing=filing,
                          filed_website=target)
    _approved(change, Status(request_id="pos-2", status="approved", icp_number=number, app_numbers=[f"{number}-6A"]))
    target.refresh_from_db()
    assert (target.name, target.instance_id, target.ip) == ("改名后", "i-new", "47.96.9.9")
    assert filing.websites.get(service_type=FiledWebsite.APP, seq=7).name == "同名"
    assert filing.websites.get(service_type=FiledWebsite.WEBSITE).name == "示例科技官方网站"


def test_a_change_of_an_app_is_sent_with_its_number(ministry, monkeypatch):
    """A website-level kind names an APP by its number (`app_number`), a website by its domain."""
    sent = []

    class Recording:
        def submit(self, **kwargs):
            sent.append(kwargs)
            return Status(request_id=kwargs["request_id"], status="bureau")

    monkeypatch.setattr(services, "ADAPTER", Recording())
    account = get_user_model().objects.create_user("named@example.com", "named@example.com", "pw-12345678")
    app = application("apps-named.com", unique_uscc())
    app["apps"] = [app_entry("示例", [("android", _package())])]
    order = _approved(create_order(account=account, application=app), Status(
        request_id="named-1", status="approved", icp_number="浙ICP备2026999002号",
        website_numbers={"apps-named.com": "浙ICP备2026999002号-1"}, app_numbers=["浙ICP备2026999002号-1A"]))
    filing = Filing.objects.get(subject_number=order.meta["icp_number"])
    for target, expected in ((filing.websites.get(service_type="app"), {"app_number": "浙ICP备2026999002号-1A", "domain": ""}),
                             (filing.websites.get(service_type="website"), {"domain": "apps-named.com"})):
        change = create_order(account=account, application=dict(filing.application, websites=[], apps=[]),
                              kind="deregister_website", filing=filing, filed_website=target)
        Order.objects.filter(pk=change.pk).update(state=states.PENDING_MINISTRY)
        services.submit(order=change)
        assert {k: sent[-1].get(k) for k in expected} == expected
        assert ("app_number" in sent[-1]) == ("app_number" in expected)
        release_claims(order=change)  # the next change of the same subject may start
