"""An order of APPs only (issue 17), on the applicant's pages the browser test (tests/e2e/test_app_filing.py) found
worded for websites: step 1's explanation of 新增APP names the APP principal as the SMS target, and the approved
order's page says where the APP shows its number, with no 公安联网备案 card for websites it does not have."""

import copy
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from beian.filings.models import Order
from beian.filings.services import create_order
from beian.ministry.port import Status
from beian.ministry.services import apply_status
from tests.compliance.support import account, approve, at_bureau, unit_application
from tests.filings.test_app_kinds import APP, with_apps

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _basic(filing, service_kind: str) -> dict:
    from beian.filings.demo import seed_business

    subject, region = filing.application["subject"], filing.application["region"]
    seed_business((subject["cert_number"], subject["name"], subject["principal"]["name"]))
    return {"region.province": region["province"], "region.city": region["city"], "region.district": region["district"],
            "subject.nature": subject["nature"], "subject.cert_type": subject["cert_type"], "subject.name": subject["name"],
            "subject.cert_number": subject["cert_number"], "subject.cert_address": subject["cert_address"],
            "service_kind": service_kind, "websites[0].domains[0]": "" if service_kind == "app" else "new-here.com",
            "action": "check"}


def test_step_1_explains_a_new_app_with_the_app_principal(client):
    owner = account("apps@example.com")
    client.force_login(owner)
    filing = with_apps(owner)
    page = client.post(f"/orders/new/?filing={filing.pk}&service=app", _basic(filing, "app")).content.decode()
    box = page[page.index('id="filing-type"'):]
    box = box[:box.index("</div>")]
    assert "本次为APP办理新增备案；短信核验对象为APP负责人" in box and "新域名" not in box
    # Near miss: 新增网站 of the same subject keeps the website's words.
    page = client.post(f"/orders/new/?filing={filing.pk}", _basic(filing, "website")).content.decode()
    assert "本次为新域名办理新增网站；短信核验对象为网站负责人" in page


def _approved_apps_only() -> Order:
    application = unit_application(domain="unused.com")
    application["websites"], application["apps"] = [], [copy.deepcopy(APP)]
    order = at_bureau(create_order(account=account("apponly@example.com"), application=application, now=T0))
    number = "浙ICP备2090000991号"
    assert apply_status(order=order, status=Status(request_id=order.ministry_request_id, status="approved",
                                                   icp_number=number, app_numbers=[number + "-1A"]), now=T0)
    order.refresh_from_db()
    return order


def test_an_approved_app_only_order_says_where_the_app_shows_its_number(client):
    order = _approved_apps_only()
    client.force_login(order.account)
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert "备案完成：在APP的“关于”或“设置”页面或应用商店的应用详情页展示APP备案号" in page
    assert "浙ICP备2090000991号-1A" in page
    assert "在网站底部放置备案号" not in page and 'id="after-approval"' not in page and 'id="footer-html"' not in page
    # Near miss: an approved website order keeps its footer step and its 公安联网备案 card.
    site = approve(at_bureau(create_order(account=order.account, application=unit_application(domain="site-ok.com"),
                                          now=T0)), now=T0)
    page = client.get(f"/orders/{site.pk}/").content.decode()
    assert "备案完成：在网站底部放置备案号" in page and 'id="after-approval"' in page
