"""Helpers of the 变更 section of tests/e2e/test_filing_kinds.py (change_subject / change_website / change_access)."""

import re

from beian.filings.models import Order


def start_change(page, base, *, kind: str, website_pk: int | None = None) -> Order:
    """备案管理 (/orders/): the filed record's form that offers `kind` (a website's row when `website_pk`), submitted
    by its button (a POST, never a link). The one place that knows the list page's markup: adapt it here."""
    page.on("dialog", lambda dialog: dialog.accept())  # a confirmation before the order starts, if the page asks
    page.goto(base + "/orders/")
    forms = page.locator('form[action*="/change"]').filter(has=page.locator(f'select[name=kind] option[value="{kind}"]'))
    if website_pk is not None:
        forms = forms.filter(has=page.locator(f'input[name=website][value="{website_pk}"]'))
    form = forms.first
    form.locator("select[name=kind]").select_option(kind)
    form.locator("button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/orders/\d+/"))
    return Order.objects.get(pk=int(re.search(r"/orders/(\d+)/", page.url).group(1)))


def diff_rows(page) -> dict[str, tuple[str, str]]:
    """信息确认's table of changes: path → (before, after)."""
    rows = page.locator("#changes tr[data-path]")
    return {rows.nth(k).get_attribute("data-path"): (rows.nth(k).locator("td.before").inner_text(),
                                                     rows.nth(k).locator("td.after").inner_text())
            for k in range(rows.count())}
