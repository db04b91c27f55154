"""Issue 20 #1 and #5 at 375×812 (is_mobile, touch): every wizard step of every filing kind, 我的备案/备案管理, the
progress page in the states an applicant waits in (短信核验, 要求补充 with the reviewer's per-field reasons, approved
with the footer code) and the inbox — each page with no sideways scrolling, no text drawn over other text, touch
targets of at least 44 px, and the phone keyboards for numbers, mobiles and e-mail (tests/e2e/layout_checks.py).

One layout for every screen: the pages are the PC's pages, the stylesheet's media queries adapt them. Screenshots
of every page: test-artifacts/<test>-phone/.
"""

import re

import pytest

from beian.filings import states
from beian.filings.models import Order
from beian.filings.services import cancel_order, create_order

from .filing_kinds_support import PASSWORD, account, filed, mobile, resident_id, unique, unit_application
from .layout_checks import assert_fits_phone, overflow, overlaps, small_targets
from .wizard_helpers import login

pytestmark = pytest.mark.django_db(transaction=True)

STEPS = ["basic", "product", "subject", "websites", "materials", "confirm"]


def _draft(*, individual=False, own_principal=False):
    """(account, order): a draft first filing with every step filled, its account holding the instance it uses."""
    from beian.filings.demo import seed_business, seed_products

    n = unique()
    owner = account(f"p375-{n}@example.com")
    instance = seed_products(owner, prefix=f"p{n}")[0]
    app = unit_application(n=n, domains=[[f"p375-{n}.com"]])
    if individual:
        app["subject"].update(nature="individual", cert_type="resident_id", name="孙浩", cert_number=resident_id(n),
                              investor="孙浩")
        app["subject"]["principal"].update(name="孙浩", cert_number=resident_id(n), contact2="")
        app["websites"][0].update(name="读书随笔记录", content="其他")
    else:
        seed_business((app["subject"]["cert_number"], app["subject"]["name"], app["subject"]["principal"]["name"]))
    if own_principal:
        app["websites"][0]["principal"] = dict(app["subject"]["principal"], name="李四", cert_number=resident_id(n + 500),
                                               mobile=mobile(n, "136"), email=f"site-{n}@example.com")
    app["websites"][0]["access"].update(instance_id=instance.instance_id, ip=instance.public_ip)
    return owner, create_order(account=owner, application=app)


def _visit(page, base, path, shot):
    page.goto(base + path)
    page.wait_for_load_state()
    assert_fits_phone(page, shot)


def _numeric_keyboards(page):
    """Mobiles type on the phone pad, e-mail on the e-mail keyboard, a resident ID number on the digit pad
    with an X key beside it; every such field says what to autofill."""
    for field in page.locator('[data-field$=".mobile"] input, [data-field$=".emergency_mobile"] input').all():
        assert field.get_attribute("inputmode") == "tel" and field.get_attribute("type") == "tel"
        assert field.get_attribute("autocomplete") == "tel"
    for field in page.locator('[data-field$=".email"] input').all():
        assert field.get_attribute("inputmode") == "email" and field.get_attribute("autocomplete") == "email"


# --- every step of a first filing (enterprise; individual; a website with its own principal) ---

@pytest.mark.parametrize("step", STEPS)
def test_first_filing_steps_fit_375(live_server, phone_page, step):
    owner, order = _draft()
    login(phone_page, live_server.url, owner.username, PASSWORD)
    _visit(phone_page, live_server.url, f"/orders/{order.pk}/{step}/", f"first-{step}")
    if step == "subject":
        _numeric_keyboards(phone_page)
        cert = phone_page.locator('[name="subject.principal.cert_number"]')
        assert cert.get_attribute("inputmode") == "numeric"  # the principal's resident ID
        subject_cert = phone_page.locator('[name="subject.cert_number"]')
        assert subject_cert.count() == 0 or subject_cert.get_attribute("inputmode") != "numeric"
        assert phone_page.locator("#id-sms_code").get_attribute("inputmode") == "numeric"
    if step == "basic":  # an enterprise's credit code has letters: the full keyboard, in capitals
        cert = phone_page.locator('[name="subject.cert_number"]')
        assert cert.get_attribute("inputmode") == "text" and cert.get_attribute("autocapitalize") == "characters"


def test_new_order_step_one_fits_375(live_server, phone_page):
    n = unique()
    owner = account(f"p375-new-{n}@example.com")
    login(phone_page, live_server.url, owner.username, PASSWORD)
    _visit(phone_page, live_server.url, "/orders/", "empty-list")
    phone_page.click("#start")
    phone_page.wait_for_url("**/orders/new/")
    assert_fits_phone(phone_page, "new-basic")
    # Choosing 个人/身份证 turns the certificate field to the digit pad at once (no reload), with its X key.
    phone_page.select_option('[name="subject.cert_type"]', "resident_id")
    cert = phone_page.locator('[name="subject.cert_number"]')
    assert cert.get_attribute("inputmode") == "numeric"
    cert.fill("33010619900101123")
    phone_page.locator('[data-append-x="id-subject.cert_number"]').click()
    assert cert.input_value() == "33010619900101123X"
    phone_page.select_option('[name="subject.cert_type"]', "business_license")
    assert cert.get_attribute("inputmode") == "text"
    assert phone_page.locator('[data-append-x="id-subject.cert_number"]').is_hidden()
    # Step 1 checked, with its findings beside the form (stacked under it on a phone).
    phone_page.select_option('[name="region.province"]', "浙江省")
    phone_page.fill('[name="subject.name"]', "杭州示例科技有限公司")
    phone_page.fill('[name="websites[0].domains[0]"]', f"p375-new-{n}.com")
    phone_page.click("#check")
    phone_page.wait_for_load_state()
    assert_fits_phone(phone_page, "new-basic-checked")


@pytest.mark.parametrize("step", ["basic", "subject", "websites", "confirm"])
def test_individual_filing_steps_fit_375(live_server, phone_page, step):
    owner, order = _draft(individual=True)
    login(phone_page, live_server.url, owner.username, PASSWORD)
    _visit(phone_page, live_server.url, f"/orders/{order.pk}/{step}/", f"individual-{step}")
    if step == "basic":  # the individual's own resident ID number: the digit pad
        assert phone_page.locator('[name="subject.cert_number"]').get_attribute("inputmode") == "numeric"


def test_website_with_its_own_principal_fits_375(live_server, phone_page):
    owner, order = _draft(own_principal=True)
    login(phone_page, live_server.url, owner.username, PASSWORD)
    _visit(phone_page, live_server.url, f"/orders/{order.pk}/websites/", "own-principal")
    assert phone_page.locator('[name="websites[0].principal.cert_number"]').get_attribute("inputmode") == "numeric"
    _numeric_keyboards(phone_page)


def test_two_websites_and_a_failed_save_fit_375(live_server, phone_page):
    """A second website, and the errors a save leaves under the fields, still fit."""
    owner, order = _draft()
    login(phone_page, live_server.url, owner.username, PASSWORD)
    phone_page.goto(f"{live_server.url}/orders/{order.pk}/websites/")
    phone_page.click("#add-website")
    phone_page.wait_for_selector('[name="websites[1].name"]')
    phone_page.fill('[name="websites[1].name"]', "网")
    phone_page.fill('[name="websites[1].domains[0]"]', "not a domain")
    phone_page.click("button[value=save]")
    phone_page.wait_for_load_state()
    assert phone_page.locator(".field-error").count()
    assert_fits_phone(phone_page, "websites-errors")


# --- 我的备案 / 备案管理, change orders, 取消接入/注销 confirmations, 认领 ---

def test_manage_list_and_change_kinds_fit_375(live_server, phone_page, ministry):
    base, n = live_server.url, unique()
    owner, filing, first = filed(ministry, email=f"p375-chg-{n}@example.com", n=n,
                                 domains=[[f"kinds-{n}.com"], [f"kinds-{n}-b.com"]])
    login(phone_page, base, owner.username, PASSWORD)
    _visit(phone_page, base, "/orders/", "manage")
    # The filed websites' rows read as label/value blocks on a phone (table.stack), not a squeezed grid.
    row = phone_page.locator(f'#filings tr[data-domain="kinds-{n}.com"]')
    assert row.locator("td").first.evaluate("td => getComputedStyle(td).display") == "flex"
    _visit(phone_page, base, f"/orders/{first.pk}/", "approved-progress")
    assert phone_page.locator("#footer-html").is_visible()

    website = filing.websites.order_by("seq").first()
    for kind, step in [("change_subject", "subject"), ("change_website", "websites"), ("change_access", "product")]:
        app = dict(filing.application)
        app["websites"] = [dict(website.website)] if kind != "change_subject" else \
            [dict(w.website) for w in filing.websites.all()]
        order = create_order(account=owner, application=app, kind=kind, filing=filing,
                             filed_website=None if kind == "change_subject" else website)
        changed = dict(order.application)
        if kind == "change_subject":
            changed["subject"] = dict(changed["subject"], mailing_address="浙江省杭州市西湖区文三路200号一个很长很长的地址9楼901室")
        elif kind == "change_website":
            changed["websites"] = [dict(changed["websites"][0], name="示例科技产品中心网站")]
        Order.objects.filter(pk=order.pk).update(application=changed)
        _visit(phone_page, base, f"/orders/{order.pk}/{step}/", f"{kind}-{step}")
        _visit(phone_page, base, f"/orders/{order.pk}/confirm/", f"{kind}-confirm")
        if kind != "change_access":  # the diff table reads as blocks too
            assert phone_page.locator("table.changes tr[data-path] td.after").count()
            cell = phone_page.locator("table.changes tr[data-path] td").first
            assert cell.evaluate("td => getComputedStyle(td).display") == "flex"
        _visit(phone_page, base, f"/orders/{order.pk}/", f"{kind}-progress")
        cancel_order(order=order, actor=owner)  # frees the record for the next kind

    # 取消接入 / 注销网站 / 注销主体: the confirmation page each list form opens (nothing created before the declaration).
    for kind, scope in [("cancel_access", "site"), ("deregister_website", "site"), ("deregister_subject", "subject")]:
        phone_page.goto(base + "/orders/")
        holder = phone_page.locator(f'[data-filing="{filing.subject_number}"]')
        form = (holder.locator(f'tr[data-domain="kinds-{n}.com"] form[action*="/change"]') if scope == "site"
                else holder.locator('form.subject-actions[action*="/change"]'))
        form.locator("select[name=kind]").select_option(kind)
        form.locator("button[type=submit]").click()
        phone_page.wait_for_selector("#release-what")
        assert_fits_phone(phone_page, f"{kind}-confirmation")


def test_claim_pages_fit_375(live_server, phone_page):
    from beian.filings.claiming import start_claim
    from beian.filings.demo import FILED_SUBJECT, seed_approved_filing, seed_business, seed_products

    n = unique()
    holder = account(f"p375-holder-{n}@example.com")
    instance = seed_products(holder, prefix=f"h{n}")[0]
    seed_business((FILED_SUBJECT["cert_number"], FILED_SUBJECT["name"], "陈明"))
    filing = seed_approved_filing(holder, subject=FILED_SUBJECT, province="浙江省", number=f"浙ICP备2025{n:06d}号",
                                  domain=f"claim-{n}.com", site_name="西溪示例官方网站",
                                  instance_id=instance.instance_id, ip=instance.public_ip)
    claimant = account(f"p375-claim-{n}@example.com")
    login(phone_page, live_server.url, claimant.username, PASSWORD)
    _visit(phone_page, live_server.url, "/orders/claim/", "claim-start")
    order, _ = start_claim(account=claimant, query=filing.subject_number, cert_number=FILED_SUBJECT["cert_number"])
    _visit(phone_page, live_server.url, f"/orders/{order.pk}/claim/", "claim")
    assert phone_page.locator("#claim-code").get_attribute("inputmode") == "numeric"
    phone_page.click("#claim-face .make-link")
    phone_page.wait_for_selector("#claim-face .qr")
    assert_fits_phone(phone_page, "claim-qr")
    _visit(phone_page, live_server.url, f"/orders/{order.pk}/", "claim-progress")


# --- the progress page while the applicant waits: 短信核验, 要求补充 (per-field reasons), and the inbox ---

def test_progress_sms_supplement_and_inbox_fit_375(live_server, phone_page):
    from django.utils import timezone

    from beian.review import services as review
    from tests.e2e.filing_kinds_support import reviewer

    owner, order = _draft()
    login(phone_page, live_server.url, owner.username, PASSWORD)
    _visit(phone_page, live_server.url, f"/orders/{order.pk}/", "progress-draft")

    deadline = (timezone.now() + timezone.timedelta(hours=20)).isoformat()
    Order.objects.filter(pk=order.pk).update(state=states.SMS_VERIFICATION, meta={"sms_deadline": deadline})
    _visit(phone_page, live_server.url, f"/orders/{order.pk}/", "progress-sms")
    assert phone_page.locator("#ministry-sms").is_visible()

    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW, meta={})
    order.refresh_from_db()
    rev = reviewer(f"p375-rev-{order.pk}@example.com")
    review.decide_field(order=order, reviewer=rev, path="subject.mailing_address", verdict="reject",
                        reason_code="other", note="通信地址须写到门牌号，例如“文三路100号8楼801室”，并与证件住所所在城市一致")
    review.decide_field(order=order, reviewer=rev, path="subject.principal.mobile", verdict="reject",
                        reason_code="other", note="手机号码须为负责人本人实名登记的号码")
    review.request_supplement(order=order, reviewer=rev, details="请补充网站负责人授权书原件照片，并重新上传主体负责人身份证正反面")
    _visit(phone_page, live_server.url, f"/orders/{order.pk}/", "progress-supplement")
    assert phone_page.locator("#events", has_text="通信地址须写到门牌号").count()
    _visit(phone_page, live_server.url, f"/orders/{order.pk}/subject/", "supplement-subject")
    assert phone_page.locator('[data-field="subject.mailing_address"] .field-error', has_text="初审意见").count()
    _visit(phone_page, live_server.url, "/notifications/", "inbox")
    assert phone_page.locator(".message").count()


# --- the checks themselves can fail ---

def test_checks_catch_a_wide_element_overlapping_text_and_a_small_button(phone_page):
    """A static page built to break each rule once: the checks report it; the same page mended passes."""
    wide = ('<body><p>一段说明文字</p><table><tr><td>证件号码</td><td><div class="w">'
            + "3" * 120 + '</div></td></tr></table></body>')
    phone_page.set_content('<meta name="viewport" content="width=device-width, initial-scale=1">' + wide)
    assert overflow(phone_page)["scrollWidth"] > 375 and overflow(phone_page)["wide"]
    phone_page.set_content('<meta name="viewport" content="width=device-width, initial-scale=1">'
                           '<style>td{overflow-wrap:anywhere}</style>' + wide)
    assert overflow(phone_page)["scrollWidth"] <= 375 and not overflow(phone_page)["wide"]

    overlapping = ('<meta name="viewport" content="width=device-width, initial-scale=1"><style>'
                   'label{display:block;height:10px;line-height:30px} button{min-height:44px}</style>'
                   '<label>证件号码</label><label>手机号码</label>')
    phone_page.set_content(overlapping)
    assert any("证件号码" in o and "手机号码" in o for o in overlaps(phone_page))
    phone_page.set_content(overlapping.replace("height:10px;", ""))
    assert overlaps(phone_page) == []

    phone_page.set_content('<meta name="viewport" content="width=device-width, initial-scale=1">'
                           '<button>上传</button><p>见<a href="#">说明</a></p>')
    assert [s for s in small_targets(phone_page) if "上传" in s]  # a 20 px button; the inline link is exempt
    assert not [s for s in small_targets(phone_page) if "说明" in s]
    phone_page.set_content('<meta name="viewport" content="width=device-width, initial-scale=1">'
                           '<style>button{min-height:44px}</style><button>上传</button>')
    assert small_targets(phone_page) == []


def test_the_stylesheet_is_one_layout(live_server, page, phone_page):
    """The same URL serves the same document to the PC and the phone: the phone's layout is the stylesheet's."""
    owner, order = _draft()
    texts = []
    for p in (page, phone_page):
        login(p, live_server.url, owner.username, PASSWORD)
        p.goto(f"{live_server.url}/orders/{order.pk}/subject/")
        texts.append(re.sub(r"\b[A-Za-z0-9]{64}\b", "<csrf>", p.content()))  # each context its own CSRF token
    assert texts[0] == texts[1]
    assert overflow(phone_page)["scrollWidth"] <= 375
