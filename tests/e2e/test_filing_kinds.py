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
