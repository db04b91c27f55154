"""Helpers of the 变更 section of tests/e2e/test_filing_kinds.py (change_subject / change_website / change_access)."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from beian.filings.models import Order

REVIEWER_PASSWORD = "Str0ng-pass-99"


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


def reviewer(email: str):
    user = get_user_model().objects.create_user(email, email, REVIEWER_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    return user


def reviewer_approves(browser, base, email: str, order: Order, shots) -> list[str]:
    """The reviewer opens the order in the console, reads the highlighted changes and approves (初审通过, 提交管局);
    returns the changed rows' paths as the console marked them."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    rev = context.new_page()
    rev.on("dialog", lambda dialog: dialog.accept())
    try:
        _login_reviewer(rev, base, email)
        rev.goto(f"{base}/review/{order.pk}/")
        changed = rev.locator("#review-changes tr[data-path]").evaluate_all("rows => rows.map(r => r.dataset.path)")
        shots("reviewer-changes", rev)
        rev.click("#approve")
        rev.wait_for_load_state()
        return changed
    finally:
        context.close()


def _login_reviewer(page, base, email):
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", REVIEWER_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def diff_rows(page) -> dict[str, tuple[str, str]]:
    """信息确认's table of changes: path → (before, after)."""
    rows = page.locator("#changes tr[data-path]")
    return {rows.nth(k).get_attribute("data-path"): (rows.nth(k).locator("td.before").inner_text(),
                                                     rows.nth(k).locator("td.after").inner_text())
            for k in range(rows.count())}
