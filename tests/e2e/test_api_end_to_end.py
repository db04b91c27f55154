"""Issue 16's done-when: an order filed by API only, over real HTTP (httpx against the live server, as docs/api.md
shows), from nothing to its ICP number. The only person in the loop is the principal, who opens the phone link the
API hands out on a phone and passes the face check; the provider's reviewer approves in the console and the
ministry simulator (another process, over HTTP) sends the SMS and decides. A webhook receiver on loopback gets a
signed event for every state the order passes through."""

import hashlib
import hmac
import json
import re

import httpx
import pytest
from PIL import Image

from beian.documents.portraits import portrait_paths
from beian.filings import states
from beian.filings.models import Order, OrderEvent
from beian.notifications.models import SmsRecord
from beian.verification import synthetic_video as video
from tests.api.individual import hangzhou_person, id_photos, individual_application, prepare
from tests.documents.apk_factory import make_apk
from tests.webhooks.conftest import receiver  # noqa: F401 - the fixture: a real HTTP receiver on 127.0.0.1

from .conftest import phone_browser
from .filing_kinds_support import mobile, reviewer, reviewer_approves, to_result, unique

pytestmark = pytest.mark.django_db(transaction=True)


def _signed(secret: str, request) -> bool:
    """docs/api.md's check, on what the receiver got."""
    timestamp = request.headers["X-Beian-Timestamp"]
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, request.headers["X-Beian-Signature"].removeprefix("v1="))


def test_an_order_is_filed_by_api_only(live_server, browser, playwright_instance, ministry, receiver,  # noqa: F811
                                       tmp_path, request):
    n = unique()
    person, domain, phone = hangzhou_person(n), f"api-e2e-{n}.com", mobile(n, "135")
    account, instance, key = prepare(n, person, domain)
    api = httpx.Client(base_url=f"{live_server.url}/api/v1", headers={"Authorization": f"Bearer {key}"}, timeout=60)

    # A webhook for every event, on a real receiver.
    hook = api.post("/webhooks", json={"url": receiver.hook(), "events": ["order.created", "order.state_changed",
                                                                        "order.approved"]})
    assert hook.status_code == 201, hook.text
    secret = hook.json()["secret"]

    # 1. Create, idempotently: a retry returns the same order; the same key with another body is refused.
    application = individual_application(person, domain, phone)
    body = {"province": "浙江", "application": application}
    created = api.post("/orders", json=body, headers={"Idempotency-Key": f"panel-{n}"})
    assert created.status_code == 201, created.text
    reference = created.json()["reference"]
    retry = api.post("/orders", json=body, headers={"Idempotency-Key": f"panel-{n}"})
    assert retry.status_code == 200 and retry.json()["reference"] == reference
    assert retry.headers["Idempotent-Replayed"] == "true"
    other = api.post("/orders", json={**body, "province": "江苏"}, headers={"Idempotency-Key": f"panel-{n}"})
    assert other.status_code == 409 and other.json()["code"] == "idempotency_conflict"
    assert Order.objects.filter(account=account).count() == 1
    order = Order.objects.get(reference=reference)

    # 2. Fill each step as the wizard would; every answer carries the version the next one must name.
    ref = f"/orders/{reference}"
    version = created.json()["version"]
    subject = api.put(f"{ref}/subject", json={"version": version, "subject": application["subject"]})
    assert subject.status_code == 200, subject.text
    sites = api.put(f"{ref}/websites", json={"version": subject.json()["version"], "websites": application["websites"]})
    assert sites.status_code == 200, sites.text
    # An Android APP beside the website (issue 17): its values read from the signed APK the panel uploads.
    apps = api.put(f"{ref}/apps", json={"version": sites.json()["version"], "apps": [{
        "name": "读书随笔", "content": "其他", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
        "platforms": [{"platform": "android"}], "domains": [f"api.{domain}"], "principal": None}]})
    assert apps.status_code == 422 and {f["code"] for f in apps.json()["details"]["findings"]} >= {
        "APP_PACKAGE_INVALID", "APP_SIGNATURE_INVALID"}, apps.text  # nothing typed yet: the file fills the row
    apk, read = make_apk(f"com.reader{n}.notes", v1=True, v2=True)
    signing = api.post(f"{ref}/apps/0/platforms/0/signing-file",
                       files={"file": ("notes-release.apk", apk, "application/vnd.android.package-archive")})
    assert signing.status_code == 200, signing.text
    assert signing.json()["read"]["md5"] == read["md5"] == signing.json()["platform"]["signature"]
    assert api.get(f"{ref}/steps/apps").json()["findings"] == []
    product = api.put(f"{ref}/product", json={"version": signing.json()["version"],
                                              "websites": [{"instance_id": instance.instance_id}],
                                              "apps": [{"instance_id": instance.instance_id}]})
    assert product.status_code == 200, product.text
    assert api.post(f"{ref}/mobile/send-code").status_code == 200
    sms = SmsRecord.objects.filter(SmsRecord.for_mobile(phone)).order_by("-pk").first()
    code = re.search(r"验证码为(\d{6})", sms.body).group(1)
    assert api.post(f"{ref}/mobile/verify", json={"code": code}).status_code == 200

    # 3. Upload the ID card the principal photographed (multipart), slot by slot as the listing names them.
    photos = id_photos(person)
    slots = [s["slot"] for s in api.get(f"{ref}/materials").json()["slots"] if s["required"]]
    assert slots == ["principal_id:subject_principal:front", "principal_id:subject_principal:back"], slots
    for slot in slots:
        side = slot.rsplit(":", 1)[1]
        done = api.post(f"{ref}/materials/{slot}", files={"file": (f"id-{side}.jpg", photos[side], "image/jpeg")})
        assert done.status_code == 201, done.text

    # Submitting before the person verified is refused, naming who must.
    early = api.post(f"{ref}/submit", json={"agreement_accepted": True})
    assert early.status_code == 422 and early.json()["code"] == "verification_required", early.text

    # 4. The phone link goes to the person, who opens it on a phone and passes the face check.
    link = api.get(f"{ref}/phone-link", params={"person": "subject_principal"})
    assert link.status_code == 200, link.text
    assert person.name not in link.text  # the name is masked in the API's answer
    camera = tmp_path / "hopper.y4m"
    video.write_y4m(video.turning_frames(Image.open(portrait_paths()["grace_hopper"]), count=30), camera)
    phone_browser_, page = phone_browser(playwright_instance, camera, request)
    try:
        page.goto(link.json()["url"])
        page.click("#start-face")
        page.wait_for_selector('#face-outcome:not([data-status="pending"]):not([data-status="none"])', timeout=90_000)
        assert page.get_attribute("#face-outcome", "data-status") == "passed", page.inner_text("#face-result")
    finally:
        phone_browser_.close()

    # 5. Submit; the reviewer approves in the console; the ministry sends its SMS and decides.
    submitted = api.post(f"{ref}/submit", json={"agreement_accepted": True})
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["state"] == states.PROVIDER_REVIEW
    staff = f"reviewer-api-{n}@example.com"
    reviewer(staff)
    reviewer_approves(browser, live_server.url, staff, Order.objects.get(pk=order.pk), lambda *a: None)
    order = to_result(ministry, Order.objects.get(pk=order.pk))
    assert order.state == states.APPROVED

    # 6. The number, read back by API.
    answer = api.get(ref).json()
    assert answer["state"] == states.APPROVED
    assert answer["icp"]["subject_number"] == order.meta["icp_number"]
    assert re.fullmatch(r"浙ICP备\d{8,10}号-1", answer["icp"]["website_numbers"][domain])
    assert answer["icp"]["app_numbers"] == [f"{order.meta['icp_number']}-1A"], answer["icp"]
    history = [e["to_state"] for e in api.get(f"{ref}/events").json()["items"] if e["kind"] == "transition"]
    assert set(history) >= {states.PROVIDER_REVIEW, states.BUREAU_REVIEW, states.APPROVED}, history

    # 7. One signed event per state the order passed through, the number in order.approved.
    events = [json.loads(r.body) for r in receiver.requests]
    assert all(_signed(secret, r) for r in receiver.requests)
    assert [e["data"]["order"]["reference"] for e in events if e["type"] == "order.created"] == [reference]
    passed = list(OrderEvent.objects.filter(order=order, kind="transition").order_by("at", "pk")
                  .values_list("to_state", flat=True))
    told = [e["data"]["order"]["state"] for e in events if e["type"] == "order.state_changed"]
    assert told == passed, (told, passed)  # in order: each state is told before the one after it
    assert {states.PROVIDER_REVIEW, states.PENDING_MINISTRY, states.BUREAU_REVIEW, states.APPROVED} <= set(told)
    approved = [e for e in events if e["type"] == "order.approved"]
    assert len(approved) == 1 and approved[0]["data"]["order"]["icp_number"] == order.meta["icp_number"]
    assert person.cert_number not in json.dumps(events, ensure_ascii=False)
