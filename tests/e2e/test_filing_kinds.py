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

    from .filing_kinds_support import answer_sms, sms_sent, to_result
    from .kinds_release import filed_with_site_principals, reviewer, start_from_manage_page
    from .wizard_helpers import login

    n = unique()
    email = f"dereg-site-{n}@example.com"
    _owner, filing, first = filed_with_site_principals(ministry, email=email, domains=[[f"kinds-{n}.com"], [f"kinds-{n}-b.com"]])
    text = start_from_manage_page(page, live_server.url, email, subject_number=filing.subject_number,
                                  kind="deregister_website", domain=f"kinds-{n}-b.com")
    assert "不能恢复" in text and "网站负责人" in text
    order = Order.objects.get(kind="deregister_website", filing=filing)
    assert order.state == "provider_review"
    reviewer(f"rev-{n}@example.com")
    rev = browser.new_context(locale="zh-CN").new_page()
    login(rev, live_server.url, f"rev-{n}@example.com")
    rev.goto(f"{live_server.url}/review/{order.pk}/")
    rev.on("dialog", lambda dialog: dialog.accept())
    rev.click("#approve")
    order.refresh_from_db()
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

    from .filing_kinds_support import sms_sent, to_result
    from .kinds_release import reviewer, start_from_manage_page
    from .wizard_helpers import login

    n = unique()
    email = f"dereg-subject-{n}@example.com"
    _owner, filing, first = filed(ministry, email=email, n=n, domains=[[f"kinds-{n}.com"], [f"kinds-{n}-b.com"]])
    text = start_from_manage_page(page, live_server.url, email, subject_number=filing.subject_number,
                                  kind="deregister_subject")
    assert f"kinds-{n}.com" in text and f"kinds-{n}-b.com" in text and "主体负责人" in text
    order = Order.objects.get(kind="deregister_subject", filing=filing)
    from urllib.parse import quote as _quote

    assert len(public_query(ministry, _quote(filing.subject_number))) == 2  # still filed while it is reviewed
    reviewer(f"rev-{n}@example.com")
    rev = browser.new_context(locale="zh-CN").new_page()
    login(rev, live_server.url, f"rev-{n}@example.com")
    rev.goto(f"{live_server.url}/review/{order.pk}/")
    rev.on("dialog", lambda dialog: dialog.accept())
    rev.click("#approve")
    order.refresh_from_db()
    assert sms_sent(ministry, order) == [first.application["subject"]["principal"]["mobile"]]
    order = to_result(ministry, order)
    assert order.state == "approved"
    for q in (f"kinds-{n}.com", f"kinds-{n}-b.com", _quote(filing.subject_number)):
        assert public_query(ministry, q) == [], q
    status, sites = _statuses(page, live_server.url, filing.subject_number)
    assert status == "deregistered" and set(sites.values()) == {"deregistered"}
    assert page.locator(f'[data-filing="{filing.subject_number}"] form').count() == 0
