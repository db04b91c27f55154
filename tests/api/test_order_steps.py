"""Issue 16 #3: an order filled step by step through the API, with the wizard's validation, concurrency and gate."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from beian.api.models import ApiToken
from beian.filings import states
from beian.filings.models import Order, OrderEvent
from beian.notifications.models import SmsRecord
from tests.verification.support import pass_verification
from tests.wizard.support import applicant_with_products, basic_post, image_bytes, setup_registry

pytestmark = pytest.mark.django_db

SUBJECT = {
    "mailing_address": "浙江省杭州市西湖区文三路100号8楼801室", "investor": "杭州示例科技有限公司", "remark": "",
    "principal": {"name": "张三", "cert_type": "resident_id", "cert_number": "33010619900101123X",
                  "cert_valid_until": "2035-01-01", "mobile": "13800000000", "contact2": "086-0571-88886666",
                  "emergency_mobile": "13900000000", "email": "zhangsan@example.com"},
}
SITE_PRINCIPAL = {"name": "李四", "cert_type": "resident_id", "cert_number": "330106199202023456",
                  "cert_valid_until": "长期", "mobile": "13700000001", "contact2": "13700000002",
                  "emergency_mobile": "13700000003", "email": "lisi@example.com"}


def _site(name, domain, principal=None):
    return {"name": name, "domains": [domain], "content": "单位门户网站", "service_type": "网站应用服务",
            "languages": ["中文简体"], "pre_approvals": [], "remark": "", "principal": principal}


class Api:
    """The test client with a bearer token: what a reseller's integration sends."""

    def __init__(self, raw: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw}"} if raw else {}

    def put(self, path, body, **headers):
        return self.client.put(f"/api/v1{path}", body, content_type="application/json",
                               headers={**self.headers, **headers})

    def post(self, path, body=None, **headers):
        return self.client.post(f"/api/v1{path}", body or {}, content_type="application/json",
                                headers={**self.headers, **headers})

    def upload(self, path, upload):
        return self.client.post(f"/api/v1{path}", {"file": upload}, headers=self.headers)

    def get(self, path):
        return self.client.get(f"/api/v1{path}", headers=self.headers)


@pytest.fixture
def world(client):
    setup_registry()
    account, instances = applicant_with_products()
    client.force_login(account)  # the order is created on the wizard's page (the API's create is issue 16's apiorders)
    assert client.post("/orders/new/", basic_post()).status_code == 302
    order = Order.objects.get(account=account)
    _, raw = ApiToken.issue(account=account, name="reseller")
    return Api(raw), account, instances, order


def _fresh(order) -> Order:
    return Order.objects.get(pk=order.pk)


def _codes(response) -> set[str]:
    return {f["code"] for f in response.json()["details"]["findings"]}


def test_an_order_is_filled_uploaded_and_submitted_through_the_api(world, django_capture_on_commit_callbacks):
    api, account, instances, order = world
    ref = f"/orders/{order.reference}"

    # 基础信息: the wizard's fields, saved, the kind still determined by the engine.
    basic = api.put(f"{ref}/basic", {"version": order.version, "region": {"district": "滨江区"}})
    assert basic.status_code == 200, basic.content
    assert basic.json()["kind"] == "first" and basic.json()["version"] == order.version + 1
    assert _fresh(order).application["region"]["district"] == "滨江区"

    # 产品验证: the instance's IP is attached, as on the page.
    product = api.put(f"{ref}/product", {"websites": [{"instance_id": instances[0].instance_id}]},
                      **{"If-Match": str(basic.json()["version"])})
    assert product.status_code == 200, product.content
    assert _fresh(order).application["websites"][0]["access"]["ip"] == instances[0].public_ip

    # 主体信息: a value the form cannot take keeps the saved one and comes back with its code; the rest is saved.
    bad = api.put(f"{ref}/subject", {"version": product.json()["version"],
                                     "subject": {**SUBJECT, "principal": {**SUBJECT["principal"],
                                                                          "cert_valid_until": "2035-13-45"}}})
    assert bad.status_code == 422 and bad.json()["code"] == "step_has_errors"
    assert "field_not_a_date" in _codes(bad)
    finding = next(f for f in bad.json()["details"]["findings"] if f["code"] == "field_not_a_date")
    assert finding["path"] == "subject.principal.cert_valid_until" and finding["message"]
    saved = _fresh(order)
    assert saved.version == bad.json()["details"]["version"]
    assert saved.application["subject"]["mailing_address"] == SUBJECT["mailing_address"]
    # The answer is masked: an integration's logs get no ID number or mobile.
    answered = bad.json()["details"]["application"]["subject"]["principal"]
    assert answered["cert_number"] == "3301**********123X" and answered["mobile"] == "138****0000"

    good = api.put(f"{ref}/subject", {"version": saved.version, "subject": SUBJECT})
    assert good.status_code == 200, good.content
    assert good.json()["mobile_verified"] is False and good.json()["findings"] == []

    # The principal's mobile is confirmed by its SMS code, as on the page.
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post(f"{ref}/mobile/send-code").status_code == 200
    code = re.search(r"验证码为(\d{6})", SmsRecord.objects.get(SmsRecord.for_mobile("13800000000")).body).group(1)
    assert api.post(f"{ref}/mobile/verify", {"code": "000000" if code != "000000" else "111111"}).json()["code"] \
        == "code_wrong"
    assert api.post(f"{ref}/mobile/verify", {"code": code}).status_code == 200

    # 网站信息: a second website with its own principal; then its access.
    version = _fresh(order).version
    sites = api.put(f"{ref}/websites", {"version": version, "websites": [
        _site("示例科技官方网站", "zj-demo-one.com"), _site("示例科技产品中心", "zj-demo-two.com", SITE_PRINCIPAL)]})
    assert sites.status_code == 200, sites.content
    app = _fresh(order).application
    assert [w["domains"] for w in app["websites"]] == [["zj-demo-one.com"], ["zj-demo-two.com"]]
    assert app["websites"][0]["principal"] is None and app["websites"][1]["principal"]["name"] == "李四"
    step = api.get(f"{ref}/steps/product").json()
    assert {f["code"] for f in step["findings"]} == {"ACCESS_MISSING"}  # the new website has none yet
    product = api.put(f"{ref}/product", {"version": sites.json()["version"],
                                         "websites": [None, {"instance_id": instances[1].instance_id}]})
    assert product.status_code == 200, product.content
    assert _fresh(order).application["websites"][1]["access"]["ip"] == instances[1].public_ip

    # 提交 before the materials: refused with what is missing, by code.
    refused = api.post(f"{ref}/submit", {"agreement_accepted": True})
    assert refused.status_code == 422 and refused.json()["code"] == "materials_missing"
    assert "MATERIAL_MISSING" in {m["code"] for m in refused.json()["details"]["missing"]}

    listing = api.get(f"{ref}/materials").json()
    slots = [s["slot"] for s in listing["slots"] if s["required"]]
    assert "principal_id:subject_principal:front" in slots and "principal_id:websites[1].principal:back" in slots
    assert not any(s["uploaded"] for s in listing["slots"])
    for slot in slots:
        done = api.upload(f"{ref}/materials/{slot}", SimpleUploadedFile("x.png", image_bytes()))
        assert done.status_code == 201, (slot, done.content)
    listing = api.get(f"{ref}/materials").json()
    assert all(s["uploaded"] for s in listing["slots"] if s["required"]) and listing["missing"] == []
    assert {p["person"] for p in listing["verification"] if p["must"] and not p["verified"]} == {
        "subject_principal", "websites[1].principal"}

    # Nobody has verified on the phone yet: refused, naming who; then the agreement is still to be accepted.
    unverified = api.post(f"{ref}/submit", {"agreement_accepted": True})
    assert unverified.status_code == 422 and unverified.json()["code"] == "verification_required"
    assert {m["path"] for m in unverified.json()["details"]["missing"]} >= {"subject.principal", "websites[1].principal"}
    assert _fresh(order).state in (states.DRAFT, states.MATERIALS)
    assert set(pass_verification(_fresh(order))) == {"subject_principal", "websites[1].principal"}
    no_agreement = api.post(f"{ref}/submit", {})
    assert no_agreement.status_code == 422 and no_agreement.json()["code"] == "agreement_required"
    assert [m["code"] for m in no_agreement.json()["details"]["missing"]] == ["agreement_required"]

    submitted = api.post(f"{ref}/submit", {"agreement_accepted": True})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == states.PROVIDER_REVIEW == _fresh(order).state
    # Who acted is on the record, as for the wizard's pages.
    assert OrderEvent.objects.filter(order=order, kind="transition", to_state=states.PROVIDER_REVIEW,
                                     actor=account).exists()

    # A submitted order is no longer the applicant's to change.
    late = api.put(f"{ref}/subject", {"subject": SUBJECT})
    assert late.status_code == 409 and late.json()["code"] == "order_not_editable" and "不能修改" in late.json()["message"]
    again = api.upload(f"{ref}/materials/subject_certificate:subject", SimpleUploadedFile("x.png", image_bytes()))
    assert again.status_code == 409


def test_an_engine_finding_blocks_the_step_with_its_code(world):
    api, _, _, order = world
    bad = api.put(f"/orders/{order.reference}/subject", {"version": order.version, "subject": {
        **SUBJECT, "principal": {**SUBJECT["principal"], "mobile": "1380000"}}})
    assert bad.status_code == 422
    assert _codes(bad) == {"MOBILE_INVALID"}  # the engine's code (rules/codes.py), as the wizard shows it
    assert any(f["path"] == "subject.principal.mobile" for f in bad.json()["details"]["findings"])
    # The draft is saved as the page's 保存 does (the value is kept to be corrected).
    assert _fresh(order).application["subject"]["principal"]["mobile"] == "1380000"


def test_a_stale_version_is_refused_and_changes_nothing(world):
    api, _, _, order = world
    first = api.put(f"/orders/{order.reference}/subject", {"version": order.version, "subject": SUBJECT})
    assert first.status_code == 200
    stale = api.put(f"/orders/{order.reference}/subject",
                    {"version": order.version, "subject": {"mailing_address": "别处"}})
    assert stale.status_code == 409 and stale.json()["code"] == "version_conflict"
    assert stale.json()["details"]["current_version"] == first.json()["version"]
    assert _fresh(order).application["subject"]["mailing_address"] == SUBJECT["mailing_address"]
    header = api.put(f"/orders/{order.reference}/subject", {"subject": {"mailing_address": "别处"}},
                     **{"If-Match": f'"{order.version}"'})
    assert header.status_code == 409 and header.json()["code"] == "version_conflict"
    junk = api.put(f"/orders/{order.reference}/subject", {"subject": {}}, **{"If-Match": "abc"})
    assert junk.status_code == 400 and junk.json()["code"] == "version_invalid"


def test_another_accounts_order_is_not_found_and_untouched(world, django_user_model):
    api, _, _, order = world
    stranger = django_user_model.objects.create_user("stranger@example.com", "stranger@example.com", "Str0ng-pass-99")
    _, raw = ApiToken.issue(account=stranger, name="other")
    other = Api(raw)
    ref = f"/orders/{order.reference}"
    assert other.put(f"{ref}/subject", {"subject": SUBJECT}).status_code == 404
    assert other.get(f"{ref}/steps/subject").status_code == 404
    assert other.get(f"{ref}/materials").status_code == 404
    upload = other.upload(f"{ref}/materials/subject_certificate:subject", SimpleUploadedFile("x.png", image_bytes()))
    assert upload.status_code == 404 and upload.json()["code"] == "not_found"
    assert other.post(f"{ref}/submit", {"agreement_accepted": True}).status_code == 404
    assert Api(None).put(f"{ref}/subject", {"subject": SUBJECT}).status_code == 401
    assert _fresh(order).version == order.version and not order.materials.exists()


def test_a_key_without_the_scope_is_refused(world):
    _, account, _, order = world
    _, raw = ApiToken.issue(account=account, name="read-only", scopes=["orders:read"])
    reader = Api(raw)
    assert reader.get(f"/orders/{order.reference}/steps/basic").status_code == 200
    refused = reader.put(f"/orders/{order.reference}/subject", {"subject": SUBJECT})
    assert refused.status_code == 403 and refused.json()["code"] == "scope_missing"
    upload = reader.upload(f"/orders/{order.reference}/materials/subject_certificate:subject",
                           SimpleUploadedFile("x.png", image_bytes()))
    assert upload.status_code == 403 and _fresh(order).version == order.version


@pytest.mark.parametrize(("slot", "upload", "status", "code"), [
    ("subject_certificate:subject", SimpleUploadedFile("x.pdf", b"%PDF-1.4 not an image" * 100), 415, "not_an_image"),
    ("subject_certificate:subject", SimpleUploadedFile("x.png", image_bytes()[:200]), 422, "corrupt"),
    ("subject_certificate:subject", SimpleUploadedFile("x.png", image_bytes(100, 80)), 422, "too_small"),
    ("subject_certificate:subject", SimpleUploadedFile("x.bmp", b"\0" * (4 * 1024 * 1024 + 10)), 413, "too_large"),
    ("subject_certificate:websites[7].principal", SimpleUploadedFile("x.png", image_bytes()), 422, "unknown_slot"),
    ("nonsense", SimpleUploadedFile("x.png", image_bytes()), 422, "unknown_slot"),
    ("subject_certificate:subject", None, 400, "no_file"),
])
def test_a_refused_upload_has_a_clear_code(world, slot, upload, status, code):
    api, _, _, order = world
    response = api.client.post(f"/api/v1/orders/{order.reference}/materials/{slot}", {"file": upload} if upload else {},
                               headers=api.headers)
    assert response.status_code == status, response.content
    assert response.json()["code"] == code and response.json()["message"]
    assert not order.materials.exists()


def test_websites_list_adds_and_removes_but_keeps_one(world):
    api, _, _, order = world
    ref = f"/orders/{order.reference}"
    two = api.put(f"{ref}/websites", {"websites": [_site("示例科技官方网站", "zj-demo-one.com"),
                                                   _site("示例科技产品中心", "zj-demo-two.com")]})
    assert two.status_code in (200, 422) and len(_fresh(order).application["websites"]) == 2
    one = api.put(f"{ref}/websites", {"websites": [{"name": "示例科技官方网站"}]})
    assert one.status_code in (200, 422) and len(_fresh(order).application["websites"]) == 1
    # The first website's access (chosen on 产品验证) is kept when only its name is sent.
    assert _fresh(order).application["websites"][0]["domains"] == ["zj-demo-one.com"]
    empty = api.put(f"{ref}/websites", {"websites": []})
    assert empty.status_code == 422 and empty.json()["code"] == "websites_empty"


def test_the_schema_lists_the_step_routes(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/v1/orders/{reference}/subject", "/api/v1/orders/{reference}/websites",
                 "/api/v1/orders/{reference}/product", "/api/v1/orders/{reference}/basic",
                 "/api/v1/orders/{reference}/materials/{slot}", "/api/v1/orders/{reference}/submit"):
        assert path in paths, path


@pytest.mark.parametrize(("step", "body"), [
    ("basic", {"region": {"district": "滨江区"}}),
    ("product", {"websites": [{"instance_id": "i-anything"}]}),
    ("subject", {"subject": SUBJECT}),
    ("websites", {"websites": [_site("别人的网站名称", "someone-else.com")]}),
])
def test_every_step_is_the_owners_only(world, django_user_model, step, body):
    api, _, _, order = world
    stranger = django_user_model.objects.create_user("s2@example.com", "s2@example.com", "Str0ng-pass-99")
    _, raw = ApiToken.issue(account=stranger, name="other")
    assert Api(raw).put(f"/orders/{order.reference}/{step}", body).status_code == 404
    assert Api(None).put(f"/orders/{order.reference}/{step}", body).status_code == 401
    # The owner's browser session from another site (no CSRF token) is refused too.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(order.account)
    forged = browser.put(f"/api/v1/orders/{order.reference}/{step}", body, content_type="application/json")
    assert forged.status_code == 403
    assert _fresh(order).version == order.version


def test_a_change_order_cannot_add_a_website(world):
    api, _, _, order = world
    Order.objects.filter(pk=order.pk).update(kind="change_website")
    refused = api.put(f"/orders/{order.reference}/websites", {"websites": [
        _site("示例科技官方网站", "zj-demo-one.com"), _site("示例科技产品中心", "zj-demo-two.com")]})
    assert refused.status_code == 422 and refused.json()["code"] == "change_website_add_forbidden"
    assert len(_fresh(order).application["websites"]) == 1


def test_app_principals_are_masked_like_website_principals():
    """Issue 17: an APP's own principal is a person in the API's answers too (no full ID number or mobile)."""
    from beian.api.order_steps import mask_application

    person = {"name": "王五", "cert_type": "resident_id", "cert_number": "110101199003077715", "mobile": "13500000000",
              "contact2": "13600000000", "emergency_mobile": "", "email": "w@example.com"}
    application = {"subject": {"nature": "enterprise", "principal": dict(person)},
                   "websites": [{"principal": None}], "apps": [{"name": "示例商城", "principal": dict(person)}, "x"]}
    masked = mask_application(application)["apps"][0]["principal"]
    assert masked["cert_number"] != person["cert_number"] and "110101199003077715" not in str(masked)
    assert "13500000000" not in str(masked) and "13600000000" not in str(masked)
    assert application["apps"][0]["principal"]["mobile"] == "13500000000"  # a copy is masked, not the order
