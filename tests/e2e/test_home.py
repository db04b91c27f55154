def test_home_page_in_chromium(live_server, page):
    page.goto(live_server.url + "/")
    assert "ICP 备案" in page.locator("h1").inner_text()
    page.shots("home")
