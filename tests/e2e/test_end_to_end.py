"""Issue 6's end-to-end journey across both services, and issue 4's new-site filing for a subject
filed with another provider (which the platform learns from the ministry over HTTP)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from beian.filings import states
from beian.filings.demo import seed_business, seed_products
from beian.filings.models import Order
from beian.ministry import services

from .wizard_helpers import (
    basic_step,
    bureau_approves,
    confirm_and_submit,
    fill,
    login,
    own_website_principal,
    subject_step,
    upload_all,
)

pytestmark = pytest.mark.django_db(transaction=True)
ZJ = ("91330106MA2GL0XX7U", "杭州示例科技有限公司", "张三")
SITE_PRINCIPAL = {"name": "李四", "cert_type": "resident_id", "cert_number": "11010519491231002X",
                  "cert_valid_until": "长期", "mobile": "13600006666", "contact2": "13600006667",
                  "emergency_mobile": "13600006668", "email": "lisi@example.com"}


def _reviewer():
    user = get_user_model().objects.create_user("rev@example.com", "rev@example.com", "Str0ng-pass-99", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    return user


def _sms(simulator_page, simulator, mobile, last6, shot):
    code = simulator.codes(mobile)[0]
    simulator_page.goto(simulator.url + "/sms/")
    simulator_page.fill("#code", code)
    simulator_page.fill("#mobile", mobile)
    simulator_page.fill("#cert_last6", last6)
    simulator_page.click("#verify")
    simulator_page.shots(shot, simulator_page)
    return simulator_page.locator("#sms-result").inner_text()


def test_enterprise_first_filing_reaches_an_icp_number(live_server, browser, page, ministry):
    base = live_server.url
    seed_business(ZJ)
    account = get_user_model().objects.create_user("e2e@example.com", "e2e@example.com", "Str0ng-pass-99")
    instances = seed_products(account, prefix="e2e")
    _reviewer()

    # The applicant files: subject principal 张三, a different website principal 李四.
    login(page, base, "e2e@example.com")
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name=ZJ[1], cert=ZJ[0],
               address="浙江省杭州市西湖区文三路100号", domain="e2e-journey.com", shot="applicant-basic")
    page.click("#next")
    page.wait_for_url("**/product/")
    page.select_option('[name="websites[0].access.instance_id"]', instances[0].instance_id)
    page.click("#next")
    page.wait_for_url("**/subject/")
    subject_step(page, base, mobile="13600005555", **{"subject.mailing_address": "浙江省杭州市西湖区文三路"})
    page.wait_for_url("**/subject/")  # the address lacks a house number: the page says so
    fill(page, "subject.remark", "此地址已是最详细地址")
    page.click("#next")
    page.wait_for_url("**/websites/")
    fill(page, "websites[0].name", "示例科技官方网站")
    own_website_principal(page, SITE_PRINCIPAL)
    page.shots("applicant-websites")
    page.click("#next")
    page.wait_for_load_state()
    page.shots("applicant-websites-next")
    page.wait_for_url("**/materials/")
    upload_all(page)
    confirm_and_submit(page, shot="applicant")
    order = Order.objects.get(account=account)
    assert order.state == states.PROVIDER_REVIEW

    # The reviewer rejects the mailing address and asks for a supplement.
    reviewer_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    rev = reviewer_ctx.new_page()
    rev.shots = page.shots
    login(rev, base, "rev@example.com")
    rev.goto(base + "/review/")
    rev.click(f"text={order.reference}")
    row = rev.locator('tr[data-path="subject.mailing_address"]')
    row.locator("select[name=reason_code]").select_option("other")
    row.locator("input[name=note]").fill("请填写到门牌号")
    row.locator("button.reject").click()
    rev.locator('tr[data-path="subject.mailing_address"] .notice').wait_for()  # the row answers in place
    rev.on("dialog", lambda dialog: dialog.accept())  # 要求补充 and 初审通过 ask first
    rev.click("#open-supplement")
    rev.fill("#details", "请补充详细通信地址")
    page.shots("reviewer-reject", rev)
    rev.click("#request-supplement")
    order.refresh_from_db()
    assert order.state == states.SUPPLEMENT_REQUIRED

    # The applicant sees the reason at the field, fixes it and resubmits.
    page.goto(f"{base}/orders/{order.pk}/subject/")
    assert "请填写到门牌号" in page.locator('[data-field="subject.mailing_address"]').inner_text()
    page.shots("applicant-sees-reason")
    fill(page, "subject.mailing_address", "浙江省杭州市西湖区文三路100号8楼801室")
    page.click("button[value=save]")
    page.goto(f"{base}/orders/{order.pk}/confirm/")
    page.check("#agreement")
    page.click("#submit")
    page.wait_for_selector("#state")
    order.refresh_from_db()
    assert order.state == states.PROVIDER_REVIEW

    # The reviewer approves; the platform submits to the ministry over HTTP; codes go out.
    rev.goto(f"{base}/review/{order.pk}/")
    rev.click("#approve")
    order.refresh_from_db()
    assert order.state == states.SMS_VERIFICATION
    page.goto(f"{base}/orders/{order.pk}/")
    assert "请在24小时内完成短信核验" in page.locator("#ministry-sms").inner_text()
    page.shots("applicant-sms-countdown")

    # Both principals verify on the ministry's public page.
    public = browser.new_context(locale="zh-CN").new_page()
    public.shots = page.shots
    assert "请等待其他核验人" in _sms(public, ministry, "13600005555", "01123X", "sms-subject")
    assert "已提交管局审核" in _sms(public, ministry, "13600006666", "31002X", "sms-website")
    services.poll_results()  # the scheduler's tick
    order.refresh_from_db()
    assert order.state == states.BUREAU_REVIEW

    # The bureau approves in its console.
    bureau_approves(public, ministry.url, order.reference)
    page.shots("bureau-approved", public)
    services.poll_results()
    order.refresh_from_db()
    assert order.state == states.APPROVED

    # The applicant sees the number and the footer HTML; the public query finds the domain.
    page.goto(f"{base}/orders/{order.pk}/")
    approved = page.locator("#approved").inner_text()
    number = order.meta["icp_number"]
    assert re.fullmatch(r"浙ICP备\d{10}号", number) and number in approved
    assert "beian.miit.gov.cn" in page.locator("#footer-html").inner_text()
    page.shots("applicant-approved")
    public.goto(ministry.url + "/query/?q=e2e-journey.com")
    site_number = order.meta["website_numbers"]["e2e-journey.com"]
    assert re.fullmatch(re.escape(number) + r"-\d+", site_number) and site_number in approved
    assert site_number in public.locator("#results").inner_text()
    page.shots("public-query", public)
    reviewer_ctx.close()


def test_new_site_for_a_subject_filed_with_another_provider(live_server, page, ministry):
    """The seeded ministry data has 宁波甬江示例贸易有限公司 filed through another provider."""
    base = live_server.url
    cert, name = "91330200MA2H0THR13", "宁波甬江示例贸易有限公司"
    seed_business((cert, name, "王磊"))
    account = get_user_model().objects.create_user("nb@example.com", "nb@example.com", "Str0ng-pass-99")
    seed_products(account, prefix="nb")
    login(page, base, "nb@example.com")
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name=name, cert=cert,
               address="浙江省宁波市鄞州区1号", domain="yongjiang-shop.com", shot="filed-elsewhere")
    box = page.locator("#filing-type").inner_text()
    assert "新增网站（原备案不在本服务商）" in box and "网站负责人" in box
    page.click("#next")
    page.wait_for_url("**/product/")
    order = Order.objects.get(account=account)
    assert order.kind == "new_site_elsewhere"
