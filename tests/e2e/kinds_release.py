"""Helpers of the release section of tests/e2e/test_filing_kinds.py (取消接入 / 注销网站 / 注销主体)."""

from django.contrib.auth.models import Group

from beian.filings import states, transitions
from beian.filings.demo import seed_business, seed_products
from beian.filings.models import Filing, Order
from beian.filings.services import create_order, transition
from tests.verification.support import pass_verification

from .filing_kinds_support import PASSWORD, account, mobile, resident_id, to_result, unique, unit_application
from .wizard_helpers import login


def filed_with_site_principals(ministry, *, email: str, domains: list[list[str]]) -> tuple:
    """Like filing_kinds_support.filed, but each website has its own principal (own mobile), so that a test can
    tell the website principal's code from the subject principal's."""
    n = unique()
    app = unit_application(n=n, domains=domains)
    owner = account(email)
    instance = seed_products(owner, prefix=f"k{n}")[0]
    for i, website in enumerate(app["websites"]):
        website["access"].update(instance_id=instance.instance_id, ip=instance.public_ip)
        website["principal"] = dict(app["subject"]["principal"], name=f"网站负责人{'甲乙丙'[i]}",
                                    cert_number=resident_id(n * 10 + i + 1), mobile=mobile(n * 10 + i + 1, "136"),
                                    email=f"site{i}-{n}@example.com")
    seed_business((app["subject"]["cert_number"], app["subject"]["name"], app["subject"]["principal"]["name"]))
    order = create_order(account=owner, application=app)
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW)
    pass_verification(order)
    transition(order=order, to_state=states.PENDING_MINISTRY, role=transitions.REVIEWER)
    order = to_result(ministry, order)
    assert order.state == states.APPROVED, order.state
    return owner, Filing.objects.get(subject_number=order.meta["icp_number"]), order


def reviewer(email: str):
    user = account(email)
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    return user


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
