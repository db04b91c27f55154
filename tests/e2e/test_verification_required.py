"""Issue 13 #1 in Chromium: nobody reaches the ministry unverified.

An applicant who uploaded everything on the PC but skipped the face check cannot submit; they verify on the
phone page (a fake camera fed from a .y4m) and the order goes on to an ICP number. A subject principal with a
passport needs no face check: only the website principal's check stands between the order and the ministry.
"""

import random
import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from PIL import Image

from beian.documents import synthetic as syn
from beian.documents.portraits import portrait_paths
from beian.filings import states
from beian.filings.demo import seed_business, seed_products
from beian.filings.models import Order
from beian.ministry import services
from beian.registries.identity import seed_identity
from beian.verification import synthetic_video as video
from beian.verification.models import FaceAttempt
from tests.ministry_sim import unique_uscc

from .conftest import phone_browser
from .wizard_helpers import (
    basic_step,
    bureau_approves,
    fill,
    login,
    own_website_principal,
    subject_step,
    upload_all,
)

pytestmark = pytest.mark.django_db(transaction=True)
PERSON = syn.random_person(random.Random(31), today=date(2026, 11, 1))
SITE_PERSON = syn.random_person(random.Random(37), today=date(2026, 11, 1))
PASSWORD = "Str0ng-pass-99"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("verify")
    hopper = Image.open(portrait_paths()["grace_hopper"])
    for key, person in (("person", PERSON), ("site", SITE_PERSON)):
        (folder / f"{key}-front.jpg").write_bytes(syn.to_bytes(syn.photographed(syn.id_front(person, hopper))))
        (folder / f"{key}-back.jpg").write_bytes(syn.to_bytes(syn.photographed(syn.id_back(person))))
    video.write_y4m(video.turning_frames(hopper, count=30), folder / "same.y4m")
    return folder


def _accounts(email, company):
    seed_business(company)
    account = get_user_model().objects.create_user(email, email, PASSWORD)
    instances = seed_products(account, prefix=email.split("@")[0])
    reviewer = get_user_model().objects.create_user(f"rev-{email}", f"rev-{email}", PASSWORD, is_staff=True)
    reviewer.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    return account, instances, reviewer


def _to_materials(page, base, *, company, domain, instance, mobile, principal: dict, website=None, shot):
    """验证备案类型 → 产品验证 → 主办者 (with the SMS code) → 网站 → 上传资料, as the applicant clicks it."""
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name=company[1], cert=company[0],
               address="浙江省杭州市西湖区文三路100号", domain=domain, shot=shot)
    page.click("#next")
    page.wait_for_url("**/product/")
    page.select_option('[name="websites[0].access.instance_id"]', instance)
    page.click("#next")
    page.wait_for_url("**/subject/")
    if principal.get("subject.principal.cert_type"):
        page.select_option('[name="subject.principal.cert_type"]', principal["subject.principal.cert_type"])
    subject_step(page, base, mobile=mobile, shot=shot,
                 **{k: v for k, v in principal.items() if k != "subject.principal.cert_type"})
    page.wait_for_url("**/websites/")
    fill(page, "websites[0].name", "示例科技官方网站")
    if website:
        own_website_principal(page, website)
    page.click("#next")
    page.wait_for_url("**/materials/")


def _submit(page, base, order):
    page.goto(f"{base}/orders/{order.pk}/confirm/")
    page.check("#agreement")
    page.click("#submit")
    page.wait_for_load_state()


def _verify_on_phone(page, base, order, person, playwright_instance, files, prefix, request):
    """The person's QR link from 上传资料, opened on a phone: ID photos, then the face check."""
    page.goto(f"{base}/orders/{order.pk}/materials/")
    page.locator(f'.person[data-person="{person}"] button.make-link').click()
    page.wait_for_selector(f'.person[data-person="{person}"] input.phone-url')
    url = page.input_value(f'.person[data-person="{person}"] input.phone-url')
    page.shots("pc-qr")
    browser, phone = phone_browser(playwright_instance, files / "same.y4m", request)
    try:
        phone.goto(url)
        for side in ("front", "back"):
            slot = phone.locator(f'.slot[data-side="{side}"]')
            slot.locator("input[type=file]").set_input_files(str(files / f"{prefix}-{side}.jpg"))
            slot.locator("button[type=submit]").click()
            phone.wait_for_load_state()
        phone.wait_for_selector('#status[data-pending="0"]')
        phone.click("#start-face")
        phone.wait_for_selector('#face-outcome:not([data-status="pending"]):not([data-status="none"])', timeout=60_000)
        phone.shots("face-result")
        outcome = phone.get_attribute("#face-outcome", "data-status")
        assert outcome == "passed", phone.inner_text("#face-result")
    except BaseException:
        phone.shots("failure")
        raise
    finally:
        browser.close()


def _approve(browser, base, reviewer_email, order, shots):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    rev = context.new_page()
    rev.shots = shots
    login(rev, base, reviewer_email)
    rev.goto(f"{base}/review/{order.pk}/")
    rev.on("dialog", lambda dialog: dialog.accept())
    section = rev.locator("#verification").text_content()  # collapsed once everyone is verified
    rev.click("#approve")
    rev.wait_for_load_state()
    shots("reviewer-approved", rev)
    context.close()
    return section


def test_an_applicant_who_skipped_the_face_check_verifies_on_the_phone_and_gets_an_icp_number(
        live_server, browser, page, ministry, playwright_instance, files, request):
    base = live_server.url
    company = (unique_uscc(), "杭州示例科技有限公司", PERSON.name)  # its own: the simulator refuses a filed one's 首次
    account, instances, reviewer = _accounts("skip@example.com", company)
    seed_identity(name=PERSON.name, cert_number=PERSON.cert_number, portrait="grace_hopper")
    mobile = "13600012345"
    login(page, base, "skip@example.com")
    _to_materials(page, base, company=company, domain="skip-face.com", instance=instances[0].instance_id,
                  mobile=mobile, shot="skip", principal={
                      "subject.principal.name": PERSON.name, "subject.principal.cert_number": PERSON.cert_number,
                      "subject.principal.cert_valid_until": PERSON.valid_until.isoformat()})
    order = Order.objects.get(account=account)

    # Every material uploaded on the PC, no face check: 提交 is refused, saying who must verify and where.
    upload_all(page)
    person = page.locator('.person[data-person="subject_principal"]')
    assert person.get_attribute("data-must") == "1" and "未核验" in person.inner_text()
    _submit(page, base, order)
    page.shots("refused")
    assert f"以下人员尚未完成真实性核验：主体负责人 {PERSON.name}" in page.inner_text("#form-error")
    missing = page.inner_text("#missing")
    assert "真实性核验" in missing and "用手机扫码完成人脸核验" in missing
    order.refresh_from_db()
    assert order.state == states.MATERIALS and order.submitted_at is None

    # The principal verifies on the phone page; the PC pages say so and 提交 goes through.
    _verify_on_phone(page, base, order, "subject_principal", playwright_instance, files, "person", request)
    page.goto(f"{base}/orders/{order.pk}/confirm/")
    assert page.locator('#confirm-verification .person[data-person="subject_principal"]').get_attribute(
        "data-verified") == "1"
    assert page.locator("#missing").count() == 0
    page.check("#agreement")
    page.click("#submit")
    page.wait_for_selector("#state")
    order.refresh_from_db()
    assert order.state == states.PROVIDER_REVIEW

    # The reviewer sees the pass and sends the order to the ministry; the principal answers the SMS.
    section = _approve(browser, base, reviewer.username, order, page.shots)
    assert "人脸核验通过" in section and "现场人脸与公安库比对：通过" in section
    order.refresh_from_db()
    assert order.state == states.SMS_VERIFICATION
    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(ministry.url + "/sms/")
    public.fill("#code", ministry.codes(mobile)[0])
    public.fill("#mobile", mobile)
    public.fill("#cert_last6", PERSON.cert_number[-6:])
    public.click("#verify")
    assert "已提交管局审核" in public.locator("#sms-result").inner_text()
    services.poll_results()
    order.refresh_from_db()
    assert order.state == states.BUREAU_REVIEW

    # The bureau approves: the ICP number.
    bureau_approves(public, ministry.url, order.reference)
    services.poll_results()
    order.refresh_from_db()
    assert order.state == states.APPROVED
    page.goto(f"{base}/orders/{order.pk}/")
    number = order.meta["icp_number"]
    assert re.fullmatch(r"浙ICP备\d{10}号", number) and number in page.locator("#approved").inner_text()
    page.shots("approved")


def test_a_passport_holding_principal_s_order_needs_only_the_website_principal_s_check(
        live_server, browser, page, playwright_instance, files, request):
    base = live_server.url
    passport = {"subject.principal.name": "JOHN SMITH", "subject.principal.cert_type": "passport",
                "subject.principal.cert_number": "E12345678", "subject.principal.cert_valid_until": "2030-01-01"}
    company = ("91330106MA2GL0XX7U", "杭州示例科技有限公司", "JOHN SMITH")
    account, instances, reviewer = _accounts("passport@example.com", company)
    seed_identity(name=SITE_PERSON.name, cert_number=SITE_PERSON.cert_number, portrait="grace_hopper")
    login(page, base, "passport@example.com")
    _to_materials(page, base, company=company, domain="passport-owner.com", instance=instances[0].instance_id,
                  mobile="13600023456", shot="passport", principal=passport, website={
                      "name": SITE_PERSON.name, "cert_type": "resident_id", "cert_number": SITE_PERSON.cert_number,
                      "cert_valid_until": SITE_PERSON.valid_until.isoformat(), "mobile": "13600023457",
                      "contact2": "13600023458", "emergency_mobile": "13600023459", "email": "site@example.com"})
    order = Order.objects.get(account=account)
    upload_all(page)
    page.shots("materials")

    # The passport holder is told they need no face check; the website principal must do theirs.
    subject = page.locator('.person[data-person="subject_principal"]')
    assert subject.get_attribute("data-must") == "0"
    assert "非中国大陆居民，无需人脸核验" in subject.inner_text()
    site = page.locator('.person[data-person="websites[0].principal"]')
    assert site.get_attribute("data-must") == "1" and "现场人脸与公安库比对" in site.inner_text()
    _submit(page, base, order)
    assert f"以下人员尚未完成真实性核验：网站1负责人 {SITE_PERSON.name}。" in page.inner_text("#form-error")
    assert "JOHN SMITH" not in page.inner_text("#form-error")

    # Only the website principal verifies; the order is submitted and the reviewer sends it on.
    _verify_on_phone(page, base, order, "websites[0].principal", playwright_instance, files, "site", request)
    _submit(page, base, order)
    page.wait_for_selector("#state")
    order.refresh_from_db()
    assert order.state == states.PROVIDER_REVIEW
    assert set(FaceAttempt.objects.filter(order=order).values_list("person", flat=True)) == {"websites[0].principal"}
    section = _approve(browser, base, reviewer.username, order, page.shots)
    assert "无需核验" in section
    order.refresh_from_db()
    assert order.state in (states.PENDING_MINISTRY, states.SMS_VERIFICATION)
