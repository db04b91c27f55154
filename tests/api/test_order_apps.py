"""Issue 17: an order's APPs through the API — PUT …/apps (the wizard's APP reader, findings like the websites step),
a platform row's signing file (POST …/apps/{i}/platforms/{j}/signing-file), an APP's access at …/product, an
APP-only order created, filled and submitted, an agent acting for its customer."""

import copy
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from beian.agents import services as agents
from beian.filings import states
from beian.filings.demo import seed_products
from beian.filings.models import Order
from beian.notifications.models import SmsRecord
from tests.api.support import body, key, user
from tests.documents.apk_factory import make_apk, make_certificate
from tests.e2e.filing_kinds_support import unique
from tests.verification.support import pass_verification
from tests.wizard.support import image_bytes

pytestmark = pytest.mark.django_db

ANDROID_MD5 = "9F:1A:2B:3C:4D:5E:6F:70:81:92:A3:B4:C5:D6:E7:7C"
IOS_SHA1 = "3b 5c 00 11 22 33 44 55 66 77\n88 99 aa bb cc dd ee ff 00 e1"
KEY_HEX = "30:82:01:22:30:0d:06:09:2a:86:48:86:f7:0d:01:01:01:05:00:03:82:01:0f:00"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


class Api:
    def __init__(self, raw: str, customer=None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw}"}
        if customer is not None:
            self.headers["Beian-Customer"] = str(customer)

    def get(self, path):
        return self.client.get(f"/api/v1{path}", headers=self.headers)

    def post(self, path, data=None, **headers):
        return self.client.post(f"/api/v1{path}", data or {}, content_type="application/json",
                                headers={**self.headers, **headers})

    def put(self, path, data, **headers):
        return self.client.put(f"/api/v1{path}", data, content_type="application/json",
                               headers={**self.headers, **headers})

    def send_file(self, path, name, data, **headers):
        return self.client.post(f"/api/v1{path}", {"file": SimpleUploadedFile(name, data)},
                                headers={**self.headers, **headers})


def app(name="示例商城", *platforms, domains=("api.example-shop.com",), principal=None) -> dict:
    rows = [{"platform": p, "package_name": pkg, "public_key": k, "signature": s} for p, pkg, k, s in platforms] or \
        [{"platform": "android", "package_name": "com.example.shop", "public_key": KEY_HEX, "signature": ANDROID_MD5}]
    return {"name": name, "content": "其他", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
            "platforms": rows, "domains": list(domains), "principal": principal}


def _subject(application):
    subject = application["subject"]
    return {k: subject.get(k) or "" for k in ("mailing_address", "investor", "remark")} | {
        "principal": {k: subject["principal"].get(k) or "" for k in (
            "name", "cert_type", "cert_number", "cert_valid_until", "mobile", "contact2", "emergency_mobile", "email")}}


def _codes(response) -> dict[str, str]:
    return {f["path"]: f["code"] for f in response.json()["details"]["findings"]}


def _fresh(ref) -> Order:
    return Order.objects.get(reference=ref)


@pytest.fixture
def owner():
    n = unique()
    account = user(f"apps-{n}@example.com")
    return {"n": n, "account": account, "key": key(account), "instances": seed_products(account, prefix=f"ap{n}")}


def _create(api, *, websites=True, n=None):
    payload, n = body(n)
    application = payload["application"]
    if not websites:
        del application["websites"]
        application["apps"] = [app()]
    created = api.post("/orders", payload)
    assert created.status_code == 201, created.content
    return created.json(), application


def test_an_app_only_order_is_created_filled_and_submitted_through_the_api(owner, django_capture_on_commit_callbacks):
    api = Api(owner["key"])
    order, application = _create(api, websites=False)
    ref = f"/orders/{order['reference']}"
    saved = _fresh(order["reference"])
    assert saved.application["websites"] == [] and saved.application["apps"][0]["name"] == "示例商城"
    assert saved.kind == "first"

    # 主体信息 and its SMS code, as for a website.
    assert api.put(f"{ref}/subject", {"subject": _subject(application)}).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post(f"{ref}/mobile/send-code").status_code == 200
    phone = application["subject"]["principal"]["mobile"]
    code = re.search(r"验证码为(\d{6})", SmsRecord.objects.filter(SmsRecord.for_mobile(phone)).last().body).group(1)
    assert api.post(f"{ref}/mobile/verify", {"code": code}).status_code == 200

    # APPs: an Android + iOS APP; a wrong iOS fingerprint is the engine's finding at its path, the rest is saved.
    bad = app("示例商城", ("android", "com.example.shop", KEY_HEX, ANDROID_MD5), ("ios", "com.example.shop", KEY_HEX, "3B5C"))
    refused = api.put(f"{ref}/apps", {"version": _fresh(order["reference"]).version, "apps": [bad]})
    assert refused.status_code == 422 and refused.json()["code"] == "step_has_errors"
    assert _codes(refused) == {"apps[0].platforms[1].signature": "APP_SIGNATURE_INVALID"}
    assert refused.json()["details"]["step"] == "apps"
    rows = _fresh(order["reference"]).application["apps"][0]["platforms"]
    assert [r["platform"] for r in rows] == ["android", "ios"]
    assert rows[0]["signature"] == "9F1A2B3C4D5E6F708192A3B4C5D6E77C", "pasted with colons, stored as hex"
    assert rows[0]["public_key"] == KEY_HEX.replace(":", "").upper()

    good = app("示例商城", ("android", "com.example.shop", KEY_HEX, ANDROID_MD5), ("ios", "com.example.shop", KEY_HEX, IOS_SHA1))
    done = api.put(f"{ref}/apps", {"apps": [good]}, **{"If-Match": str(refused.json()["details"]["version"])})
    assert done.status_code == 200, done.content
    assert done.json()["findings"] == [] and done.json()["step"] == "apps"
    ios = _fresh(order["reference"]).application["apps"][0]["platforms"][1]
    assert ios["signature"] == "3B5C00112233445566778899AABBCCDDEEFF00E1", "spaces and a line break are taken out"
    assert api.get(f"{ref}/steps/apps").json()["findings"] == []

    # 产品验证: the APP's instance (websites: none).
    product = api.put(f"{ref}/product", {"apps": [{"instance_id": owner["instances"][0].instance_id}]})
    assert product.status_code == 200, product.content
    assert _fresh(order["reference"]).application["apps"][0]["access"]["ip"] == owner["instances"][0].public_ip
    # A later product call about websites only keeps the APP's access.
    assert api.put(f"{ref}/product", {"websites": []}).status_code == 200
    assert _fresh(order["reference"]).application["apps"][0]["access"]["ip"] == owner["instances"][0].public_ip

    listing = api.get(f"{ref}/materials").json()
    for slot in [s["slot"] for s in listing["slots"] if s["required"]]:
        assert api.client.post(f"/api/v1{ref}/materials/{slot}", {"file": SimpleUploadedFile("x.png", image_bytes())},
                               headers=api.headers).status_code == 201
    pass_verification(_fresh(order["reference"]))
    submitted = api.post(f"{ref}/submit", {"agreement_accepted": True})
    assert submitted.status_code == 200, submitted.content
    assert _fresh(order["reference"]).state == states.PROVIDER_REVIEW


def test_apps_are_added_removed_and_their_platform_rows_follow_the_list(owner):
    api = Api(owner["key"])
    order, _ = _create(api)
    ref = f"/orders/{order['reference']}"
    two = [app("示例商城", ("android", "com.example.shop", KEY_HEX, ANDROID_MD5), ("ios", "com.example.shop", KEY_HEX, IOS_SHA1)),
           app("示例工具", ("harmony", "com.example.tool", KEY_HEX, "A" * 64), domains=(), principal={
               "name": "李四", "cert_type": "resident_id", "cert_number": "330106199202023456", "cert_valid_until": "长期",
               "mobile": "13700000001", "contact2": "13700000002", "emergency_mobile": "13700000003",
               "email": "lisi@example.com"})]
    first = api.put(f"{ref}/apps", {"apps": two})
    assert first.status_code in (200, 422), first.content
    apps = _fresh(order["reference"]).application["apps"]
    assert [a["name"] for a in apps] == ["示例商城", "示例工具"]
    assert apps[1]["principal"]["name"] == "李四" and apps[1]["domains"] == []
    assert apps[0]["principal"] is None
    # The answer is masked like the websites step's.
    answered = (first.json() if first.status_code == 200 else first.json()["details"])["application"]["apps"][1]
    assert answered["principal"]["mobile"] == "137****0001"
    # The websites step answers for the websites only: the order's APPs do not block it.
    assert all(not f["path"].startswith("apps[") for f in api.get(f"{ref}/steps/websites").json()["findings"])

    # Drop the iOS row of the first APP and the second APP: only what is listed stays.
    one = api.put(f"{ref}/apps", {"apps": [app("示例商城", ("android", "com.example.shop", KEY_HEX, ANDROID_MD5))]})
    assert one.status_code == 200, one.content
    apps = _fresh(order["reference"]).application["apps"]
    assert len(apps) == 1 and [r["platform"] for r in apps[0]["platforms"]] == ["android"]

    # Fields not sent keep what is saved (a name-only update).
    assert api.put(f"{ref}/apps", {"apps": [{"name": "示例商城Pro"}]}).status_code == 200
    kept = _fresh(order["reference"]).application["apps"][0]
    assert kept["name"] == "示例商城Pro" and kept["platforms"][0]["package_name"] == "com.example.shop"
    assert kept["domains"] == ["api.example-shop.com"]

    # A deeper-than-third-level domain is the engine's finding at its index.
    deep = api.put(f"{ref}/apps", {"apps": [{"domains": ["a.b.c.example.com"]}]})
    assert deep.status_code == 422 and _codes(deep) == {"apps[0].domains[0]": "APP_DOMAIN_INVALID"}

    # With a website the APPs may all go; the websites may go once there is an APP; never both.
    assert api.put(f"{ref}/apps", {"apps": []}).status_code == 200
    assert _fresh(order["reference"]).application["apps"] == []
    empty = api.put(f"{ref}/websites", {"websites": []})
    assert empty.status_code == 422 and empty.json()["code"] == "websites_empty"
    assert api.put(f"{ref}/apps", {"apps": [app()]}).status_code == 200
    assert api.put(f"{ref}/websites", {"websites": []}).status_code == 200
    assert _fresh(order["reference"]).application["websites"] == []
    last = api.put(f"{ref}/apps", {"apps": []})
    assert last.status_code == 422 and last.json()["code"] == "services_empty"
    assert len(_fresh(order["reference"]).application["apps"]) == 1

    # 基础信息 of an APP-only order keeps it APP-only (服务类型 follows the order) …
    assert api.put(f"{ref}/basic", {"region": {"district": "滨江区"}}).status_code in (200, 422)
    assert _fresh(order["reference"]).application["websites"] == []
    # … and 服务类型 网站 with a domain brings a website back.
    back = api.put(f"{ref}/basic", {"service_kind": "website", "domain": "zj-apps-back.com"})
    assert back.status_code in (200, 422), back.content
    assert _fresh(order["reference"]).application["websites"][0]["domains"] == ["zj-apps-back.com"]

    # A stale version changes nothing.
    stale = api.put(f"{ref}/apps", {"version": 1, "apps": [{"name": "别的"}]})
    assert stale.status_code == 409 and stale.json()["code"] == "version_conflict"
    assert _fresh(order["reference"]).application["apps"][0]["name"] == "示例商城"


def test_a_signing_file_fills_its_platform_row_or_says_why_not(owner):
    api = Api(owner["key"])
    order, _ = _create(api)
    ref = f"/orders/{order['reference']}"
    typed = app("示例商城", ("android", "", "", ""), ("ios", "com.example.shop", "", ""))
    api.put(f"{ref}/apps", {"apps": [typed]})

    apk, expected = make_apk("com.example.realshop", v1=True, v2=True)
    read = api.send_file(f"{ref}/apps/0/platforms/0/signing-file", "shop-release.apk", apk)
    assert read.status_code == 200, read.content
    answer = read.json()
    assert answer["read"]["package_name"] == "com.example.realshop" and answer["read"]["md5"] == expected["md5"]
    assert answer["platform"]["signature"] == expected["md5"] and answer["path"] == "apps[0].platforms[0]"
    row = _fresh(order["reference"]).application["apps"][0]["platforms"][0]
    assert row["package_name"] == "com.example.realshop" and row["public_key"] == expected["public_key"]
    assert row["from_file"]["filename"] == "shop-release.apk" and len(row["from_file"]["sha256_file"]) == 64
    assert answer["version"] == _fresh(order["reference"]).version

    # An iOS certificate: its SHA-1, the typed Bundle ID kept.
    pem, cert = make_certificate(encoding="pem")
    ios = api.send_file(f"{ref}/apps/0/platforms/1/signing-file", "dist.pem", pem)
    assert ios.status_code == 200, ios.content
    row = _fresh(order["reference"]).application["apps"][0]["platforms"][1]
    assert row["signature"] == cert["sha1"] and row["package_name"] == "com.example.shop"

    # from_file survives a later PUT of the typed values (the reviewer compares them).
    api.put(f"{ref}/apps", {"apps": [{"name": "示例商城"}]})
    assert _fresh(order["reference"]).application["apps"][0]["platforms"][0]["from_file"]["md5"] == expected["md5"]

    # Refusals: the reader's stable code, the envelope, nothing changed.
    before = _fresh(order["reference"])
    for name, data, status, code in (("notes.apk", b"this is not an APK at all", 422, "signing_file_not_apk"),
                                     ("empty.apk", b"", 422, "signing_file_empty"),
                                     ("photo.cer", b"\x89PNG\r\n\x1a\n" + b"0" * 100, 422, "signing_file_bad_certificate")):
        refused = api.send_file(f"{ref}/apps/0/platforms/0/signing-file", name, data)
        assert (refused.status_code, refused.json()["code"]) == (status, code), refused.content
        assert refused.json()["details"]["path"] == "apps[0].platforms[0].file" and name in refused.json()["message"]
        assert refused.json()["request_id"]
    after = _fresh(order["reference"])
    assert after.version == before.version and after.application == before.application

    assert api.send_file(f"{ref}/apps/0/platforms/5/signing-file", "a.apk", apk).json()["code"] == "platform_not_found"
    assert api.send_file(f"{ref}/apps/-1/platforms/0/signing-file", "a.apk", apk).status_code == 404
    no_file = api.client.post(f"/api/v1{ref}/apps/0/platforms/0/signing-file", {}, headers=api.headers)
    assert no_file.status_code == 400 and no_file.json()["code"] == "no_file"
    stale = api.send_file(f"{ref}/apps/0/platforms/0/signing-file", "a.apk", apk, **{"If-Match": "1"})
    assert stale.status_code == 409 and stale.json()["code"] == "version_conflict"


def test_the_apps_routes_are_the_owners_and_need_orders_write(owner):
    api = Api(owner["key"])
    order, _ = _create(api)
    ref = f"/orders/{order['reference']}"
    api.put(f"{ref}/apps", {"apps": [app()]})
    apk, _ = make_apk("com.example.realshop", v1=True)
    before = _fresh(order["reference"])

    stranger = Api(key(user(f"apps-s-{owner['n']}@example.com")))
    assert stranger.put(f"{ref}/apps", {"apps": [app("别人的")]}).status_code == 404
    assert stranger.send_file(f"{ref}/apps/0/platforms/0/signing-file", "a.apk", apk).status_code == 404
    assert stranger.get(f"{ref}/steps/apps").status_code == 404
    reader = Api(key(owner["account"], scopes=["orders:read"], name="read-only"))
    assert reader.put(f"{ref}/apps", {"apps": [app("只读")]}).json()["code"] == "scope_missing"
    assert reader.send_file(f"{ref}/apps/0/platforms/0/signing-file", "a.apk", apk).json()["code"] == "scope_missing"
    assert Client().put(f"/api/v1{ref}/apps", {"apps": []}, content_type="application/json").status_code == 401
    assert _fresh(order["reference"]).application == before.application


def test_an_agent_fills_its_customers_apps_with_the_customer_header(owner):
    n = unique()
    agent = user(f"apps-agent-{n}@example.com")
    agents.make_agent(user=agent, name="渠道")
    customer = agents.create_customer(agent_user=agent, email=f"apps-c-{n}@example.com", name="客户").customer
    for_customer = Api(key(agent), customer=customer.pk)
    order, _ = _create(for_customer)
    assert Order.objects.get(reference=order["reference"]).account == customer
    ref = f"/orders/{order['reference']}"
    assert for_customer.put(f"{ref}/apps", {"apps": [app()]}).status_code == 200
    apk, expected = make_apk("com.example.agentshop", v1=True)
    assert for_customer.send_file(f"{ref}/apps/0/platforms/0/signing-file", "a.apk", apk).status_code == 200
    assert _fresh(order["reference"]).application["apps"][0]["platforms"][0]["package_name"] == "com.example.agentshop"
    # Without the header the agent's own account has no such order.
    assert Api(key(agent, name="own")).put(f"{ref}/apps", {"apps": [app()]}).status_code == 404


def test_a_created_order_with_websites_and_apps_keeps_both(owner):
    api = Api(owner["key"])
    payload, _ = body()
    payload = copy.deepcopy(payload)
    payload["application"]["apps"] = [app()]
    created = api.post("/orders", payload)
    assert created.status_code == 201, created.content
    saved = _fresh(created.json()["reference"]).application
    assert len(saved["websites"]) == 1 and saved["apps"][0]["platforms"][0]["platform"] == "android"


def test_the_signing_file_route_may_carry_an_apk_larger_than_other_requests(settings):
    from django.test import RequestFactory

    from beian.web.middleware import RequestSizeMiddleware

    settings.REQUEST_MAX_BYTES = 1000
    middleware = RequestSizeMiddleware(lambda request: "passed")
    big = {"CONTENT_LENGTH": str(5000)}
    route = "/api/v1/orders/BA20261130123456/apps/0/platforms/1/signing-file"
    assert middleware(RequestFactory().post(route, **big)) == "passed"
    assert middleware(RequestFactory().post("/api/v1/orders/BA20261130123456/materials/x:y", **big)).status_code == 413
    assert middleware(RequestFactory().post(route, CONTENT_LENGTH=str(settings.SIGNING_REQUEST_MAX_BYTES + 1))).status_code \
        == 413
