def test_precheck_page_in_chromium(live_server, page):
    page.goto(live_server.url + "/precheck/?mode=json")
    page.shots("empty-form")
    page.click("#load-sample")
    page.click("#check-json")
    page.wait_for_selector("#precheck-result")
    page.shots("findings")
    rows = page.locator("#findings tbody tr")
    assert rows.count() >= 2
    text = page.locator("#findings").inner_text()
    assert "通信地址" in text and "网站名称" in text
    page.fill("#application", "{oops")
    page.click("#check-json")
    assert "不是有效的 JSON" in page.locator("#precheck-error").inner_text()
    assert page.input_value("#application") == "{oops"
    page.shots("bad-json")
