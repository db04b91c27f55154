"""Issue 11 item 8 in Chromium at 1366×768 and 375×812: a new account with no instance is guided out of
产品验证 (open an instance, or a 备案服务号 from the server's owner), and the precheck page is a form."""

import re

import pytest
from django.contrib.auth import get_user_model

from beian.filings.demo import seed_products
from beian.products.models import ServiceNumber

from .conftest import Shots
from .wizard_helpers import basic_step, fill, login, logout, select

pytestmark = pytest.mark.django_db(transaction=True)
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 375, "height": 812}}
SD = {"province": "山东省", "nature": "individual", "cert_type": "resident_id", "name": "孙浩",
      "cert": "370102199302157859", "address": "山东省济南市历下区泉城路26号"}


@pytest.fixture(params=list(VIEWPORTS))
def screen(browser, request):
    """A page at the issue's two sizes; the last state is saved as a screenshot when the test fails."""
    phone = request.param == "phone"
    context = browser.new_context(locale="zh-CN", viewport=VIEWPORTS[request.param], is_mobile=phone, has_touch=phone)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.shots = Shots(page, request.node.name)
    failed_before = request.session.testsfailed
    yield page
    if request.session.testsfailed > failed_before:
        page.shots("failure")
    context.close()


def _fits(page):
    """Nothing forces sideways scrolling of the page (tables scroll inside their own box)."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "page wider than screen"


def _register(page, base, email):
    page.goto(base + "/accounts/register/")
    page.fill("#id_email", email)
    page.fill("#id_password1", "Str0ng-pass-99")
    page.fill("#id_password2", "Str0ng-pass-99")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/orders/$"))


def _to_product_step(page, domain):
    basic_step(page, domain=domain, **SD)
    page.click("#next")
    page.wait_for_url("**/product/")


def test_new_account_opens_an_instance_from_the_guidance(live_server, screen):
    page, base = screen, live_server.url
    _register(page, base, "fresh@example.com")
    _to_product_step(page, "fresh-site.com")
    guidance = page.locator("#no-instance-guidance")
    assert guidance.is_visible() and "中国内地" in guidance.inner_text() and "备案服务号" in guidance.inner_text()
    assert page.locator('select[name="websites[0].access.instance_id"]').count() == 0  # no empty dropdown
    page.shots("product-guidance")
    _fits(page)

    page.click("#next")  # nothing chosen: told what to do, at the website
    assert "请为网站“fresh-site.com”选择云服务器实例，或填写备案服务号" in page.locator("#product-form").inner_text()

    page.click("#go-instances")
    page.wait_for_url("**/products/instances/**")
    assert "还没有云服务器实例" in page.locator("#instances").inner_text()
    page.shots("instances-empty")
    _fits(page)
    page.click("#open-instance")
    page.wait_for_url("**/product/")
    assert "已开通演示实例" in page.locator(".flash").inner_text()
    options = page.locator('select[name="websites[0].access.instance_id"] option')
    assert options.count() == 2
    page.select_option('[name="websites[0].access.instance_id"]', index=1)
    page.shots("product-instance-chosen")
    page.click("#next")
    page.wait_for_url("**/subject/")

    page.goto(base + "/products/instances/")  # the nav links the list; the new instance can be filed on
    assert "可用于备案" in page.locator("#instances").inner_text()
    page.shots("instances-list")
    _fits(page)
    assert page.locator('header nav a[href="/products/instances/"]').count() == 1


def test_new_account_files_with_a_service_number_from_the_servers_owner(live_server, screen):
    page, base = screen, live_server.url
    owner = get_user_model().objects.create_user("owner@example.com", "owner@example.com", "Str0ng-pass-99")
    seed_products(owner, prefix="own")
    login(page, base, "owner@example.com")
    page.goto(base + "/products/service-numbers/")
    assert "服务器所属账号" in page.locator("#service-number-howto").inner_text()
    page.click("#obtain")
    code = ServiceNumber.objects.filter(owner=owner).exclude(code__startswith="own-").get().code
    assert code in page.locator(".flash").inner_text()
    page.shots("owner-obtained")
    logout(page)

    _register(page, base, "friend@example.com")
    _to_product_step(page, "friend-site.com")
    page.click("#go-service-numbers")
    page.wait_for_url("**/service-numbers/")
    assert page.locator("#no-usable-instance").is_visible()
    page.shots("applicant-service-number-page")
    page.go_back()
    page.wait_for_url("**/product/")

    fill(page, "websites[0].access.service_number", "32a43232-a888-88e8-b9ec-00888be80000")
    page.click("#next")
    field = page.locator('[data-field="websites[0].access.service_number"]')
    assert "备案服务号“32a43232-a888-88e8-b9ec-00888be80000”不存在" in field.locator(".field-error").inner_text()
    assert page.input_value('[name="websites[0].access.service_number"]') == "32a43232-a888-88e8-b9ec-00888be80000"
    page.shots("product-wrong-number")
    _fits(page)

    fill(page, "websites[0].access.service_number", f" {code.upper()} ")
    page.click("#next")
    page.wait_for_url("**/subject/")
    page.goto(page.url.replace("/subject/", "/product/"))  # back: the number is kept, normalised
    assert page.input_value('[name="websites[0].access.service_number"]') == code


def test_precheck_form_field_by_field(live_server, screen):
    page, base = screen, live_server.url
    page.goto(base + "/precheck/")
    assert page.locator('textarea[name="application"]').count() == 0
    page.shots("form-empty")
    _fits(page)
    select(page, "region.province", "山东省")
    fill(page, "region.city", "济南市")
    fill(page, "region.district", "历下区")
    select(page, "subject.nature", "individual")
    select(page, "subject.cert_type", "resident_id")
    fill(page, "subject.name", "孙浩")
    fill(page, "subject.cert_number", "370102199302157859")
    fill(page, "subject.cert_address", "山东省济南市历下区泉城路26号")
    fill(page, "subject.mailing_address", "山东省济南市历下区泉城路")
    fill(page, "subject.principal.name", "孙浩")
    fill(page, "subject.principal.cert_number", "370102199302157859")
    fill(page, "subject.principal.cert_valid_until", "2035-12-31")
    fill(page, "subject.principal.mobile", "13992943790")
    fill(page, "subject.principal.emergency_mobile", "18509624155")
    fill(page, "subject.principal.email", "user19930215@163.com")
    fill(page, "websites[0].name", "孙浩论坛")
    fill(page, "websites[0].domains[0]", "sd-19930215.com")
    select(page, "websites[0].content", "其他")
    fill(page, "websites[0].access.ip", "47.97.10.11")
    page.click("#check")
    page.wait_for_selector("#precheck-result")
    page.shots("form-findings")
    _fits(page)
    assert "未通过" in page.locator("#precheck-result").inner_text()
    assert "门牌号" in page.locator('[data-field="subject.mailing_address"] .field-error').inner_text()
    assert "论坛" in page.locator('[data-field="websites[0].name"] .field-error').first.inner_text()
    assert page.input_value('[name="websites[0].name"]') == "孙浩论坛"  # nothing typed is lost

    page.click("#add-website")  # a second website, then removed again: the first keeps its values
    assert page.locator('[name="websites[1].name"]').count() == 1
    page.click("#remove-website-1")
    assert page.locator('[name="websites[1].name"]').count() == 0
    assert page.input_value('[name="websites[0].domains[0]"]') == "sd-19930215.com"

    fill(page, "subject.mailing_address", "山东省济南市历下区泉城路26号")
    fill(page, "websites[0].name", "读书随笔记录")
    page.click("#check")
    page.wait_for_selector("#precheck-result")
    assert "预检通过" in page.locator("#precheck-result").inner_text()
    assert "首次备案" in page.locator("#filing-type").inner_text()
    assert page.locator(".field-error").count() == 0
    page.shots("form-clean")


def test_precheck_json_tab_stays_available(live_server, screen):
    page, base = screen, live_server.url
    page.goto(base + "/precheck/")
    page.click("#tab-json")
    page.click("#load-sample")
    page.click("#check-json")
    page.wait_for_selector("#precheck-result")
    assert "通信地址" in page.locator("#findings").inner_text()
    page.fill("#application", "[" * 5000 + "]" * 5000)
    page.click("#check-json")
    assert "嵌套层数过多" in page.locator("#precheck-error").inner_text()
    page.shots("json-nesting")
    _fits(page)
