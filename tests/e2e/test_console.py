"""Issue 11 item 10 in Chromium: the reviewer console at 1366x768 (and the applicant's history at 375x812)."""

import functools

import pytest

from beian.filings import states
from beian.review.models import FieldDecision
from tests.review.support import FRAMES, console_order, make_reviewer, raw_codes_in
from tests.verification.support import pass_verification

from .conftest import Shots
from .wizard_helpers import login

pytestmark = pytest.mark.django_db(transaction=True)
DESKTOP, PHONE = {"width": 1366, "height": 768}, {"width": 375, "height": 812}
OPEN_ALL = "document.querySelectorAll('details').forEach((d) => { d.open = true; })"


@pytest.fixture
def screen(browser, request):
    """A page of the given size (`screen.open(viewport)`); a failing test leaves a screenshot of where it stood."""
    contexts = []

    def open_page(viewport):
        context = browser.new_context(locale="zh-CN", viewport=viewport, is_mobile=viewport["width"] < 500,
                                      has_touch=viewport["width"] < 500)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.shots = Shots(page, f"{request.node.name}-{viewport['width']}")
        return page

    yield open_page
    for context in contexts:
        context.close()


def shot_on_failure(test):
    @functools.wraps(test)
    def run(*args, **kwargs):
        pages = []
        kwargs["screen"] = _recording(kwargs["screen"], pages)
        try:
            return test(*args, **kwargs)
        except BaseException:
            for page in pages:
                page.shots("failure")
            raise

    return run


def _recording(open_page, pages):
    def wrapped(viewport):
        page = open_page(viewport)
        pages.append(page)
        return page

    return wrapped


def _reviewer_on(screen, live_server, viewport, order):
    page = screen(viewport)
    login(page, live_server.url, "rev@example.com")
    page.goto(f"{live_server.url}/review/{order.pk}/")
    return page


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366x768", "375x812"])
@shot_on_failure
def test_console_pages_show_no_raw_codes(live_server, screen, viewport):
    order = console_order()
    make_reviewer()
    page = _reviewer_on(screen, live_server, viewport, order)
    page.evaluate(OPEN_ALL)
    page.shots("order-all-open")
    text = page.inner_text("main")
    assert raw_codes_in(text) == [], text
    assert "新增网站（原备案在本服务商）" in text and "未检测到转头动作" in text and "居民身份证" in text
    page.goto(f"{live_server.url}/review/")
    page.shots("queue")
    assert raw_codes_in(page.inner_text("main")) == []


@shot_on_failure
def test_order_page_fits_the_screen_with_collapsible_sections(live_server, screen):
    order = console_order()
    make_reviewer()
    page = _reviewer_on(screen, live_server, DESKTOP, order)
    page.shots("order")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2 * DESKTOP["height"], height
    sections = page.locator("main > details.section")
    assert sections.count() >= 6
    # Every section folds: with all folded the whole order fits one screen.
    for i in range(sections.count()):
        section = sections.nth(i)
        if section.evaluate("d => d.open"):
            section.locator("> summary").click()
    page.shots("all-folded")
    assert page.evaluate("document.documentElement.scrollHeight") <= DESKTOP["height"]
    # The captured frames are a grid of thumbnails, several to a row.
    page.locator("#verification > summary").click()
    page.locator("details.frames > summary").first.click()
    thumbs = page.locator(".frame-grid img")
    assert thumbs.count() == FRAMES
    # A function, not an expression string: Playwright polls a string with eval, which the CSP refuses.
    page.wait_for_function("() => [...document.querySelectorAll('.frame-grid img')].every((i) => i.complete)")
    boxes = [thumbs.nth(i).bounding_box() for i in range(4)]
    assert len({round(b["y"]) for b in boxes}) == 1 and all(b["width"] <= 100 for b in boxes), boxes
    page.shots("frames")


@shot_on_failure
def test_a_reason_must_be_chosen_and_decisions_are_confirmed(live_server, screen):
    order = console_order()
    pass_verification(order)  # 网站2's principal failed liveness; 初审通过 needs everyone verified
    make_reviewer()
    page = _reviewer_on(screen, live_server, DESKTOP, order)
    page.locator("#group-principal > summary").click()
    row = page.locator('tr[data-path="subject.principal.mobile"]')
    select = row.locator("select[name=reason_code]")
    assert select.input_value() == "" and select.locator("option").first.inner_text() == "请选择原因"
    assert "网站名称不符合命名规范" not in select.inner_text()  # only reasons that fit a phone number
    row.locator("button.reject").click()
    assert select.evaluate("s => s.validity.valueMissing") and not FieldDecision.objects.exists()
    page.shots("reason-missing")
    select.select_option("phone")
    row.locator("input[name=note]").fill("空号")
    row.locator("button.reject").click()
    notice = page.locator('tr[data-path="subject.principal.mobile"] .notice')
    notice.wait_for()
    assert order.reference in notice.inner_text() and "已驳回" in notice.inner_text()
    assert FieldDecision.objects.get().reason_code == "phone"
    page.shots("rejected")
    # The reviewer changes their mind, then approves the order: asked first, told after.
    page.locator('tr[data-path="subject.principal.mobile"] button.approve').click()
    page.locator('tr[data-path="subject.principal.mobile"] .notice.ok').wait_for()
    dialogs = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.click("#approve")
    order.refresh_from_db()
    assert dialogs and order.reference in dialogs[0] and order.state == states.PROVIDER_REVIEW  # dismissed: nothing
    page.once("dialog", lambda d: d.accept())
    page.click("#approve")
    page.wait_for_selector(".flash-success")
    assert f"订单 {order.reference} 初审通过" in page.inner_text(".flash")
    page.shots("approved")
    assert page.inner_text("#handler") != "" and page.inner_text("#reviewer") == "rev@example.com"


@shot_on_failure
def test_applicant_history_merges_repeated_edits_on_a_phone(live_server, screen):
    order = console_order(email="history@example.com")
    page = screen(PHONE)
    login(page, live_server.url, "history@example.com")
    page.goto(f"{live_server.url}/orders/{order.pk}/")
    page.shots("progress")
    history = page.inner_text("#events")
    assert history.count("修改备案信息") == 1 and "×5" in history
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
