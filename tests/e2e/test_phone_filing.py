"""Issue 20's done-when: filing on the phone (375×812)."""


# --- hand-off ---
import re  # noqa: E402  (this section's own imports: the file is shared, see tests/e2e/handoff_support.py)

import pytest  # noqa: E402

from beian.filings import states  # noqa: E402
from beian.filings.models import Order  # noqa: E402

from .handoff_support import (  # noqa: E402
    confirm_and_submit_on_phone,
    continue_on_phone,
    pc_first_filing_to_materials,
    scan_handoff,
)
from .wizard_helpers import upload_all  # noqa: E402


@pytest.mark.django_db(transaction=True)
def test_started_on_the_pc_continued_and_submitted_on_the_phone(live_server, page, phone_page, browser):
    base = live_server.url
    owner, _ = pc_first_filing_to_materials(page, base)
    order = Order.objects.get(account=owner)
    link = scan_handoff(page)
    assert re.fullmatch(rf"{re.escape(base)}/h/[^/]+/", link)

    # The phone: the same order at the same step, at 375 px, signed in for this order only.
    phone = phone_page
    continue_on_phone(phone, link)
    assert phone.url == f"{base}/orders/{order.pk}/materials/"
    assert order.reference in phone.locator("#handoff-note").inner_text()
    note = phone.locator("#handoff-note").bounding_box()
    assert note["x"] >= 0 and note["x"] + note["width"] <= 375  # the hand-off's own part fits the phone
    upload_all(phone)
    phone.shots("phone-uploaded")
    assert Order.objects.get(pk=order.pk).materials.filter(status="active").exists()

    # The PC page, left open, learns of the phone's uploads without a reload (htmx watch).
    page.wait_for_selector("#handoff-changed", timeout=20_000)
    page.wait_for_function("() => /资料已上传或更换/.test(document.querySelector('#handoff-changed').textContent)",
                           timeout=20_000)
    assert "手机已扫码登录" in page.locator("#handoff-changed").inner_text()
    page.shots("pc-sees-uploads")
    page.click("#handoff-reload")
    page.wait_for_selector("#handoff li[data-used='1']")  # the signed-in phone, listed on the PC (revocable)
    assert page.locator('#materials .badge.ok').count() >= 1  # what the phone uploaded
    assert page.locator("#handoff-changed").count() == 0

    # 信息确认 and submit on the phone (the face check as the phone page leaves it: tests/e2e/test_phone.py).
    confirm_and_submit_on_phone(phone, base)
    assert phone.locator("#state").inner_text() == "初审中"
    assert Order.objects.get(pk=order.pk).state == states.PROVIDER_REVIEW

    # The PC tab: told the order was submitted, one click shows it.
    page.wait_for_function("() => /初审中/.test(document.querySelector('#handoff-changed')?.textContent || '')",
                           timeout=20_000)
    page.click("#handoff-reload")
    page.wait_for_url(f"{base}/orders/{order.pk}/")
    assert page.locator("#state").inner_text() == "初审中"
    page.shots("pc-submitted")

    # Near misses: the phone reaches no other page of the account; the link works once.
    refused = phone.goto(f"{base}/orders/")
    assert refused.status == 403 and phone.locator("[data-code]").first.get_attribute("data-code") == "handoff_scope"
    other = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 812}, is_mobile=True)
    try:
        second = other.new_page()
        again = second.goto(link)
        assert again.status == 410 and "已经使用过" in second.content()
        assert second.locator("[data-code]").first.get_attribute("data-code") == "handoff_used"
    finally:
        other.close()
