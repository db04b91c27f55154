"""Issue 5 in Chromium: the QR link opened in a phone-sized browser with a fake camera (.y4m)."""

import copy
import random
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from PIL import Image

from beian.documents import synthetic as syn
from beian.documents.portraits import portrait_paths
from beian.filings import states
from beian.filings.models import Order
from beian.filings.services import create_order
from beian.pii.mask import mask_cert, mask_name
from beian.registries.identity import seed_identity
from beian.verification import synthetic_video as video
from tests.rules.support import individual

from .conftest import phone_browser
from .wizard_helpers import login

pytestmark = pytest.mark.django_db(transaction=True)
PERSON = syn.random_person(random.Random(11), today=date(2026, 11, 1))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phone")
    hopper = Image.open(portrait_paths()["grace_hopper"])
    astronaut = Image.open(portrait_paths()["astronaut"])
    (folder / "front.jpg").write_bytes(syn.to_bytes(syn.photographed(syn.id_front(PERSON, hopper))))
    (folder / "back.jpg").write_bytes(syn.to_bytes(syn.photographed(syn.id_back(PERSON))))
    video.write_y4m(video.turning_frames(hopper, count=30), folder / "same.y4m")
    video.write_y4m(video.turning_frames(astronaut, count=30), folder / "other.y4m")
    video.write_y4m(video.still_frames(hopper, count=6), folder / "still.y4m")
    return folder


def _order(email, name=PERSON.name):
    account = get_user_model().objects.create_user(email, email, "Str0ng-pass-99")
    app = copy.deepcopy(individual())
    app.pop("context")
    app["subject"].update({"name": name, "cert_number": PERSON.cert_number, "investor": name,
                           "cert_address": ""})
    app["subject"]["principal"].update({"name": name, "cert_number": PERSON.cert_number, "cert_valid_until": ""})
    order = create_order(account=account, application=app)
    Order.objects.filter(pk=order.pk).update(state=states.MATERIALS)
    seed_identity(name=PERSON.name, cert_number=PERSON.cert_number, portrait="grace_hopper")
    return order


def _qr_link(page, base, order, email) -> str:
    login(page, base, email)
    page.goto(f"{base}/orders/{order.pk}/materials/")
    page.click("button.make-link")
    page.wait_for_selector("input.phone-url")
    assert page.locator(".qr svg").count() == 1
    page.shots("pc-qr")
    return page.input_value("input.phone-url")


def _upload(phone, side, path):
    slot = phone.locator(f'.slot[data-side="{side}"]')
    slot.locator("input[type=file]").set_input_files(str(path))
    slot.locator("button[type=submit]").click()
    phone.wait_for_load_state()


def _face(phone):
    phone.click("#start-face")
    phone.wait_for_selector('#face-outcome:not([data-status="pending"]):not([data-status="none"])', timeout=60_000)
    return phone.get_attribute("#face-outcome", "data-status"), phone.inner_text("#face-result")


def test_phone_upload_prefill_liveness_and_face_match(live_server, page, playwright_instance, files, request):
    order = _order("phone1@example.com")
    url = _qr_link(page, live_server.url, order, "phone1@example.com")
    browser, phone = phone_browser(playwright_instance, files / "same.y4m", request)
    try:
        phone.goto(url)
        phone.shots("opened")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling at 375 px
        _upload(phone, "front", files / "front.jpg")
        _upload(phone, "back", files / "back.jpg")
        phone.wait_for_selector('#status[data-pending="0"]')
        status = phone.inner_text("#status")
        assert PERSON.address in status and "已根据证件自动填写" in status
        # A phone link can be forwarded: the page shows the ID number and name it read only masked.
        assert mask_cert(PERSON.cert_number) in status and PERSON.cert_number not in status
        phone.shots("prefilled")
        outcome, text = _face(phone)
        phone.shots("face-result")
        assert outcome == "passed", text
        phone.reload()  # the link keeps working after a reload and remembers the result
        assert "人脸核验通过" in phone.inner_text("#face-result")
    finally:
        browser.close()
    order.refresh_from_db()
    assert order.application["subject"]["cert_address"] == PERSON.address
    page.goto(f"{live_server.url}/orders/{order.pk}/materials/")
    assert "人脸核验已通过" in page.inner_text(".people")
    page.shots("pc-after")


def test_another_persons_face_fails_then_manual_review(live_server, page, playwright_instance, files, request):
    order = _order("phone2@example.com")
    url = _qr_link(page, live_server.url, order, "phone2@example.com")
    browser, phone = phone_browser(playwright_instance, files / "other.y4m", request)
    try:
        phone.goto(url)
        _upload(phone, "front", files / "front.jpg")
        reasons = []
        for _ in range(3):
            outcome, text = _face(phone)
            assert outcome == "failed", text
            reasons.append(text)
            phone.shots("face-failed")
        # Every attempt fails. A starved CPU can make Chromium's fake camera repeat frames, so an attempt
        # may fail liveness first; the face itself must be refused as another person's at least once.
        assert any("人脸核验采集人脸与公安库不一致" in r for r in reasons), reasons
        assert all("人脸核验采集人脸与公安库不一致" in r or "活体检测未通过" in r for r in reasons), reasons
        phone.click("#request-manual")
        phone.wait_for_selector("#manual-status")
        assert "已申请人工审核" in phone.inner_text("#manual-status")
        phone.shots("manual-review")
    finally:
        browser.close()


def test_a_still_photo_fails_liveness(live_server, page, playwright_instance, files, request):
    order = _order("phone3@example.com")
    url = _qr_link(page, live_server.url, order, "phone3@example.com")
    browser, phone = phone_browser(playwright_instance, files / "still.y4m", request)
    try:
        phone.goto(url)
        outcome, text = _face(phone)
        phone.shots("liveness-failed")
        assert outcome == "failed" and "未检测到转头动作" in text
    finally:
        browser.close()


def test_a_revoked_link_says_so(live_server, page, phone_page):
    order = _order("phone4@example.com")
    url = _qr_link(page, live_server.url, order, "phone4@example.com")
    page.click("text=撤销链接")
    phone_page.goto(url)
    assert "链接已失效" in phone_page.inner_text("#token-error")
    phone_page.shots("revoked")


# Issue 11 item 11: the OCR table at 375 px, a failure after a pass, and a prompt that follows the attempt.

LINES = """(cell) => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
}"""


def _settled_prompt(phone) -> str:
    """The prompt once the attempt of this page has ended (passed, failed or error)."""
    phone.wait_for_selector("#face-prompt[data-status]", timeout=60_000)
    return phone.inner_text("#face-prompt")


def test_ocr_table_labels_stay_on_one_line_at_375(live_server, page, playwright_instance, files, request):
    order = _order("phone5@example.com", name="王小明")  # typed name differs: a long mismatch message
    url = _qr_link(page, live_server.url, order, "phone5@example.com")
    browser, phone = phone_browser(playwright_instance, files / "same.y4m", request)
    try:
        phone.goto(url)
        _upload(phone, "front", files / "front.jpg")
        _upload(phone, "back", files / "back.jpg")
        phone.wait_for_selector('#status[data-pending="0"]')
        phone.shots("ocr-table")
        assert mask_name("王小明") in phone.inner_text("#status")  # the typed name, masked as on the whole page
        labels = phone.locator("#status table.crosscheck td:first-child")
        assert labels.count() >= 3
        font = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('table.crosscheck td')).fontSize)")
        for i in range(labels.count()):
            cell = labels.nth(i)
            assert cell.evaluate(LINES) == 1, f"“{cell.inner_text()}” wraps"
            assert cell.bounding_box()["width"] > 2 * font, cell.inner_text()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    except BaseException:
        phone.shots("failure")
        raise
    finally:
        browser.close()


def test_a_failure_after_a_pass_shows_the_failure(live_server, page, playwright_instance, files, request):
    order = _order("phone6@example.com")
    url = _qr_link(page, live_server.url, order, "phone6@example.com")
    browser, phone = phone_browser(playwright_instance, files / "same.y4m", request)
    try:
        phone.goto(url)
        _upload(phone, "front", files / "front.jpg")
        phone.click("#start-face")
        assert _settled_prompt(phone) == "人脸核验通过"
        assert phone.get_attribute("#face-outcome", "data-status") == "passed"
        phone.shots("passed")
    except BaseException:
        phone.shots("failure")
        raise
    finally:
        browser.close()
    # Someone else tries on the same link: the page must not go on saying 通过.
    browser, phone = phone_browser(playwright_instance, files / "other.y4m", request)
    try:
        phone.goto(url)
        phone.click("#start-face")
        prompt = _settled_prompt(phone)
        phone.shots("then-failed")
        assert "正在核验" not in prompt and "人脸核验采集人脸与公安库不一致" in prompt
        assert phone.get_attribute("#face-outcome", "data-status") == "failed"
        assert "人脸核验通过" not in phone.inner_text("#face-result")
        assert phone.get_attribute("#status", "data-pending") == "0"  # nothing left polling
    except BaseException:
        phone.shots("failure")
        raise
    finally:
        browser.close()
    page.goto(f"{live_server.url}/orders/{order.pk}/materials/")
    assert "人脸核验已通过" not in page.inner_text(".people")


def test_the_prompt_says_when_the_request_fails(live_server, page, playwright_instance, files, request):
    order = _order("phone7@example.com")
    url = _qr_link(page, live_server.url, order, "phone7@example.com")
    browser, phone = phone_browser(playwright_instance, files / "same.y4m", request)
    try:
        phone.goto(url)
        phone.route("**/face/", lambda route: route.abort())  # the network drops the upload
        phone.click("#start-face")
        prompt = _settled_prompt(phone)
        phone.shots("network-error")
        assert "网络异常" in prompt and "正在" not in prompt
        assert phone.locator("#start-face").is_enabled()
    except BaseException:
        phone.shots("failure")
        raise
    finally:
        browser.close()
