"""Helpers of the new-filing kinds' browser tests (first / new_site_here / new_site_elsewhere / access) in
tests/e2e/test_filing_kinds.py: the applicant's wizard as clicked, the reviewer's 初审通过 in /review/, and a
filing made through ANOTHER provider in the shared simulator (`manage ministry_record`)."""

import json
import re

from beian.filings.models import Order

from .filing_kinds_support import mobile, resident_id
from .wizard_helpers import confirm_and_submit, fill, own_website_principal, subject_step, upload_all


def site_principal(n: int) -> dict:
    """A website principal of its own (not the subject principal), with this test's own mobile."""
    return {"name": "李四", "cert_type": "resident_id", "cert_number": resident_id(n + 500),
            "cert_valid_until": "长期", "mobile": mobile(n, "136"), "contact2": mobile(n, "135"),
            "emergency_mobile": mobile(n, "135"), "email": f"site-{n}@example.com"}


def filed_elsewhere(ministry, *, cert: str, name: str, domain: str = "", site_mobile: str = "",
                    province: str = "浙江省") -> dict:
    """A subject (and a website, when `domain` is given) filed through another provider: what the simulator's
    registry holds before this provider is asked to file a new site or access for it."""
    args = ["ministry_record", "--cert", cert, "--name", name, "--province", province, "--mobile", site_mobile,
            "--site-name", "示例科技原有网站"] + (["--domain", domain] if domain else [])
    return json.loads(ministry.manage(*args))


def product_step(page, instance_id: str):
    page.click("#next")
    page.wait_for_url("**/product/")
    page.select_option('[name="websites[0].access.instance_id"]', instance_id)
    page.click("#next")
    page.wait_for_url("**/subject/")


def websites_step(page, *, name: str, principal: dict | None):
    page.wait_for_url("**/websites/")
    fill(page, "websites[0].name", name)
    if principal:
        own_website_principal(page, principal)


def to_provider_review(page, base, *, subject_mobile: str, site_name: str, principal: dict | None,
                       shot: str, **subject_values) -> Order:
    """产品验证 done: 主办者 (with the platform's SMS code) → 网站 → 上传资料 → 信息确认 → 提交 (初审)."""
    subject_step(page, base, mobile=subject_mobile, shot=f"{shot}-subject", **subject_values)
    websites_step(page, name=site_name, principal=principal)
    page.shots(f"{shot}-websites")
    page.click("#next")
    page.wait_for_url("**/materials/")
    upload_all(page)
    confirm_and_submit(page, shot=shot)
    return Order.objects.get(pk=int(re.search(r"/orders/(\d+)/", page.url).group(1)))


