"""Issue 4's browser scenarios in zh-Hans, Debian chromium, with screenshots of every step."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from beian.filings import states
from beian.filings.demo import FILED_SUBJECT, seed_approved_filing, seed_business, seed_products
from beian.filings.models import Order

from .wizard_helpers import basic_step, confirm_and_submit, fill, login, logout, subject_step, upload_all

pytestmark = pytest.mark.django_db(transaction=True)
ZJ = ("91330106MA2GL0XX7U", "杭州示例科技有限公司", "张三")


def _account(email, prefix):
    account = get_user_model().objects.create_user(email, email, "Str0ng-pass-99")
    return account, seed_products(account, prefix=prefix)


def test_zhejiang_enterprise_two_websites_from_empty_account(live_server, page):
    base = live_server.url
    seed_business(ZJ)
    page.goto(base + "/accounts/register/")
    page.fill("#id_email", "zj@example.com")
    page.fill("#id_password1", "Str0ng-pass-99")
    page.fill("#id_password2", "Str0ng-pass-99")
    page.shots("register")
    page.click("button[type=submit]")
    page.wait_for_url("**/orders/")
    assert "还没有备案订单" in page.content()
    account = get_user_model().objects.get(username="zj@example.com")
    instances = seed_products(account, prefix="zj")  # the provider provisions the customer's cloud products
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name=ZJ[1], cert=ZJ[0],
               address="浙江省杭州市西湖区文三路100号", domain="zj-one.com")
    assert "首次备案" in page.locator("#filing-type").inner_text()
    page.click("#next")
    page.wait_for_url("**/product/")
    page.select_option('[name="websites[0].access.instance_id"]', instances[0].instance_id)
    page.shots("product")
    page.click("#next")
    page.wait_for_url("**/subject/")
    subject_step(page, base, mobile="13800000001")
    page.wait_for_url("**/websites/")
    fill(page, "websites[0].name", "示例科技官方网站")
    page.click("#add-website")
    page.wait_for_selector('[name="websites[1].name"]')
    fill(page, "websites[1].name", "示例科技产品中心")
    fill(page, "websites[1].domains[0]", "zj-two.com")
    page.shots("websites")
    page.click("#next")
    page.wait_for_url("**/product/")  # the new website needs its instance before materials
    page.select_option('[name="websites[1].access.instance_id"]', instances[1].instance_id)
    page.click("#next")
    page.wait_for_url("**/materials/")
    upload_all(page)
    page.shots("materials")
    confirm_and_submit(page)
    page.shots("submitted")
    assert page.locator("#state").inner_text() == "初审中"
    order = Order.objects.get(account=account)
    assert order.state == states.PROVIDER_REVIEW and len(order.application["websites"]) == 2


def test_jiangsu_individual_hits_and_fixes_naming_rules(live_server, page):
    base = live_server.url
    _account("js@example.com", "js")
    login(page, base, "js@example.com")
    basic_step(page, province="江苏省", nature="individual", cert_type="resident_id", name="孙浩",
               cert="370102199302157859", address="江苏省南京市玄武区中山路1号", domain="sunhao-blog.com", shot="js-basic")
    page.click("#next")
    page.wait_for_url("**/product/")
    page.select_option('[name="websites[0].access.instance_id"]', "i-js-hz01")
    page.click("#next")
    page.wait_for_url("**/subject/")
    subject_step(page, base, mobile="13800000002", individual=True,
                 **{"subject.mailing_address": "江苏省南京市玄武区中山路1号2单元301室"})
    page.wait_for_url("**/websites/")
    fill(page, "websites[0].name", "读书交流论坛")
    page.select_option('[name="websites[0].content"]', "其他")
    page.click("#next")
    page.shots("js-naming-errors")
    errors = page.locator('[data-field="websites[0].name"] .field-error').all_inner_texts()
    assert any("某某的个人博客" in e for e in errors)
    assert page.locator('[data-field="websites[0].remark"] .field-error').count() == 1
    fill(page, "websites[0].name", "孙浩的个人博客")
    fill(page, "websites[0].remark", "网站开通后主要分享读书笔记")
    page.click("#next")
    page.wait_for_url("**/materials/")
    page.shots("js-fixed")


def test_in_flight_and_already_filed_conflicts(live_server, page):
    base = live_server.url
    owner, instances = _account("a@example.com", "a")
    seed_business(ZJ, (FILED_SUBJECT["cert_number"], FILED_SUBJECT["name"], "陈明"))
    seed_approved_filing(owner, subject=FILED_SUBJECT, province="浙江省", number="浙ICP备2025000001号",
                         domain="xixi-demo.com", site_name="西溪示例官方网站", instance_id=instances[0].instance_id,
                         ip=instances[0].public_ip)
    login(page, base, "a@example.com")
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name=ZJ[1], cert=ZJ[0],
               address="浙江省杭州市西湖区文三路100号", domain="busy.com", shot="owner")
    page.click("#next")
    page.wait_for_url("**/product/")
    logout(page)
    _account("b@example.com", "b")
    login(page, base, "b@example.com")
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name="另一家示例有限公司",
               cert="91350200776049653A", address="浙江省杭州市滨江区1号", domain="busy.com", shot="domain-busy")
    assert "该域名存在进行中的订单" in page.locator("#basic-findings").inner_text()
    fill(page, "websites[0].domains[0]", "free-domain.com")
    fill(page, "subject.cert_number", ZJ[0])
    fill(page, "subject.name", ZJ[1])
    page.click("#check")
    page.shots("cert-busy")
    assert "此证件存在进行中的订单" in page.locator("#basic-findings").inner_text()
    fill(page, "subject.cert_number", "91350200776049653A")
    fill(page, "websites[0].domains[0]", "xixi-demo.com")
    page.click("#check")
    page.shots("domain-filed")
    assert "此域名已存在备案" in page.locator("#basic-findings").inner_text()
    fill(page, "subject.cert_number", FILED_SUBJECT["cert_number"])
    fill(page, "subject.name", FILED_SUBJECT["name"])
    fill(page, "websites[0].domains[0]", "xixi-new.com")
    page.select_option('[name="requested_type"]', "first")
    page.click("#check")
    page.shots("cert-filed")
    findings = page.locator("#basic-findings").inner_text()
    # Filed under account a, not b (issue 13 #4): the seed's message, and nothing of a's filing.
    assert "此证件已存在备案信息" in findings and "该域名对应的主体信息在系统中已经存在" in findings
    assert "浙ICP备2025000001" not in page.content() and "xixi-demo.com" not in page.content()
    page.click("#next")
    assert Order.objects.filter(account__username="b@example.com").count() == 0


def _draft(page, base, email, prefix, domain):
    _account(email, prefix)
    seed_business(ZJ)
    login(page, base, email)
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name=ZJ[1], cert=ZJ[0],
               address="浙江省杭州市西湖区文三路100号", domain=domain, shot="draft")
    page.click("#next")
    page.wait_for_url("**/product/")
    return Order.objects.get(account__username=email)


def test_cancel_an_order(live_server, page):
    order = _draft(page, live_server.url, "c@example.com", "c", "cancel-me.com")
    page.goto(f"{live_server.url}/orders/{order.pk}/")
    page.on("dialog", lambda d: d.accept())
    page.click("#cancel")
    page.wait_for_selector("text=订单已取消")
    page.shots("cancelled")
    assert page.locator("#state").inner_text() == "已取消"
    order.refresh_from_db()
    assert order.state == states.CANCELLED and not order.claims.exists()


def test_expiry_after_45_days_without_updates(live_server, page):
    from beian.filings.timers import sweep

    order = _draft(page, live_server.url, "e@example.com", "e", "expire-me.com")
    page.goto(f"{live_server.url}/orders/{order.pk}/")
    assert "超期自动删除" in page.locator("#next-step").inner_text()
    assert sweep(now=timezone.now() + timedelta(days=44)) == 0
    assert sweep(now=timezone.now() + timedelta(days=46)) == 1  # the clock moved past 45 days
    page.goto(f"{live_server.url}/orders/")
    assert order.reference not in page.content(), "expired orders leave the active list"
    page.goto(f"{live_server.url}/orders/{order.pk}/")
    page.shots("expired")
    assert page.locator("#state").inner_text() == "已过期"
    page.goto(f"{live_server.url}/notifications/")
    assert "已过期删除" in page.content()


def test_change_filing_from_an_approved_filing(live_server, page):
    base = live_server.url
    owner, instances = _account("chg@example.com", "chg")
    seed_business((FILED_SUBJECT["cert_number"], FILED_SUBJECT["name"], "陈明"))
    seed_approved_filing(owner, subject=FILED_SUBJECT, province="浙江省", number="浙ICP备2025000002号",
                         domain="chg-demo.com", site_name="西溪示例官方网站", instance_id=instances[0].instance_id,
                         ip=instances[0].public_ip)
    login(page, base, "chg@example.com")
    page.shots("filings")
    row = page.locator(".filing tr", has_text="chg-demo.com")
    row.locator("select[name=kind]").select_option("change_website")
    row.locator("button").click()
    page.wait_for_url("**/websites/")
    fill(page, "websites[0].name", "西溪示例产品网站")
    page.shots("change-websites")
    page.click("#next")
    page.wait_for_url("**/materials/")
    upload_all(page)
    confirm_and_submit(page, shot="change")
    page.shots("change-submitted")
    order = Order.objects.get(account=owner)
    assert order.kind == "change_website" and order.state == states.PROVIDER_REVIEW
    assert order.application["websites"][0]["name"] == "西溪示例产品网站"
