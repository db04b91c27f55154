"""Error pages as a person sees them, at 1366x768 and 375x812: Chinese, in the site's look, with the next
step and the request id visible, nothing cut off."""

import pytest

VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 375, "height": 812}}


@pytest.fixture(params=list(VIEWPORTS))
def screen(browser, request):
    context = browser.new_context(locale="zh-CN", viewport=VIEWPORTS[request.param],
                                  is_mobile=request.param == "phone")
    page = context.new_page()
    from tests.e2e.conftest import Shots

    page.shots = Shots(page, f"{request.node.name}")
    yield page
    context.close()


def _check(page, code: str, heading: str):
    error = page.locator(f'[data-code="{code}"]')
    assert error.is_visible()
    assert heading in page.locator("h1").inner_text()
    request_id = page.locator("#request-id").inner_text()
    assert len(request_id) >= 8 and error.get_attribute("data-request-id") == request_id
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.get_by_role("link", name="回到首页").is_visible()


@pytest.mark.urls("tests.web.error_urls")
def test_404_405_and_500_pages(live_server, screen):
    screen.goto(live_server.url + "/no-such-page/")
    _check(screen, "not_found", "页面不存在")
    screen.shots("404")
    screen.goto(live_server.url + "/accounts/logout/")
    _check(screen, "method_not_allowed", "不支持此操作方式")
    screen.shots("405")
    screen.goto(live_server.url + "/test/boom/")
    _check(screen, "server_error", "系统出现错误")
    assert screen.get_by_role("link", name="重试").is_visible()
    screen.shots("500")
    screen.get_by_role("link", name="回到首页").click()
    assert "ICP 备案" in screen.locator("h1").inner_text()


def test_a_stale_form_gives_the_csrf_page_with_a_way_back(live_server, screen):
    screen.goto(live_server.url + "/precheck/")
    screen.context.clear_cookies()  # the session/token expired while the page stayed open
    screen.evaluate("document.querySelector('#precheck-form textarea, #precheck-form input[type=text]')?.focus()")
    screen.locator("#precheck-form button[type=submit]").first.click()
    _check(screen, "csrf_failed", "页面已过期")
    screen.shots("csrf")
    screen.get_by_role("link", name="返回上一页").click()
    assert screen.url.endswith("/precheck/")
