"""在手机上继续 in Chromium (tests/e2e/test_phone_filing.py, section "hand-off"): a first filing started on the PC up
to 上传资料, and the hand-off read off the QR widget as a phone's camera app would open it."""

from beian.filings.demo import seed_products

from .filing_kinds_support import account, mobile, resident_id, unique
from .wizard_helpers import basic_step, fill, login, subject_step


def pc_first_filing_to_materials(page, base) -> tuple[object, str]:
    """An individual's 首次备案 typed on the PC up to the materials step; (account, person's name)."""
    n = unique()
    email = f"handoff-{n}@example.com"
    owner = account(email)
    instances = seed_products(owner, prefix=f"handoff{n}")
    name = "周敏"
    login(page, base, email)
    basic_step(page, province="浙江省", nature="individual", cert_type="resident_id", name=name, cert=resident_id(n),
               address="浙江省杭州市西湖区文三路100号", domain=f"handoff-{n}.com", shot="pc-basic")
    page.click("#next")
    page.wait_for_url("**/product/")
    page.select_option('[name="websites[0].access.instance_id"]', instances[0].instance_id)
    page.click("#next")
    page.wait_for_url("**/subject/")
    subject_step(page, base, mobile=mobile(n), individual=True, shot="pc-subject",
                 **{"subject.mailing_address": "浙江省杭州市西湖区文三路100号2单元301室"})
    page.wait_for_url("**/websites/")
    fill(page, "websites[0].name", "读书笔记分享")
    page.select_option('[name="websites[0].content"]', "其他")
    page.click("#next")
    page.wait_for_load_state()
    page.shots("pc-websites")
    page.wait_for_url("**/materials/")
    return owner, name


def scan_handoff(page) -> str:
    """在手机上继续 on the PC's current page: the link the QR code carries, read from the widget's URL text."""
    page.click("#handoff summary")
    page.click("#handoff-make")
    page.wait_for_selector("#handoff-qr svg")
    page.shots("pc-handoff-qr")
    return page.input_value("#handoff-url")


def continue_on_phone(phone, link: str) -> None:
    """The phone opens the link: a confirmation page (nothing happens yet), then confirms."""
    phone.goto(link)
    phone.wait_for_selector("#handoff-confirm")
    phone.shots("phone-confirm")
    phone.click("#handoff-confirm")
    phone.wait_for_selector("#handoff-note")


def confirm_and_submit_on_phone(phone, base) -> None:
    """下一步 → 信息确认 → terms → 提交, on the phone. As wizard_helpers.confirm_and_submit, but following the 下一步
    link's address (a tap where the layout still overflows at 375 px can land on a neighbour: issue 20 #1's part)."""
    import re

    from beian.filings.models import Order
    from tests.verification.support import pass_verification

    pass_verification(Order.objects.get(pk=int(re.search(r"/orders/(\d+)/", phone.url).group(1))))
    phone.goto(base + phone.get_attribute("#next", "href"))
    phone.wait_for_url("**/confirm/")
    phone.check("#agreement")
    phone.shots("phone-confirm")
    phone.click("#submit")
    phone.wait_for_selector("#state")
