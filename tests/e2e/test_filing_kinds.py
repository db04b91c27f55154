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


# --- new filings: first / new_site_here / new_site_elsewhere / access ---

def _new_filing_done(ministry, browser, live_server, page, order, n):
    """初审通过 by a reviewer in /review/, then the ministry's SMS and the bureau's decision."""
    from beian.filings import states

    from .filing_kinds_support import to_result
    from .kinds_newkinds import review_approves, reviewer

    assert order.state == states.PROVIDER_REVIEW, order.state
    order = review_approves(browser, live_server.url, reviewer(n), order, page.shots)
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
