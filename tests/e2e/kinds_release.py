"""Helpers of the release section of tests/e2e/test_filing_kinds.py (取消接入 / 注销网站 / 注销主体)."""


from .filing_kinds_support import PASSWORD
from .wizard_helpers import login


def start_from_manage_page(page, base: str, email: str, *, subject_number: str, kind: str, domain: str | None = None):
    """Log in, open 备案管理 (/orders/), pick the kind on the subject's or the website's form, read the
    confirmation page, tick the declaration and submit. Returns the confirmation page's text."""
    login(page, base, email, PASSWORD)
    page.goto(base + "/orders/")
    filing = page.locator(f'[data-filing="{subject_number}"]')
    form = (filing.locator(f'tr[data-domain="{domain}"] form[action*="/change"]') if domain
            else filing.locator('form.subject-actions[action*="/change"]'))
    form.locator("select[name=kind]").select_option(kind)
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#release-form")
    text = page.locator("#release-what").inner_text()
    page.click("#submit")  # without the declaration: refused, nothing created
    page.wait_for_selector("#release-error")
    assert page.locator("#release-error").get_attribute("data-code") == "release_not_acknowledged"
    page.check("#agreement")
    page.click("#submit")
    page.wait_for_selector("#state")
    return text
