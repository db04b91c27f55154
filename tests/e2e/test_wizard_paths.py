"""Issue 11's wizard paths as a person clicks them (items 1, 2, 4 and 6), at a laptop's and a phone's size.

Two tabs are two pages of one browser context (one login). Every step is screenshotted to
test-artifacts/<test>/, and every open page once more when the test fails.
"""

import re

import pytest
from django.contrib.auth import get_user_model

from beian.filings import states
from beian.filings.checks import blank_application
from beian.filings.demo import seed_business, seed_products
from beian.filings.models import Order
from beian.filings.services import create_order
from tests.verification.support import pass_verification

from .conftest import Shots
from .wizard_helpers import basic_step, fill, login, select, subject_step, upload_all

pytestmark = pytest.mark.django_db(transaction=True)
ZJ = ("91330106MA2GL0XX7U", "杭州示例科技有限公司", "张三")
SITE_PRINCIPAL = {"name": "李四", "cert_number": "11010519491231002X", "cert_valid_until": "长期",
                  "mobile": "13600006666", "contact2": "13600006667", "emergency_mobile": "13600006668",
                  "email": "lisi@example.com"}
VIEWPORTS = {"1366x768": (1366, 768), "375x812": (375, 812)}


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def person(browser, request):
    """One person's browser at the parametrized size; screenshots of every tab when the test fails."""
    width, height = VIEWPORTS[request.param]
    phone = width < 500
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height}, is_mobile=phone,
                                  has_touch=phone)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.shots = Shots(page, request.node.name)
    failed = request.session.testsfailed
    yield page
    if request.session.testsfailed > failed:  # the call phase has been reported by now
        for n, tab in enumerate(context.pages):
            tab.screenshot(path=str(page.shots.dir / f"failure-tab{n + 1}.png"), full_page=True)
    context.close()


def _account(email, prefix):
    account = get_user_model().objects.create_user(email, email, "Str0ng-pass-99")
    return account, seed_products(account, prefix=prefix)


def _draft(account, domain) -> Order:
    """An order right after step 1 (下一步 created it), at version 0."""
    seed_business(ZJ)
    application = blank_application()
    application["region"] = {"province": "浙江省", "city": "杭州市", "district": "西湖区"}
    application["subject"].update(name=ZJ[1], cert_number=ZJ[0], cert_address="浙江省杭州市西湖区文三路100号")
    application["websites"][0]["domains"] = [domain]
    return create_order(account=account, application=application, kind="first")


def _submit(page, selector):
    """Click a submit button and wait for the page the POST returns (not the one still showing)."""
    with page.expect_navigation():
        page.click(selector)


def _bar(page, label):
    return page.locator(".steps a", has_text=label)


def test_two_website_first_filing_with_back_navigation(live_server, person):
    """Item 1 and the "done when" path: the second website (its own principal) has no access yet; the
    person skips 产品验证, gets the list of what is missing instead of a 500, fixes it and files."""
    page, base = person, live_server.url
    account, instances = _account("two@example.com", "two")
    seed_business(ZJ)
    login(page, base, "two@example.com")
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name=ZJ[1], cert=ZJ[0],
               address="浙江省杭州市西湖区文三路100号", domain="two-one.com")
    page.click("#next")
    page.wait_for_url("**/product/")
    select(page, "websites[0].access.instance_id", instances[0].instance_id)
    page.click("#next")
    page.wait_for_url("**/subject/")
    subject_step(page, base, mobile="13800000011")
    page.wait_for_url("**/websites/")
    fill(page, "websites[0].name", "示例科技官方网站")
    page.click("#add-website")
    page.wait_for_selector('[name="websites[1].name"]')
    page.shots("website-added")
    assert page.locator('[data-website="1"] .field-error').count() == 0, "a new website opens blank, not in red"
    fill(page, "websites[1].name", "示例科技产品中心")
    fill(page, "websites[1].domains[0]", "two-two.com")
    page.check('[name="websites[1].reuse"][value="0"]')
    page.click("button[value=save]")
    page.wait_for_selector('[name="websites[1].principal.name"]')
    for key, value in SITE_PRINCIPAL.items():
        fill(page, f"websites[1].principal.{key}", value)
    page.shots("second-principal")
    page.click("#next")
    page.wait_for_url("**/product/")
    page.shots("sent-to-product")
    assert "two-two.com" in page.locator(".flash").inner_text()

    # The old dead end: straight on to 信息确认 without choosing an instance for the new website.
    order = Order.objects.get(account=account)
    page.goto(f"{base}/orders/{order.pk}/confirm/")
    missing = page.locator("#missing")
    page.shots("confirm-missing")
    assert "网站2（two-two.com）" in missing.inner_text() and "请填写接入信息" in missing.inner_text()
    page.check("#agreement")
    page.click("#submit")
    page.wait_for_selector("#missing")
    page.shots("submit-refused")
    assert "请填写接入信息" in page.locator("#missing").inner_text()
    order.refresh_from_db()
    assert order.state != states.PROVIDER_REVIEW
    page.locator("#missing a", has_text="去产品验证").first.click()
    page.wait_for_url("**/product/")
    select(page, "websites[1].access.instance_id", instances[1].instance_id)
    page.click("#next")
    page.wait_for_url("**/materials/")
    upload_all(page)
    pass_verification(order)  # the phone page's face check (tests/e2e/test_verification_required.py)
    page.shots("materials")

    # Back to step 1 through the step bar, change the address, reload the POSTed page, then forward again.
    _bar(page, "验证备案类型").click()
    page.wait_for_url("**/basic/")
    fill(page, "subject.cert_address", "浙江省杭州市西湖区文三路200号")
    _submit(page, "#check")
    assert page.locator("#form-error").count() == 0, page.locator("#form-error").all_inner_texts()
    page.reload()
    page.shots("basic-reloaded")
    assert page.locator("#form-error").count() == 0, page.locator("#form-error").all_inner_texts()
    _bar(page, "信息确认").click()
    page.wait_for_url("**/confirm/")
    page.go_back()
    page.wait_for_url("**/basic/")
    page.go_forward()
    page.wait_for_url("**/confirm/")
    assert page.locator("#missing").count() == 0, page.locator("#missing").inner_text()
    assert "文三路200号" in page.content()
    page.check("#agreement")
    page.shots("confirm-complete")
    page.click("#submit")
    page.wait_for_selector("#state")
    page.shots("submitted")
    assert page.locator("#state").inner_text() == "初审中"
    order.refresh_from_db()
    sites = order.application["websites"]
    assert order.state == states.PROVIDER_REVIEW and len(sites) == 2
    assert sites[0]["principal"] is None and sites[1]["principal"]["name"] == "李四"
    assert sites[1]["access"]["instance_id"] == instances[1].instance_id
    assert order.application["subject"]["cert_address"] == "浙江省杭州市西湖区文三路200号"


def test_step_one_of_an_existing_order_saves_and_the_step_bar_links_back(live_server, person):
    """Item 2: version 0 is a version; the step bar leads back to every step reached."""
    page, base = person, live_server.url
    account, _ = _account("bar@example.com", "bar")
    order = _draft(account, "bar-one.com")
    login(page, base, "bar@example.com")
    page.goto(f"{base}/orders/{order.pk}/")
    page.click("#edit")
    page.wait_for_url("**/basic/")
    fill(page, "subject.cert_address", "浙江省杭州市西湖区文三路300号")
    _submit(page, "#check")
    page.shots("basic-saved")
    assert page.locator("#form-error").count() == 0, page.locator("#form-error").all_inner_texts()
    order.refresh_from_db()
    assert order.application["subject"]["cert_address"] == "浙江省杭州市西湖区文三路300号" and order.version == 1
    page.click("#next")
    page.wait_for_url("**/product/")
    assert page.locator('.steps [aria-current="step"]').inner_text().endswith("产品验证")
    _bar(page, "验证备案类型").click()
    page.wait_for_url("**/basic/")
    page.shots("back-on-step-one")
    assert page.locator('.steps [aria-current="step"]').inner_text().endswith("验证备案类型")
    assert _bar(page, "填写主体信息").count() == 0, "a step not reached yet is not a link"
    _bar(page, "产品验证").click()
    page.wait_for_url("**/product/")


CONFLICTS = {  # step: (button, field both tabs change, second field both change, field only tab B changes)
    "basic": ("#check", ("subject.cert_address", "浙江省杭州市西湖区文三路1号A", "浙江省杭州市西湖区文三路2号B"),
              ("region.district", "滨江区", "上城区"), ("region.city", None, "杭州")),
    "subject": ("button[value=save]", ("subject.mailing_address", "浙江省杭州市西湖区文三路1号101室",
                                       "浙江省杭州市西湖区文三路2号202室"),
                ("subject.principal.email", "a@example.com", "b@example.com"), ("subject.remark", None, "乙的备注")),
    "websites": ("button[value=save]", ("websites[0].name", "甲填写的官方网站", "乙填写的官方网站"),
                 ("websites[0].remark", "甲的网站备注", "乙的网站备注"), ("websites[0].service_type", None, "其他")),
}


def _set(page, name, value):
    if page.locator(f'select[name="{name}"]').count():
        select(page, name, value)
    else:
        fill(page, name, value)


@pytest.mark.parametrize("step", list(CONFLICTS))
def test_two_tabs_never_overwrite_each_other(live_server, person, step):
    """Item 4: both tabs edit the same step; the later one sees both values per field and chooses."""
    page, base = person, live_server.url
    account, _ = _account("tabs@example.com", "tabs")
    order = _draft(account, "tabs-one.com")
    login(page, base, "tabs@example.com")
    button, (f1, a1, b1), (f2, a2, b2), (f3, _, b3) = CONFLICTS[step]
    tab_a, tab_b = page, page.context.new_page()
    for tab in (tab_a, tab_b):
        tab.goto(f"{base}/orders/{order.pk}/{step}/")
    _set(tab_a, f1, a1)
    _set(tab_a, f2, a2)
    _submit(tab_a, button)
    _set(tab_b, f1, b1)
    _set(tab_b, f2, b2)
    _set(tab_b, f3, b3)
    tab_b.click(button)
    tab_b.wait_for_selector("fieldset.conflict")
    page.shots("conflict", tab_b)
    assert "此订单已在其他页面或标签页中被修改" in tab_b.locator("#form-error").inner_text()
    for name, mine, saved in ((f1, b1, a1), (f2, b2, a2)):
        box = tab_b.locator(f'fieldset[data-conflict="{name}"]')
        assert box.locator(".mine").inner_text() == mine and box.locator(".saved").inner_text() == saved
    assert tab_b.locator("fieldset.conflict").count() == 2, "a field only this tab changed is no conflict"
    order.refresh_from_db()
    assert _value(order, f1) == a1 and _value(order, f2) == a2, "nothing was overwritten"

    tab_b.click(button)  # without choosing: the browser asks for a choice, nothing is sent
    order.refresh_from_db()
    assert _value(order, f1) == a1
    tab_b.check(f'[name="conflict:{f1}"][value="mine"]')
    tab_b.check(f'[name="conflict:{f2}"][value="saved"]')
    page.shots("chosen", tab_b)
    _submit(tab_b, button)
    page.shots("resolved", tab_b)
    assert tab_b.locator("fieldset.conflict").count() == 0
    order.refresh_from_db()
    assert (_value(order, f1), _value(order, f2), _value(order, f3)) == (b1, a2, b3)

    tab_a.goto(f"{base}/orders/{order.pk}/{step}/")
    assert tab_a.locator(f'[name="{f1}"]').input_value() == b1


def _value(order, path):
    from beian.wizard.fields import get_path

    return get_path(order.application, path)


def test_a_step_opens_without_red_errors_until_the_person_acts(live_server, person):
    """Item 6: findings appear after the person saves a step, and stay for a step saved before."""
    page, base = person, live_server.url
    account, _ = _account("quiet@example.com", "quiet")
    order = _draft(account, "quiet-one.com")
    login(page, base, "quiet@example.com")
    for step in ("subject", "websites"):
        page.goto(f"{base}/orders/{order.pk}/{step}/")
        page.shots(f"{step}-opened")
        assert page.locator(".field-error").count() == 0, page.locator(".field-error").all_inner_texts()
    page.goto(f"{base}/orders/{order.pk}/subject/")
    fill(page, "subject.mailing_address", "浙江省杭州市西湖区文三路100号8楼801室")
    _submit(page, "button[value=save]")
    page.shots("subject-saved")
    assert page.locator('[data-field="subject.principal.mobile"] .field-error').count() == 1
    page.goto(f"{base}/orders/{order.pk}/subject/")
    assert page.locator('[data-field="subject.principal.mobile"] .field-error').count() == 1, "visited before"
    assert re.search(r"8楼801室", page.locator('[name="subject.mailing_address"]').input_value())
