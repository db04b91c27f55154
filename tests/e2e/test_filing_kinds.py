"""Issue 15's done-when: one browser test per filing kind, each carrying an order from the applicant's first click
to the ministry's result and asserting the public ICP query afterwards (tests/e2e/filing_kinds_support.py builds
the filed records a later kind starts from, through the running simulator).

Sections: first / new_site_here / new_site_elsewhere / access (new filings), change_* (变更), cancel_access and
deregister_* (releases), claim (认领).
"""

import pytest

from beian.filings.models import FiledWebsite

from .filing_kinds_support import filed, public_query, unique

pytestmark = pytest.mark.django_db(transaction=True)


def test_support_files_a_subject_through_the_simulator(ministry):
    """The helper every later kind starts from: a filing approved over HTTP, known to both sides."""
    n = unique()
    owner, filing, order = filed(ministry, email=f"support-{n}@example.com", n=n,
                                 domains=[[f"kinds-{n}.com"], [f"kinds-{n}-b.com", f"kinds-{n}-c.com"]])
    sites = list(filing.websites.order_by("seq"))
    assert [w.domain for w in sites] == [f"kinds-{n}.com", f"kinds-{n}-b.com"]
    assert all(w.status == FiledWebsite.ACTIVE for w in sites)
    rows = public_query(ministry, f"kinds-{n}.com")
    assert rows and rows[0]["subject_number"] == filing.subject_number


# --- claim ---

def test_claim(live_server, browser, page, ministry):
    """认领备案: account A's filing (approved through the simulator) is claimed by account B from 我的备案: B names the
    subject number and certificate, the FILED principal's mobile (masked on screen) receives the code, that principal
    passes the face check, B submits, 初审 passes, the ministry confirms; B now lists the filing, A does not and was
    told, and the ministry's public record is unchanged."""
    from beian.filings import states, transitions
    from beian.filings.models import Filing, Order
    from beian.filings.services import transition
    from beian.ministry import services as ministry_services
    from beian.pii.mask import mask_mobile
    from tests.verification.support import pass_verification

    from .filing_kinds_support import account, mobile, uscc
    from .wizard_helpers import login, read_code

    base, n = live_server.url, unique()
    owner_a, filing, _ = filed(ministry, email=f"claim-a-{n}@example.com", n=n)
    before = public_query(ministry, f"kinds-{n}.com")
    assert before and before[0]["subject_number"] == filing.subject_number
    account(f"claim-b-{n}@example.com")

    login(page, base, f"claim-b-{n}@example.com")
    page.click("#claim")
    page.fill("#claim-query", filing.subject_number)
    page.fill("#claim-cert", uscc(n))
    page.click("#claim-find")
    page.wait_for_selector("#claim-record")
    page.shots("claim-record")
    assert page.locator("#claim-mobile").inner_text() == mask_mobile(mobile(n))
    assert mobile(n) not in page.content()
    page.click("#claim-send-code")
    page.fill("#claim-code", read_code(page, base, mobile(n)))
    page.click("#claim-verify-code")
    page.wait_for_selector('#claim-sms[data-verified="1"]')
    order = Order.objects.get(kind="claim", account__username=f"claim-b-{n}@example.com")
    pass_verification(order)  # the filed principal's face check (the phone page itself: tests/e2e/test_phone.py)
    page.reload()
    assert page.locator('#claim-face [data-person="subject_principal"]').get_attribute("data-verified") == "1"
    page.click("#claim-submit")
    page.wait_for_selector("#state")
    order.refresh_from_db()
    assert order.state == states.PROVIDER_REVIEW

    # 初审通过: the on-commit submit reaches the simulator, which confirms the record at once.
    transition(order=order, to_state=states.PENDING_MINISTRY, role=transitions.REVIEWER)
    ministry_services.poll_results()
    order.refresh_from_db()
    assert order.state == states.APPROVED, order.state
    page.goto(base + "/orders/")
    assert page.locator(f'[data-filing="{filing.subject_number}"]').count() == 1
    page.shots("claim-b-lists-the-filing")

    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    login(other, base, f"claim-a-{n}@example.com")
    assert other.locator(f'[data-filing="{filing.subject_number}"]').count() == 0
    other.goto(base + "/notifications/")
    assert f"备案 {filing.subject_number} 已被认领" in other.content()
    other.context.close()
    assert Filing.objects.get(pk=filing.pk).account.username == f"claim-b-{n}@example.com"
    assert public_query(ministry, f"kinds-{n}.com") == before
# --- release: 取消接入 / 注销网站 / 注销主体 (issue 15 #2, #3, #7) ---

def _statuses(page, base, subject_number):
    page.goto(base + "/orders/")
    filing = page.locator(f'[data-filing="{subject_number}"]')
    sites = {row.get_attribute("data-domain"): row.get_attribute("data-status")
             for row in filing.locator("tr[data-domain]").all()}
    return filing.get_attribute("data-status"), sites


def test_cancel_access(live_server, page, ministry):
    """取消接入 of one of two websites: no SMS, no 初审, straight to the ministry; the public record loses this
    provider on that site only; the other site and the subject are untouched."""
    from beian.filings.models import Order

    from .filing_kinds_support import sms_sent, to_result
    from .kinds_release import start_from_manage_page

    n = unique()
    email = f"cancel-{n}@example.com"
    _owner, filing, _first = filed(ministry, email=email, n=n, domains=[[f"kinds-{n}.com"], [f"kinds-{n}-b.com"]])
    text = start_from_manage_page(page, live_server.url, email, subject_number=filing.subject_number,
                                  kind="cancel_access", domain=f"kinds-{n}-b.com")
    assert "停止解析到本服务商的服务器" in text and "不验证" in text and f"kinds-{n}.com" not in text
    order = Order.objects.get(kind="cancel_access", filing=filing)
    order = to_result(ministry, order)
    assert order.state == "approved"
    assert sms_sent(ministry, order) == []  # 取消接入: 不验证
    assert not order.events.filter(to_state="provider_review").exists()  # no 初审
    gone = public_query(ministry, f"kinds-{n}-b.com")
    assert gone and gone[0]["providers"] == [] and gone[0]["status"] == "shell"
    kept = public_query(ministry, f"kinds-{n}.com")
    assert kept[0]["providers"] == ["beian-demo-provider"] and kept[0]["status"] == "active"
    status, sites = _statuses(page, live_server.url, filing.subject_number)
    assert status == "active" and sites == {f"kinds-{n}.com": "active", f"kinds-{n}-b.com": "access_cancelled"}
    assert "已取消接入" in page.locator(f'tr[data-domain="kinds-{n}-b.com"]').inner_text()


def test_deregister_website(live_server, page, browser, ministry):
    """注销网站: through 初审 on the reviewer console, a code to that website's principal only; the public query no
    longer finds the site, the subject's other site is still there."""
    from beian.filings.models import Order

    from .filing_kinds_support import answer_sms, reviewer, reviewer_approves, sms_sent, to_result
    from .kinds_release import start_from_manage_page

    n = unique()
    email = f"dereg-site-{n}@example.com"
    _owner, filing, first = filed(ministry, email=email, site_principals=True, domains=[[f"kinds-{n}.com"], [f"kinds-{n}-b.com"]])
    text = start_from_manage_page(page, live_server.url, email, subject_number=filing.subject_number,
                                  kind="deregister_website", domain=f"kinds-{n}-b.com")
    assert "不能恢复" in text and "网站负责人" in text
    order = Order.objects.get(kind="deregister_website", filing=filing)
    assert order.state == "provider_review"
    reviewer_approves(browser, live_server.url, reviewer(f"rev-{n}@example.com").username, order, page.shots)
    site_mobile = first.application["websites"][1]["principal"]["mobile"]
    assert order.state == "sms_verification" and sms_sent(ministry, order) == [site_mobile]
    from beian.filings import checks

    # The platform's precheck names the same person as the ministry (seed 003 §9).
    assert checks.run(order.application, order=order)["sms_targets"] == [site_mobile]
    answer_sms(ministry, order)
    order = to_result(ministry, order)
    assert order.state == "approved"
    assert public_query(ministry, f"kinds-{n}-b.com") == []
    assert [r["domain"] for r in public_query(ministry, f"kinds-{n}.com")] == [f"kinds-{n}.com"]
    status, sites = _statuses(page, live_server.url, filing.subject_number)
    assert status == "active" and sites == {f"kinds-{n}.com": "active", f"kinds-{n}-b.com": "deregistered"}
    assert page.locator(f'tr[data-domain="kinds-{n}-b.com"] form').count() == 0  # listed, no actions


def test_deregister_subject(live_server, page, browser, ministry):
    """注销主体: a code to the subject principal; every website goes; the public query finds nothing of it."""
    from beian.filings.models import Order

    from .filing_kinds_support import reviewer, reviewer_approves, sms_sent, to_result
    from .kinds_release import start_from_manage_page

    n = unique()
    email = f"dereg-subject-{n}@example.com"
    _owner, filing, first = filed(ministry, email=email, n=n, domains=[[f"kinds-{n}.com"], [f"kinds-{n}-b.com"]])
    text = start_from_manage_page(page, live_server.url, email, subject_number=filing.subject_number,
                                  kind="deregister_subject")
    assert f"kinds-{n}.com" in text and f"kinds-{n}-b.com" in text and "主体负责人" in text
    order = Order.objects.get(kind="deregister_subject", filing=filing)
    from urllib.parse import quote as _quote

    assert len(public_query(ministry, _quote(filing.subject_number))) == 2  # still filed while it is reviewed
    reviewer_approves(browser, live_server.url, reviewer(f"rev-{n}@example.com").username, order, page.shots)
    assert sms_sent(ministry, order) == [first.application["subject"]["principal"]["mobile"]]
    order = to_result(ministry, order)
    assert order.state == "approved"
    for q in (f"kinds-{n}.com", f"kinds-{n}-b.com", _quote(filing.subject_number)):
        assert public_query(ministry, q) == [], q
    status, sites = _statuses(page, live_server.url, filing.subject_number)
    assert status == "deregistered" and set(sites.values()) == {"deregistered"}
    assert page.locator(f'[data-filing="{filing.subject_number}"] form').count() == 0
# --- change (变更主体 / 变更网站 / 变更接入) ---

def _change_prelude(ministry, page, base, *, kind, email, n, domains=None, website_seq=None):
    from .filing_kinds_support import PASSWORD
    from .kinds_change import start_change
    from .wizard_helpers import login

    owner, filing, _ = filed(ministry, email=email, n=n, domains=domains)
    website = filing.websites.get(seq=website_seq) if website_seq else None
    login(page, base, email, PASSWORD)
    order = start_change(page, base, kind=kind, website_pk=website.pk if website else None)
    return owner, filing, website, order


def _confirm_and_submit(page, order):
    """信息确认 → 提交 (the face check recorded as passed, as wizard_helpers.confirm_and_submit does)."""
    from beian.filings import states
    from tests.verification.support import pass_verification

    order.refresh_from_db()  # as edited in the browser: whoever must verify now
    pass_verification(order)
    page.check("#agreement")
    page.click("#submit")
    page.wait_for_selector("#state")
    order.refresh_from_db()
    assert order.state == states.PROVIDER_REVIEW, order.state
    return order


def test_change_subject(live_server, browser, page, ministry):
    import re

    from beian.filings import states
    from beian.filings.demo import seed_business

    from .filing_kinds_support import (
        mobile,
        resident_id,
        reviewer,
        reviewer_approves,
        sms_sent,
        to_result,
        uscc,
    )
    from .kinds_change import diff_rows
    from .wizard_helpers import fill, read_code, upload_all

    base, n = live_server.url, unique()
    email = f"change-subject-{n}@example.com"
    owner, filing, _, order = _change_prelude(ministry, page, base, kind="change_subject", email=email, n=n)
    new_name, new_mobile, new_cert = f"杭州第{n}新名科技有限公司", mobile(n, "159"), resident_id(n + 400)
    seed_business((uscc(n), new_name, "李四"))  # the company was renamed and has a new legal representative
    page.shots("change-subject-started")

    # 基础信息: the new name; then 主体信息: the new principal (their own mobile, confirmed by its code).
    page.goto(f"{base}/orders/{order.pk}/basic/")
    fill(page, "subject.name", new_name)
    page.click("#next")
    page.goto(f"{base}/orders/{order.pk}/subject/")
    fill(page, "subject.investor", new_name)
    fill(page, "subject.principal.name", "李四")
    fill(page, "subject.principal.cert_number", new_cert)
    fill(page, "subject.principal.mobile", new_mobile)
    page.click("button[value=save]")  # the filed mobile counted as confirmed; the new one asks for its code
    page.click("#send-code")
    fill(page, "sms_code", read_code(page, base, new_mobile))
    page.click("#next")
    page.wait_for_url(re.compile(r"/websites/"))
    page.click("#next")
    page.wait_for_url(re.compile(r"/materials/"))
    labels = page.locator("#materials tbody tr").all_inner_texts()
    assert any("营业执照" in t or "证件" in t for t in labels) and len(labels) >= 2, labels  # new licence, new ID
    upload_all(page)
    page.click("#next")
    rows = diff_rows(page)
    assert rows["subject.name"] == (f"杭州第{n}示例科技有限公司", new_name)
    assert rows["subject.principal.mobile"][1] == new_mobile and "subject.principal.cert_number" in rows
    assert not any(p.startswith("websites[") for p in rows)  # near miss: the website is as filed
    page.shots("change-subject-confirm")
    order = _confirm_and_submit(page, order)

    reviewer(f"rev-cs-{n}@example.com")
    changed = reviewer_approves(browser, base, f"rev-cs-{n}@example.com", order, page.shots)
    assert "subject.name" in changed
    order.refresh_from_db()
    assert order.state == states.SMS_VERIFICATION, order.state
    assert sms_sent(ministry, order) == [new_mobile]  # the new principal's new mobile, only
    order = to_result(ministry, order)
    assert order.state == states.APPROVED
    (row,) = public_query(ministry, f"kinds-{n}.com")
    assert row["subject_name"] == new_name and row["subject_number"] == filing.subject_number
    from urllib.parse import quote

    assert public_query(ministry, quote(new_name))[0]["domain"] == f"kinds-{n}.com"  # found by the new name
    assert public_query(ministry, quote(f"杭州第{n}示例科技有限公司")) == []  # near miss: not by the old one
    filing.refresh_from_db()
    assert filing.subject_name == new_name and filing.application["subject"]["principal"]["name"] == "李四"


def test_change_website(live_server, browser, page, ministry):
    import re

    from beian.filings import states
    from beian.ministry import services

    from .filing_kinds_support import answer_sms, mobile, resident_id, reviewer, reviewer_approves, sms_sent
    from .kinds_change import diff_rows
    from .wizard_helpers import fill, own_website_principal, upload_all

    base, n = live_server.url, unique()
    email = f"change-website-{n}@example.com"
    first, kept = f"cw-{n}.com", f"cw-{n}-b.com"
    owner, filing, website, order = _change_prelude(ministry, page, base, kind="change_website", email=email, n=n,
                                                    domains=[[first, kept]], website_seq=1)
    site_mobile = mobile(n, "136")
    # 网站信息: a new name, the first domain removed (only removals, seed 003 §3.1), a principal of its own.
    own_website_principal(page, {"name": "李四", "cert_type": "resident_id", "cert_number": resident_id(n + 500),
                                 "cert_valid_until": "长期", "mobile": site_mobile, "contact2": mobile(n, "135"),
                                 "emergency_mobile": mobile(n, "134"), "email": f"site-{n}@example.com"})
    fill(page, "websites[0].name", "示例科技新版网站")
    fill(page, "websites[0].domains[0]", kept)
    page.click("#next")
    page.wait_for_url(re.compile(r"/materials/"))
    upload_all(page)
    page.click("#next")
    rows = diff_rows(page)
    assert rows["websites[0].name"] == ("示例科技网站一", "示例科技新版网站")
    assert rows["websites[0].domains"] == (f"{first}、{kept}", kept)
    assert rows["websites[0].principal.mobile"][1] == site_mobile
    page.shots("change-website-confirm")
    order = _confirm_and_submit(page, order)

    reviewer(f"rev-cw-{n}@example.com")
    assert "websites[0].name" in reviewer_approves(browser, base, f"rev-cw-{n}@example.com", order, page.shots)
    order.refresh_from_db()
    assert sms_sent(ministry, order) == [site_mobile]  # the website principal, not the subject principal
    answer_sms(ministry, order)
    services.poll_results()
    order.refresh_from_db()
    assert order.state == states.BUREAU_REVIEW
    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(ministry.url + "/bureau/")
    public.fill("#u", "bureau@beian.local")
    public.fill("#p", "bureau12345")
    public.click("button[type=submit]")
    changes = public.locator(f'table[data-changes="{order.reference}"]').inner_text()
    assert "示例科技新版网站" in changes and first in changes  # the bureau reviews what changed
    assert public.locator(f'tr[data-ref="{order.reference}"] td[data-kind]').inner_text() == "变更网站"
    page.shots("change-website-bureau", public)
    public.locator(f'tr[data-ref="{order.reference}"] button.approve').click()
    public.context.close()
    services.poll_results()
    order.refresh_from_db()
    assert order.state == states.APPROVED
    assert public_query(ministry, first) == []  # the removed domain left the public record
    (row,) = public_query(ministry, kept)
    assert row["website_name"] == "示例科技新版网站" and row["domains"] == [kept]
    website.refresh_from_db()
    assert (website.domain, website.name) == (kept, "示例科技新版网站")


def test_change_access(live_server, browser, page, ministry):
    import re

    from beian.filings import states
    from beian.products.models import Instance

    from .filing_kinds_support import reviewer, reviewer_approves, sms_sent, to_result
    from .kinds_change import diff_rows

    base, n = live_server.url, unique()
    email = f"change-access-{n}@example.com"
    owner, filing, website, order = _change_prelude(ministry, page, base, kind="change_access", email=email, n=n,
                                                    website_seq=1)
    new = Instance.objects.get(owner=owner, instance_id__startswith=f"i-k{n}-", public_ip="47.96.10.12")
    assert website.ip != new.public_ip
    # 产品验证: the website moves to another instance.
    page.select_option('[name="websites[0].access.instance_id"]', new.instance_id)
    page.click("#next")
    page.wait_for_url(re.compile(r"/materials/"))
    assert page.locator("#materials tbody tr").count() == 0 or "上传" not in page.locator("#materials").inner_text()
    page.click("#next")
    rows = diff_rows(page)
    assert rows["websites[0].access.instance_id"][1] == new.instance_id
    assert rows["websites[0].access.ip"] == (website.ip, new.public_ip)
    assert set(rows) == {"websites[0].access.instance_id", "websites[0].access.ip"}  # nothing else changed
    page.shots("change-access-confirm")
    order = _confirm_and_submit(page, order)

    reviewer(f"rev-ca-{n}@example.com")
    reviewer_approves(browser, base, f"rev-ca-{n}@example.com", order, page.shots)
    order.refresh_from_db()
    assert order.state == states.BUREAU_REVIEW, order.state  # 变更接入: no SMS
    assert sms_sent(ministry, order) == []
    order = to_result(ministry, order)
    assert order.state == states.APPROVED
    (row,) = public_query(ministry, f"kinds-{n}.com")
    assert row["subject_number"] == filing.subject_number and row["website_number"] == f"{filing.subject_number}-1"
    website.refresh_from_db()
    assert (website.instance_id, website.ip) == (new.instance_id, new.public_ip)


# --- new filings: first / new_site_here / new_site_elsewhere / access ---

def _new_filing_done(ministry, browser, live_server, page, order, n):
    """初审通过 by a reviewer in /review/, then the ministry's SMS and the bureau's decision."""
    from beian.filings import states

    from .filing_kinds_support import reviewer, reviewer_approves, to_result

    assert order.state == states.PROVIDER_REVIEW, order.state
    reviewer_approves(browser, live_server.url, reviewer(f"rev-{n}@example.com").username, order, page.shots)
    assert order.state in (states.SMS_VERIFICATION, states.PENDING_MINISTRY), order.state
    order = to_result(ministry, order)
    assert order.state == states.APPROVED, order.state
    return order


def test_first(live_server, browser, page, ministry):
    """首次备案 from 开始备案: both principals get a code (different mobiles), a new subject number is public."""
    from .filing_kinds_support import account, add_instance, mobile, sms_sent, unit
    from .kinds_newkinds import product_step, site_principal, to_provider_review
    from .wizard_helpers import basic_step, login

    n = unique()
    cert, name, _ = unit(n)
    owner = account(f"first-{n}@example.com")
    instance = add_instance(owner, n)
    domain, site = f"first-{n}.com", site_principal(n)
    login(page, live_server.url, owner.username)
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name=name, cert=cert,
               address="浙江省杭州市西湖区文三路100号", domain=domain, shot="first")
    assert "首次备案" in page.locator("#filing-type").inner_text()
    product_step(page, instance.instance_id)
    order = to_provider_review(page, live_server.url, subject_mobile=mobile(n), site_name="示例科技官方网站",
                               principal=site, shot="first")
    assert order.kind == "first"
    order = _new_filing_done(ministry, browser, live_server, page, order, n)
    assert sms_sent(ministry, order) == sorted([mobile(n), site["mobile"]])
    rows = public_query(ministry, domain)
    assert len(rows) == 1 and rows[0]["subject_number"] == order.meta["icp_number"]
    assert rows[0]["website_number"] == order.meta["icp_number"] + "-1"
    assert rows[0]["providers"] == ["beian-demo-provider"]


def test_new_site_here(live_server, browser, page, ministry):
    """新增网站（原备案在本服务商）from the filed subject's 新增网站 button: only the website principal gets a code;
    the new site is public under the subject's number as its 2nd website."""
    import urllib.parse

    from .filing_kinds_support import add_instance, mobile, resident_id, sms_sent
    from .kinds_newkinds import product_step, site_principal, to_provider_review
    from .wizard_helpers import fill, login

    n = unique()
    owner, filing, _first = filed(ministry, email=f"here-{n}@example.com", n=n)
    instance = add_instance(owner, n)
    domain, site = f"here-{n}-new.com", site_principal(n)
    login(page, live_server.url, owner.username)
    page.click("a.new-site")
    fill(page, "websites[0].domains[0]", domain)
    page.click("#check")
    assert "新增网站（原备案在本服务商）" in page.locator("#filing-type").inner_text()
    page.shots("new-site-here-checked")
    product_step(page, instance.instance_id)
    order = to_provider_review(page, live_server.url, subject_mobile=mobile(n), site_name="示例科技产品中心",
                               principal=site, shot="here", **{"subject.principal.cert_number": resident_id(n)})
    assert order.kind == "new_site_here"
    order = _new_filing_done(ministry, browser, live_server, page, order, n)
    assert sms_sent(ministry, order) == [site["mobile"]], "新增网站 verifies the website principal only"
    assert order.meta["icp_number"] == filing.subject_number
    rows = public_query(ministry, domain)
    assert [r["website_number"] for r in rows] == [filing.subject_number + "-2"]
    under_subject = public_query(ministry, urllib.parse.quote(filing.subject_number))
    assert {r["domain"] for r in under_subject} == {f"kinds-{n}.com", domain}


def test_new_site_elsewhere(live_server, browser, page, ministry):
    """新增网站（原备案不在本服务商）: the subject was filed through another provider (the simulator's registry);
    the new site is public under that subject's number, with this provider's access."""
    from .filing_kinds_support import account, add_instance, mobile, sms_sent, unit
    from .kinds_newkinds import filed_elsewhere, product_step, site_principal, to_provider_review
    from .wizard_helpers import basic_step, login

    n = unique()
    cert, name, _ = unit(n)
    elsewhere = filed_elsewhere(ministry, cert=cert, name=name, domain=f"old-{n}.com", site_mobile=mobile(n, "138"))
    owner = account(f"elsewhere-{n}@example.com")
    instance = add_instance(owner, n)
    domain, site = f"elsewhere-{n}.com", site_principal(n)
    login(page, live_server.url, owner.username)
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name=name, cert=cert,
               address="浙江省杭州市西湖区文三路100号", domain=domain, shot="elsewhere")
    box = page.locator("#filing-type").inner_text()
    assert "新增网站（原备案不在本服务商）" in box and "网站负责人" in box
    product_step(page, instance.instance_id)
    order = to_provider_review(page, live_server.url, subject_mobile=mobile(n), site_name="示例科技产品中心",
                               principal=site, shot="elsewhere")
    assert order.kind == "new_site_elsewhere"
    order = _new_filing_done(ministry, browser, live_server, page, order, n)
    assert sms_sent(ministry, order) == [site["mobile"]], "the subject principal is not asked again"
    assert order.meta["icp_number"] == elsewhere["subject_number"]
    rows = public_query(ministry, domain)
    assert len(rows) == 1 and rows[0]["website_number"] == elsewhere["subject_number"] + "-2"
    assert rows[0]["providers"] == ["beian-demo-provider"]
    old = public_query(ministry, f"old-{n}.com")[0]
    assert old["providers"] == ["other-provider"], "the other provider's site is untouched"


def test_access(live_server, browser, page, ministry):
    """接入备案: subject and domain filed through another provider. Step 1 explains the seed's two rules; a
    website principal mobile that is not the filed one is refused where it is typed (near miss: the filed one
    passes); the filed principal gets the code; the public query adds this provider to the site's access."""
    from beian.filings.models import Order

    from .filing_kinds_support import account, add_instance, mobile, sms_sent, unit
    from .kinds_newkinds import filed_elsewhere, product_step, site_principal, websites_step
    from .wizard_helpers import basic_step, confirm_and_submit, fill, login, subject_step, upload_all

    n = unique()
    cert, name, _ = unit(n)
    domain, site = f"access-{n}.com", site_principal(n)
    elsewhere = filed_elsewhere(ministry, cert=cert, name=name, domain=domain, site_mobile=site["mobile"])
    owner = account(f"access-{n}@example.com")
    instance = add_instance(owner, n)
    login(page, live_server.url, owner.username)
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name=name, cert=cert,
               address="浙江省杭州市西湖区文三路100号", domain=domain, shot="access")
    box = page.locator("#filing-type").inner_text()
    assert "接入备案" in box and "先到原备案接入服务商处变更手机号码" in box and "空壳网站" in box
    product_step(page, instance.instance_id)
    changed = dict(site, mobile=mobile(n, "159"))
    subject_step(page, live_server.url, mobile=mobile(n), shot="access-subject")
    websites_step(page, name="示例科技官方网站", principal=changed)
    page.click("#next")
    page.wait_for_url("**/websites/")  # refused: not the filed mobile
    error = page.locator('[data-field="websites[0].principal.mobile"]').inner_text()
    assert "需先到原备案接入服务商处变更手机号码，再接入备案" in error
    page.shots("access-mobile-changed")
    fill(page, "websites[0].principal.mobile", site["mobile"])
    page.click("#next")
    page.wait_for_url("**/materials/")
    upload_all(page)
    confirm_and_submit(page, shot="access")
    order = Order.objects.get(account=owner)
    assert order.kind == "access"
    order = _new_filing_done(ministry, browser, live_server, page, order, n)
    assert sms_sent(ministry, order) == [site["mobile"]]
    assert order.meta["website_numbers"] == {domain: elsewhere["website_number"]}
    rows = public_query(ministry, domain)
    assert len(rows) == 1 and rows[0]["website_number"] == elsewhere["website_number"]
    assert rows[0]["providers"] == ["other-provider", "beian-demo-provider"]
