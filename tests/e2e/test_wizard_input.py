"""Issue 11 items 3, 5, 7 and 9 in Chromium, at 1366×768 and on a 375×812 phone screen.

Every step is screenshotted to test-artifacts/<test>/, and a last screenshot is taken whatever the
outcome, so a failure shows what the person saw.
"""

import re

import pytest
from django.contrib.auth import get_user_model

from beian.filings import checks
from beian.filings.demo import FILED_SUBJECT, seed_approved_filing, seed_business, seed_products
from beian.filings.models import Order
from beian.filings.services import create_order

from .conftest import Shots
from .wizard_helpers import fill, login, select

pytestmark = pytest.mark.django_db(transaction=True)
ZJ = ("91330106MA2GL0XX7U", "杭州示例科技有限公司", "张三")
SCREENS = {"desktop": {"viewport": {"width": 1366, "height": 768}},
           "phone": {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}}


@pytest.fixture(params=list(SCREENS))
def screen(browser, request):
    context = browser.new_context(locale="zh-CN", **SCREENS[request.param])
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.shots = Shots(page, request.node.name)
    yield page
    page.shots("last")
    context.close()


def _account(email):
    account = get_user_model().objects.create_user(email, email, "Str0ng-pass-99")
    seed_products(account, prefix=email.split("@")[0])
    return account


def _field(page, name):
    return page.locator(f'[data-field="{name}"]')


def _value(page, name) -> str:
    return page.locator(f'[name="{name}"]').input_value()


def _step_one(page, *, name=ZJ[1], cert=ZJ[0], domain, city="杭州市", district="西湖区"):
    page.click("#start")
    select(page, "region.province", "浙江省")
    fill(page, "region.city", city)
    fill(page, "region.district", district)
    select(page, "subject.nature", "enterprise")
    select(page, "subject.cert_type", "business_license")
    fill(page, "subject.name", name)
    fill(page, "subject.cert_number", cert)
    fill(page, "subject.cert_address", "浙江省杭州市西湖区文三路100号")
    fill(page, "websites[0].domains[0]", domain)


def test_subdomain_blocks_step_one_and_the_one_click_fix_repairs_it(live_server, screen):
    """Items 3 and 5: WWW.Example.COM is an error, 下一步 stays, 校验通过 never shows; one click fixes it."""
    page, base = screen, live_server.url
    seed_business(ZJ)
    _account("sub@example.com")
    login(page, base, "sub@example.com")
    _step_one(page, domain="WWW.ZJ-Input.COM", cert="9133 0106 ma2g l0xx 7u")
    page.click("#check")
    page.shots("checked")
    domain = _field(page, "websites[0].domains[0]")
    assert "zj-input.com" in domain.locator(".field-error").inner_text()
    summary = page.locator("section").first.inner_text()
    assert "可以备案" not in summary and "校验通过" not in summary
    assert "zj-input.com" in page.locator("#basic-findings").inner_text()
    assert _value(page, "subject.cert_number") == ZJ[0], "ID number with spaces and lower case not tidied"
    page.click("#next")
    page.wait_for_load_state()
    page.shots("next-refused")
    assert "/new/" in page.url and not Order.objects.exists()
    fix = domain.locator("[data-fix-for]")
    assert "zj-input.com" in fix.inner_text()
    fix.click()
    page.wait_for_selector("#filing-type[data-passed='1']")
    page.shots("fixed")
    assert _value(page, "websites[0].domains[0]") == "zj-input.com"
    assert "可以备案" in page.locator("#filing-type").inner_text()
    assert _field(page, "websites[0].domains[0]").locator(".field-error").count() == 0
    page.click("#next")
    page.wait_for_url("**/product/")
    assert Order.objects.get().application["websites"][0]["domains"] == ["zj-input.com"]


def test_full_width_and_pasted_input_is_tidied_and_explained(live_server, screen):
    """Item 5: full-width domain and mobiles typed in the odd forms people use are kept, tidied, explained."""
    page, base = screen, live_server.url
    seed_business(ZJ)
    account = _account("fw@example.com")
    login(page, base, "fw@example.com")
    _step_one(page, domain="ｚｊ－ｗｉｄｅ．ｃｏｍ")
    page.click("#check")
    page.shots("full-width-domain")
    assert _value(page, "websites[0].domains[0]") == "zj-wide.com"
    assert "ｚｊ－ｗｉｄｅ．ｃｏｍ" in _field(page, "websites[0].domains[0]").locator(".field-note").inner_text()
    assert "可以备案" in page.locator("#filing-type").inner_text()
    fill(page, "websites[0].domains[0]", "http://ZJ-Wide.com/about")
    page.click("#next")
    page.wait_for_url("**/product/")
    order = Order.objects.get(account=account)
    assert order.application["websites"][0]["domains"] == ["zj-wide.com"]
    page.goto(f"{base}/orders/{order.pk}/subject/")
    typed = {"subject.principal.mobile": "+86-138-0000-0000", "subject.principal.emergency_mobile": "８６１３９００００００００",
             "subject.principal.cert_number": "330106 19900101 123x", "subject.principal.contact2": "0571 88886666",
             "subject.mailing_address": "浙江省杭州市西湖区文三路１００号8楼801室", "subject.principal.name": "张三",
             "subject.investor": ZJ[1], "subject.principal.email": "ZhangSan＠Example．com",
             "subject.principal.cert_valid_until": "2035/1/1"}
    for name, value in typed.items():
        fill(page, name, value)
    page.click('button[name="action"][value="save"]')
    page.wait_for_load_state()
    page.shots("subject-tidied")
    assert _value(page, "subject.principal.mobile") == "13800000000"
    assert "+86-138-0000-0000" in _field(page, "subject.principal.mobile").locator(".field-note").inner_text()
    assert _field(page, "subject.principal.mobile").locator(".field-error").count() == 0
    assert _value(page, "subject.principal.emergency_mobile") == "13900000000"
    assert _value(page, "subject.principal.cert_number") == "33010619900101123X"
    assert _value(page, "subject.principal.contact2") == "086-0571-88886666"
    assert _value(page, "subject.principal.cert_valid_until") == "2035-01-01"
    assert "文三路100号" in _value(page, "subject.mailing_address")
    fill(page, "subject.principal.mobile", "")
    page.click('button[name="action"][value="save"]')
    page.wait_for_load_state()
    page.shots("mobile-empty")
    assert "请填写手机号码" in _field(page, "subject.principal.mobile").inner_text()
    assert "“”" not in page.locator("main").inner_text()


def _individual_order(account, province, domain, cert):
    app = checks.blank_application()
    app["region"] = {"province": province, "city": "南京市", "district": "玄武区"}
    app["subject"].update(nature="individual", cert_type="resident_id", name="李四", cert_number=cert, investor="李四")
    app["subject"]["principal"].update(name="李四", cert_number=cert)
    app["websites"][0].update(domains=[domain], content="其他")
    return create_order(account=account, application=app, kind="first")


def test_jiangsu_naming_messages_do_not_contradict(live_server, screen):
    """Item 7: 江苏's required 李四的个人博客 gets no person-name warning; the remark hint is 江苏-only."""
    page, base = screen, live_server.url
    account = _account("js@example.com")
    jiangsu = _individual_order(account, "江苏省", "lisi-blog.com", "320102199003071234")
    zhejiang = _individual_order(account, "浙江省", "lisi-zj.com", "330106199003071230")
    login(page, base, "js@example.com")
    page.goto(f"{base}/orders/{jiangsu.pk}/websites/")
    assert "江苏个人网站须说明" in _field(page, "websites[0].remark").inner_text()
    fill(page, "websites[0].name", "李四的个人博客")
    fill(page, "websites[0].remark", "本网站为个人博客，网站开通后主要内容为读书笔记。")
    page.click('button[name="action"][value="save"]')
    page.wait_for_load_state()
    page.shots("jiangsu-saved")
    name = _field(page, "websites[0].name")
    said = " ".join(name.locator(".field-error, .field-warning").all_inner_texts())
    assert said == "", f"the required form is contradicted: {said}"
    assert "某某的个人博客" in name.locator(".help").inner_text()
    page.goto(f"{base}/orders/{zhejiang.pk}/websites/")
    page.shots("zhejiang")
    assert "江苏" not in page.locator("main").inner_text()


def test_new_site_here_is_prefilled_from_the_filing(live_server, screen):
    """Item 9: 新增网站 under a subject this account filed here arrives at 填写主体信息 filled in."""
    page, base = screen, live_server.url
    account = _account("nsh@example.com")
    seed_business((FILED_SUBJECT["cert_number"], FILED_SUBJECT["name"], "陈明"))
    seed_approved_filing(account, subject=FILED_SUBJECT, province="浙江省", number="浙ICP备2025000001号",
                         domain="xixi-demo.com", site_name="西溪示例官方网站", instance_id="i-nsh-hz01", ip="47.96.10.11")
    login(page, base, "nsh@example.com")
    _step_one(page, name=FILED_SUBJECT["name"], cert=FILED_SUBJECT["cert_number"], domain="xixi-second.com",
              city="", district="")
    page.click("#check")
    page.shots("type-determined")
    assert "新增网站（原备案在本服务商）" in page.locator("#filing-type").inner_text()
    page.click("#next")
    page.wait_for_url("**/product/")
    page.shots("product")
    assert "浙ICP备2025000001号" in page.locator(".flash").inner_text()
    order = Order.objects.get(account=account)
    page.goto(f"{base}/orders/{order.pk}/subject/")
    page.shots("subject-prefilled")
    principal = FILED_SUBJECT["principal"]
    assert _value(page, "subject.mailing_address") == FILED_SUBJECT["mailing_address"]
    assert _value(page, "subject.investor") == FILED_SUBJECT["investor"]
    for key in ("name", "cert_number", "mobile", "email", "contact2", "emergency_mobile", "cert_valid_until"):
        assert _value(page, f"subject.principal.{key}") == principal[key], key
    assert re.search("杭州", order.application["region"]["city"])


def test_new_site_from_the_filing_card(live_server, screen):
    """Item 9 from 我的备案: 新增网站 on a filing opens step 1 filled in; only the new domain is typed."""
    page, base = screen, live_server.url
    account = _account("card@example.com")
    seed_business((FILED_SUBJECT["cert_number"], FILED_SUBJECT["name"], "陈明"))
    seed_approved_filing(account, subject=FILED_SUBJECT, province="浙江省", number="浙ICP备2025000002号",
                         domain="xixi-card.com", site_name="西溪示例官方网站", instance_id="i-card-hz01", ip="47.96.10.11")
    login(page, base, "card@example.com")
    page.shots("list")
    page.click('[data-filing="浙ICP备2025000002号"] a.new-site')
    page.wait_for_selector('[name="websites[0].domains[0]"]')
    assert _value(page, "subject.cert_number") == FILED_SUBJECT["cert_number"]
    assert _value(page, "subject.name") == FILED_SUBJECT["name"]
    fill(page, "websites[0].domains[0]", "ＸＩＸＩ－ｔｈｉｒｄ．ｃｏｍ")
    page.click("#next")
    page.wait_for_url("**/product/")
    order = Order.objects.get(account=account)
    assert order.kind == "new_site_here" and order.application["websites"][0]["domains"] == ["xixi-third.com"]
    page.goto(f"{base}/orders/{order.pk}/subject/")
    page.shots("subject-prefilled")
    assert _value(page, "subject.principal.mobile") == FILED_SUBJECT["principal"]["mobile"]
    assert _value(page, "subject.mailing_address") == FILED_SUBJECT["mailing_address"]
