"""Issue 12, finding 10 in Chromium: every main page of both services under their Content-Security-Policy at
1366x768 (the phone page also at 375x812) reports no policy violation and no console error, and the controls
whose handlers moved out of the templates (confirm dialogs, opening a section, selecting a link, the one-click
fix, tabs, the SMS countdown) still work."""

import functools
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from beian import demo_data as data
from beian.filings import states
from beian.filings.demo import seed_demo
from beian.filings.models import Order
from beian.verification import services as phone

from .conftest import Shots, launch_with_args

pytestmark = pytest.mark.django_db(transaction=True)
DESKTOP, PHONE = {"width": 1366, "height": 768}, {"width": 375, "height": 812}
REPORT = """document.addEventListener("securitypolicyviolation", (e) => window.__cspViolation(
  [e.effectiveDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber, (e.sample || "").slice(0, 60)].join(" | ")));"""


class Watched:
    """A page whose policy violations, console errors and uncaught exceptions are collected across navigations,
    and whose documents must each carry a Content-Security-Policy header."""

    def __init__(self, browser, request, viewport, name, permissions=()):
        self.context = browser.new_context(locale="zh-CN", viewport=viewport, is_mobile=viewport["width"] < 500,
                                           has_touch=viewport["width"] < 500, permissions=list(permissions))
        self.context.set_default_timeout(30_000)
        self.problems: list[str] = []
        self.context.expose_function("__cspViolation", lambda text: self.problems.append("csp: " + text))
        self.context.add_init_script(REPORT)
        self.page = self.context.new_page()
        self.page.shots = Shots(self.page, f"{request.node.name}-{name}")
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.problems.append(f"exception: {exc}"))
        self.page.on("response", self._response)
        self.expected_status: dict[str, int] = {}

    def _console(self, message):
        if message.type != "error":
            return
        # Chromium logs a document's own 4xx status; the error page is meant to have one.
        if message.text.startswith("Failed to load resource") and message.location.get("url") in self.expected_status:
            return
        self.problems.append(f"console: {message.text} @ {message.location.get('url')}")

    def _response(self, response):
        if response.request.resource_type != "document":
            return
        header = response.headers.get("content-security-policy", "")
        if not header or "unsafe-inline" in header:
            self.problems.append(f"policy: {response.url} sends {header!r}")

    def visit(self, url: str, shot: str, status: int = 200):
        if status != 200:
            self.expected_status[url] = status
        response = self.page.goto(url)
        assert response.status == status, (url, response.status)
        self.settle(shot)

    def settle(self, shot: str):
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(150)  # a violation event is dispatched asynchronously
        self.page.shots(shot)
        assert not self.problems, (self.page.url, self.problems)


@pytest.fixture
def watch(browser, request):
    opened = []

    def open_page(viewport=DESKTOP, name="desktop", on=None, permissions=()):
        watched = Watched(on or browser, request, viewport, name, permissions)
        opened.append(watched)
        return watched

    yield open_page
    for watched in opened:
        watched.context.close()


def shot_on_failure(test):
    @functools.wraps(test)
    def run(*args, **kwargs):
        opened = []
        original = kwargs["watch"]

        def recording(*a, **k):
            opened.append(original(*a, **k))
            return opened[-1]

        kwargs["watch"] = recording
        try:
            return test(*args, **kwargs)
        except BaseException:
            for watched in opened:
                watched.page.shots("failure")
            raise

    return run


def _login(w, base, email, password):
    w.page.goto(base + "/accounts/login/")
    w.page.fill("#id_username", email)
    w.page.fill("#id_password", password)
    w.page.click("button[type=submit]")
    w.page.wait_for_load_state("load")


def _pk(reference):
    return Order.objects.get(reference=reference).pk


@shot_on_failure
def test_public_pages_comply(live_server, watch):
    w, base = watch(), live_server.url
    w.visit(base + "/", "home")
    w.visit(base + "/accounts/login/", "login")
    w.visit(base + "/accounts/register/", "register")
    w.visit(base + "/accounts/password_reset/", "password-reset")
    w.visit(base + "/precheck/", "precheck-form")
    w.page.click("#tab-json")  # the tabs
    w.page.wait_for_url(re.compile(r"mode=json"))
    w.page.click("#load-sample")
    w.page.click("#check-json")
    w.page.wait_for_selector("#precheck-result")
    w.settle("precheck-json-result")
    w.page.click("#tab-form")
    w.page.click("#form-sample")
    w.page.wait_for_load_state("load")
    w.page.click("#check")
    w.page.wait_for_selector("#precheck-result")
    w.settle("precheck-form-result")
    w.visit(base + "/no-such-page/", "error-404", status=404)
    w.expected_status[base + "/favicon.ico"] = 404  # Django's admin names no icon; the browser asks anyway
    w.visit(base + "/django-admin/login/", "admin-login")
    w.visit(base + "/api/docs", "api-docs")
    w.page.click(".opblock-summary")  # an operation's body: schemas, examples, highlighted code
    w.page.click(".try-out__btn")
    w.page.wait_for_selector(".opblock-body textarea")
    w.settle("api-docs-operation")


@shot_on_failure
def test_applicant_pages_and_moved_handlers_work(live_server, watch):
    seed_demo(verify_faces=False)
    w, base = watch(), live_server.url
    _login(w, base, *data.APPLICANT)
    w.visit(base + "/orders/", "orders")
    draft = _pk("BA20260101900001")
    for step in ("basic", "product", "subject", "websites", "confirm"):
        w.visit(f"{base}/orders/{draft}/{step}/", f"step-{step}")

    # The one-click fix: a subdomain at step one offers its registrable domain; one click puts it in.
    w.page.goto(f"{base}/orders/{draft}/basic/")
    w.page.fill('[name="websites[0].domains[0]"]', "www.pujiang-fix.com")
    w.page.click("#check")
    w.page.wait_for_selector('[data-field="websites[0].domains[0]"] [data-fix-for]')
    w.page.click('[data-field="websites[0].domains[0]"] [data-fix-for]')
    w.page.wait_for_function(
        "() => document.querySelector('[name=\"websites[0].domains[0]\"]').value === 'pujiang-fix.com'")
    w.settle("one-click-fix")

    # The materials step with a QR code; clicking the link selects it for copying.
    materials = _pk("BA20260101900002")
    w.visit(f"{base}/orders/{materials}/materials/", "materials")
    w.page.locator(".make-link").first.click()
    w.page.wait_for_selector(".qr svg")
    w.settle("materials-qr")
    w.page.locator(".phone-url").first.click()
    selected = w.page.evaluate("(() => { const i = document.querySelector('.phone-url');"
                               " return i.value.substring(i.selectionStart, i.selectionEnd); })()")
    assert selected.startswith(base + "/m/"), selected

    # The SMS countdown runs from a static script.
    sms = _pk("BA20260101900006")
    deadline = (timezone.now() + timedelta(hours=23)).isoformat()
    Order.objects.filter(pk=sms).update(meta={**Order.objects.get(pk=sms).meta, "sms_deadline": deadline})
    w.visit(f"{base}/orders/{sms}/", "progress-sms")
    w.page.wait_for_function("() => /小时/.test(document.getElementById('sms-countdown').textContent)")

    # Cancelling asks first: dismissing keeps the order, accepting cancels it.
    w.visit(f"{base}/orders/{draft}/", "progress-draft")
    dialogs = []
    w.page.once("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    w.page.click("#cancel")
    w.page.wait_for_timeout(300)
    assert dialogs and "取消" in dialogs[0]
    assert Order.objects.get(pk=draft).state == states.DRAFT
    w.page.once("dialog", lambda d: d.accept())
    w.page.click("#cancel")
    w.page.wait_for_load_state("load")
    w.settle("cancelled")
    assert Order.objects.get(pk=draft).state == states.CANCELLED

    w.visit(base + "/notifications/", "inbox")
    w.visit(base + "/notifications/sink/", "sink")
    w.visit(base + "/notifications/settings/", "notification-settings")
    w.visit(base + "/products/instances/", "instances")
    w.visit(base + "/products/service-numbers/", "service-numbers")


@shot_on_failure
def test_phone_page_with_its_camera_complies(live_server, watch, playwright_instance):
    """The camera (a MediaStream), the frames it captures (canvas, blob:) and the htmx status polling."""
    seeded = seed_demo(verify_faces=False)
    order = Order.objects.get(reference="BA20260101900002")
    person = phone.people(order)[0]["person"]
    _link, token = phone.create_link(order=order, person=person, user=seeded["accounts"]["demo"])
    url = f"{live_server.url}/m/{token}/"
    watch().visit(url, "phone-page")
    samples = Path(settings.DATA_DIR) / "samples"
    camera = launch_with_args(playwright_instance, [
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={samples / 'camera-陈明-turning.y4m'}"])
    try:
        w = watch(PHONE, "phone", on=camera, permissions=["camera"])
        w.visit(url, "phone-page")
        for side, name in (("front", "陈明-身份证人像面.jpg"), ("back", "陈明-身份证国徽面.jpg")):
            slot = w.page.locator(f'.slot[data-side="{side}"]')
            slot.locator("input[type=file]").set_input_files(str(samples / name))
            slot.locator("button[type=submit]").click()
            w.page.wait_for_load_state("load")
        w.page.wait_for_selector('#status[data-pending="0"]')
        w.settle("uploaded")
        w.page.click("#start-face")
        w.page.wait_for_selector('#face-outcome:not([data-status="pending"]):not([data-status="none"])',
                                 timeout=60_000)
        w.settle("face-result")
        assert w.page.get_attribute("#face-outcome", "data-status") == "passed", w.page.inner_text("#face-result")
    finally:
        camera.close()


@shot_on_failure
def test_reviewer_console_and_its_confirm_dialogs(live_server, watch):
    seed_demo(verify_faces=False)
    w, base = watch(), live_server.url
    _login(w, base, *data.REVIEWER)
    w.visit(base + "/review/", "queue")
    pk = _pk("BA20260101900003")
    w.visit(f"{base}/review/{pk}/", "order")
    w.page.click("#claim")
    w.page.wait_for_load_state("load")
    w.settle("claimed")
    # A field decision goes through htmx (its fragment swapped in, no indicator style injected).
    row = w.page.locator("tr.field-row").first
    path = row.get_attribute("data-path")
    row.locator("button.approve").click()
    w.page.wait_for_selector(f'tr[data-path="{path}"] .field-decision .badge.ok')
    w.settle("field-approved")

    dialogs = []
    w.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    w.page.click("#approve")
    w.page.wait_for_timeout(300)
    assert len(dialogs) == 1, dialogs
    assert Order.objects.get(pk=pk).state == states.PROVIDER_REVIEW

    w.page.click("#open-supplement")
    assert w.page.evaluate("document.getElementById('supplement').open")
    w.page.fill("#details", "请补充")
    w.page.click("#request-supplement")
    w.page.wait_for_timeout(300)
    assert len(dialogs) == 2, dialogs
    assert Order.objects.get(pk=pk).state == states.PROVIDER_REVIEW
    w.settle("dialogs-dismissed")


@shot_on_failure
def test_simulator_pages_comply(simulator, watch):
    w, base = watch(), simulator.url
    w.visit(base + "/", "sim-home")
    w.visit(base + "/sms/", "sim-sms")
    w.page.fill("#code", "000000")
    w.page.fill("#mobile", "13800000000")
    w.page.fill("#cert_last6", "000000")
    w.page.click("#verify")
    w.page.wait_for_selector("#sms-result")
    w.settle("sim-sms-result")
    w.visit(base + "/sms/outbox/", "sim-outbox")
    w.visit(base + "/query/?q=example.com", "sim-query")
    w.visit(base + "/bureau/", "sim-bureau-login")
    w.page.fill("#u", data.BUREAU[0])
    w.page.fill("#p", data.BUREAU[1])
    w.page.click("button[type=submit]")
    w.page.wait_for_selector("#pending")
    w.settle("sim-bureau")
    w.visit(base + "/no-such-page/", "sim-404", status=404)
