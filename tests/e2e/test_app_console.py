"""Issue 17 #3 in Chromium: a reviewer opens an order with a website and two APPs, sees that the iOS APP's typed
fingerprint is not the uploaded certificate's, rejects that one field, and returns the order; the applicant reads
which field and why on the progress page."""

import pytest

from beian.filings import states
from beian.review.models import FieldDecision
from tests.review.support import APP_KEY, app_order, make_reviewer, raw_codes_in

from . import test_console as console
from .test_console import DESKTOP, _reviewer_on, shot_on_failure
from .wizard_helpers import login, logout

screen = console.screen  # the console tests' page fixture (a screenshot of where a failing test stood)

pytestmark = pytest.mark.django_db(transaction=True)
SIGNATURE = "apps[1].platforms[0].signature"


@shot_on_failure
def test_reviewer_sees_the_ios_mismatch_and_rejects_the_signature(live_server, screen):
    order = app_order()
    make_reviewer()
    page = _reviewer_on(screen, live_server, DESKTOP, order)
    page.shots("order")
    assert raw_codes_in(page.inner_text("main")) == []
    # The APP whose values differ from its file is open by itself; the one that agrees says so.
    ios = page.locator('tr[data-platform="apps[1].platforms[0]"]')
    assert ios.is_visible()
    check = ios.locator("td.file-check").inner_text()
    assert "已核对：与上传的安装包不一致" in check and "签名/指纹" in check
    assert "mismatch" in ios.locator(f'td[data-path="{SIGNATURE}"]').get_attribute("class")
    page.locator("#group-app-0 > summary").click()
    android = page.locator('tr[data-platform="apps[0].platforms[0]"]')
    assert "已核对：与上传的安装包一致" in android.locator("td.file-check").inner_text()
    # The public key is shortened; one click shows all of it.
    key = android.locator('td[data-path="apps[0].platforms[0].public_key"]')
    assert not key.locator(".key-full").is_visible()
    key.locator("details.key > summary").click()
    assert key.locator(".key-full").inner_text() == APP_KEY.lower()
    # Reject the iOS fingerprint: a reason is required, then the cell answers in place.
    cell = ios.locator(f'td[data-path="{SIGNATURE}"]')
    cell.locator("details.cell-decide > summary").click()
    select = cell.locator("select[name=reason_code]")
    assert "联系电话" not in select.inner_text()  # only reasons that fit a fingerprint
    cell.locator("button.reject").click()
    assert select.evaluate("s => s.validity.valueMissing") and not FieldDecision.objects.exists()
    select.select_option("app_signature")
    cell.locator("input[name=note]").fill("与上传的证书不一致")
    cell.locator("button.reject").click()
    notice = page.locator(f'td[data-path="{SIGNATURE}"] .notice.ok')
    notice.wait_for()
    assert order.reference in notice.inner_text() and "已驳回" in notice.inner_text()
    decision = FieldDecision.objects.get()
    assert (decision.path, decision.reason_code) == (SIGNATURE, "app_signature")
    assert "签名MD5值" in page.locator(f'td[data-path="{SIGNATURE}"] .cell-decision').inner_text()
    page.shots("rejected")
    # Return the order to the applicant.
    page.click("#open-supplement")
    page.once("dialog", lambda d: d.accept())
    page.click("#request-supplement")
    page.wait_for_selector(".flash-success")
    order.refresh_from_db()
    assert order.state == states.SUPPLEMENT_REQUIRED
    logout(page)
    login(page, live_server.url, "apps@example.com")
    page.goto(f"{live_server.url}/orders/{order.pk}/")
    page.shots("progress")
    history = page.inner_text("#events")
    assert "APP2：示例助手 · iOS · 证书SHA-1指纹" in history and "与上传的证书不一致" in history
