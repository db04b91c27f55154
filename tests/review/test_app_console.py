"""Issue 17 #3: the reviewer sees an order's APPs beside its websites — their fields, one row per platform, whether
the values typed agree with the uploaded signing file — rejects any of them field by field, and the applicant
finds the reason on the progress page and at the field in the wizard."""

import re

import pytest

from beian.filings import states
from beian.filings.models import Order, OrderEvent
from beian.review import app_fields
from beian.review.models import FieldDecision
from beian.review.reasons import REASONS, for_path
from tests.verification.support import pass_verification

from .support import (
    APP_KEY,
    IOS_KEY,
    app_order,
    colon,
    make_reviewer,
    raw_codes_in,
    visible_text,
)

pytestmark = pytest.mark.django_db
SIGNATURE = "apps[1].platforms[0].signature"


@pytest.fixture
def order():
    return app_order()


@pytest.fixture
def reviewer_client(client):
    client.force_login(make_reviewer())
    return client


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _platform(page: str, path: str) -> str:
    return page.split(f'data-platform="{path}"')[1].split("</tr>")[0]


def _cell(page: str, path: str) -> str:
    return page.split(f'<td data-path="{path}"')[1].split("</td>")[0]


def test_the_console_shows_each_app_with_its_fields_and_one_row_per_platform(reviewer_client, order):
    page = _page(reviewer_client, f"/review/{order.pk}/")
    text = visible_text(page)
    assert raw_codes_in(text) == []
    for title in ("网站1", "APP1：示例商城", "APP2：示例助手"):
        assert f'>{title} <span class="muted">' in page, title
    # The APP's own fields: name, content, languages, domains, access, principal.
    for path, value in (("apps[0].name", "示例商城"), ("apps[1].languages", "中文简体、英语"),
                        ("apps[1].domains[1]", "img.m.example.com"), ("apps[0].access", "云服务器 ECS · 实例 i-abc · IP 47.96.1.2"),
                        ("apps[0].principal", "与主体负责人相同"), ("apps[1].principal.name", "王五"),
                        ("apps[1].principal.cert_type", "居民身份证"), ("apps[0].platforms", "1 个：Android")):
        row = page.split(f'<tr data-path="{path}"')[1].split("</tr>")[0]
        assert value in row, (path, row)
    # One row per platform: platform, package name / Bundle ID, the public key shortened with the whole of it a
    # click away, the fingerprint in colon pairs whatever way it was typed.
    android = _platform(page, "apps[0].platforms[0]")
    assert "Android" in android and "com.example.shop" in android
    key = _cell(page, "apps[0].platforms[0].public_key")
    assert f"<code>{APP_KEY[:12].lower()}…{APP_KEY[-12:].lower()}</code>" in key
    assert f'<code class="key-full">{APP_KEY.lower()}</code>' in key
    md5 = order.application["apps"][0]["platforms"][0]["from_file"]["md5"]
    assert f"<code>{colon(md5)}</code>" in _cell(page, "apps[0].platforms[0].signature")
    ios = _platform(page, "apps[1].platforms[0]")
    assert "iOS" in ios and "com.example.helper" in ios and "证书SHA-1指纹" in text and "签名MD5值" in text


def test_each_platform_says_whether_the_uploaded_file_agrees(reviewer_client, order):
    application = order.application
    application["apps"][0]["platforms"].append({"platform": "harmony", "package_name": "com.example.shop.hm",
                                                "public_key": APP_KEY, "signature": "AB" * 32})  # typed only
    Order.objects.filter(pk=order.pk).update(application=application)
    page = _page(reviewer_client, f"/review/{order.pk}/")
    android = _platform(page, "apps[0].platforms[0]")
    assert 'data-check="match"' in android and "已核对：与上传的安装包一致" in android and "shop-release.apk" in android
    harmony = _platform(page, "apps[0].platforms[1]")
    assert 'data-check="none"' in harmony and "未上传安装包" in harmony and "已核对" not in harmony
    ios = _platform(page, "apps[1].platforms[0]")
    assert 'data-check="mismatch"' in ios and "已核对：与上传的安装包不一致" in ios
    # Which field differs, typed against read; only that cell is marked, and the APP's group opens by itself.
    found = application["apps"][1]["platforms"][0]["from_file"]
    typed = colon(application["apps"][1]["platforms"][0]["signature"])
    differs = re.findall(r'<small class="differs" data-field="([^"]+)">', ios)
    assert differs == ["signature"]
    assert f"签名/指纹：填写 <code>{typed}</code>，安装包中为 <code>{colon(found['sha1'])}</code>" in ios
    assert "mismatch" in page.split(f'<td data-path="{SIGNATURE}" class="')[1].split('"')[0]
    assert "mismatch" not in page.split('<td data-path="apps[1].platforms[0].package_name" class="')[1].split('"')[0]
    assert re.search(r'<details class="field-group" id="group-app-1" open>', page)
    assert "与安装包不一致" in page.split('id="group-app-1"')[1].split("</summary>")[0]


def test_a_public_key_typed_as_base64_matches_its_file(order):
    import base64

    row = dict(order.application["apps"][1]["platforms"][0])
    row["public_key"] = base64.b64encode(bytes.fromhex(IOS_KEY)).decode()
    row["signature"] = row["from_file"]["sha1"].lower()
    assert app_fields.file_check(row)["state"] == "match"
    row["package_name"] = "com.example.other"  # a certificate has no package name: nothing to compare it with
    assert app_fields.file_check(row)["state"] == "match"
    row["public_key"] = "not a key"
    check = app_fields.file_check(row)
    assert check["state"] == "mismatch" and [d["field"] for d in check["differs"]] == ["public_key"]


def test_reasons_offered_for_app_fields_fit_them():
    for code, text in (("app_name_store", "APP名称与应用商店名称不一致"), ("app_package", "包名/Bundle ID与安装包不一致"),
                       ("app_public_key", "公钥有误"), ("app_principal_id", "未上传APP负责人证件")):
        assert REASONS[code][0].startswith(text), code
    codes = {path: [c for c, _ in for_path(path)] for path in (
        "apps[0].name", SIGNATURE, "apps[0].platforms[1].package_name", "apps[2].platforms[0].public_key",
        "apps[1].principal.mobile", "apps[1].principal.cert_number", "apps[0].domains[3]", "apps[0].access")}
    assert codes["apps[0].name"][0] == "app_name_store"
    assert codes[SIGNATURE] == ["app_signature", "other"] and "签名MD5值" in REASONS["app_signature"][0]
    assert codes["apps[0].platforms[1].package_name"] == ["app_package", "other"]
    assert codes["apps[2].platforms[0].public_key"] == ["app_public_key", "other"]
    assert codes["apps[1].principal.mobile"] == ["phone", "call_failed", "other"]
    assert codes["apps[1].principal.cert_number"][0] == "app_principal_id" and "face" in codes["apps[1].principal.cert_number"]
    assert "app_domain" in codes["apps[0].domains[3]"] and "phone" not in codes["apps[0].domains[3]"]


def test_rejecting_the_ios_signature_reaches_the_applicant(reviewer_client, order):
    page = _page(reviewer_client, f"/review/{order.pk}/")
    cell = _cell(page, SIGNATURE)
    assert 'value="app_signature"' in cell and 'value="phone"' not in cell
    # A reason that does not fit the field is refused; the htmx answer is the cell, in place.
    refused = reviewer_client.post(f"/review/{order.pk}/field/", {"path": SIGNATURE, "verdict": "reject",
                                                                  "reason_code": "phone"}, HTTP_HX_REQUEST="true")
    assert refused.content.decode().startswith(f'<td data-path="{SIGNATURE}"') and not FieldDecision.objects.exists()
    answer = reviewer_client.post(f"/review/{order.pk}/field/", {"path": SIGNATURE, "verdict": "reject",
                                                                 "reason_code": "app_signature", "note": "与证书不一致"},
                                  HTTP_HX_REQUEST="true").content.decode()
    assert answer.startswith(f'<td data-path="{SIGNATURE}" class="platform-cell rejected mismatch')
    assert f"订单 {order.reference}：已驳回“APP2：示例助手 · iOS · 证书SHA-1指纹”" in answer
    decision = FieldDecision.objects.get()
    assert (decision.path, decision.verdict, decision.reason_code) == (SIGNATURE, "reject", "app_signature")
    event = OrderEvent.objects.get(order=order, kind="review_field")
    assert event.payload["path"] == SIGNATURE and "与证书不一致" in event.reason
    # The open rejection blocks 初审通过; the supplement sends the order back with the field named.
    pass_verification(order)
    assert "未通过审核" in reviewer_client.post(f"/review/{order.pk}/approve/", follow=True).content.decode()
    page = _page(reviewer_client, f"/review/{order.pk}/")
    assert "已驳回 1" in page.split('id="group-app-1"')[1].split("</summary>")[0]
    reviewer_client.post(f"/review/{order.pk}/supplement/", {"kind": "materials"})
    order.refresh_from_db()
    assert order.state == states.SUPPLEMENT_REQUIRED
    reason = order.events.get(to_state=states.SUPPLEMENT_REQUIRED).reason
    assert "【APP2：示例助手 · iOS · 证书SHA-1指纹】签名MD5值（iOS为SHA-1证书指纹）有误：与证书不一致" in reason
    reviewer_client.force_login(order.account)
    progress = visible_text(_page(reviewer_client, f"/orders/{order.pk}/"))
    assert "待补充" in progress and "APP2：示例助手 · iOS · 证书SHA-1指纹" in progress and "与证书不一致" in progress


def test_the_wizard_finds_app_reasons_at_the_field_on_the_websites_step(reviewer_client, order):
    """A reviewer's reason is keyed by its path: the wizard's 网站信息 step shows it at the APP field of that name."""
    from beian.review.selectors import field_reasons
    from beian.wizard.findings import step_of

    for path, code in ((SIGNATURE, "app_signature"), ("apps[1].principal.mobile", "phone"),
                       ("apps[0].name", "app_name_store")):
        reviewer_client.post(f"/review/{order.pk}/field/", {"path": path, "verdict": "reject", "reason_code": code})
    reasons = field_reasons(order=order)
    assert set(reasons) == {SIGNATURE, "apps[1].principal.mobile", "apps[0].name"}
    assert reasons[SIGNATURE] == ["初审意见：签名MD5值（iOS为SHA-1证书指纹）有误。" + REASONS["app_signature"][1] + "。"]
    assert {step_of({"path": p, "code": ""}) for p in reasons} == {"websites"}


def test_unknown_app_paths_and_odd_apps_never_fail(reviewer_client, order):
    for path in ("apps[5].name", "apps[1].platforms[3].signature", "apps[1].platforms[0].from_file", "apps[x].name"):
        page = reviewer_client.post(f"/review/{order.pk}/field/", {"path": path, "verdict": "reject",
                                                                   "reason_code": "other"}, follow=True).content.decode()
        assert "该订单没有此字段" in page, path
    assert not FieldDecision.objects.exists()
    application = order.application
    application["apps"] = [None, "x", {"name": "", "platforms": [None, {"platform": "symbian", "signature": "zz"}],
                                       "domains": "a.com", "principal": "nobody", "access": []}]
    Order.objects.filter(pk=order.pk).update(application=application)
    text = visible_text(_page(reviewer_client, f"/review/{order.pk}/"))
    assert "APP3" in text and "symbian" in text and "未上传安装包" in text


def test_queue_counts_websites_and_apps(reviewer_client, order):
    page = _page(reviewer_client, "/review/")
    row = page.split(f'<tr data-order="{order.reference}">')[1].split("</tr>")[0]
    assert '<small class="muted counts">1 网站 · 2 APP</small>' in row
    websites = order.application["websites"]
    assert app_fields.counts({"websites": websites * 2}) == "2 网站"
    assert app_fields.counts({"websites": [], "apps": [{}]}) == "1 APP" and app_fields.counts({}) == ""


def test_an_app_principal_appears_in_the_evidence_like_a_website_principal(reviewer_client, order):
    page = _page(reviewer_client, f"/review/{order.pk}/")
    person = page.split('data-person="apps[1].principal"')[1].split('<div class="verification"')[0]
    text = visible_text(person)
    assert "APP2负责人：王五" in text and "APP负责人须完成真实性核验" in text and "未检测到转头动作" in text
    assert "APP2负责人" in visible_text(page.split('id="materials"')[1])  # the ID photo, captioned by its owner
    # APP1 has no principal of its own: the subject principal answers for it and must verify.
    subject = visible_text(page.split('data-person="subject_principal"')[1].split('<div class="verification"')[0])
    assert "网站1的网站负责人（复用主体负责人）" in subject and "APP1的APP负责人（复用主体负责人）" in subject


def test_another_reviewer_sees_it_but_an_applicant_does_not(client, order):
    from django.contrib.auth import get_user_model

    other = get_user_model().objects.create_user("other@example.com", "other@example.com", "Str0ng-pass-99")
    client.force_login(other)
    assert client.get(f"/review/{order.pk}/").status_code == 403
    assert client.post(f"/review/{order.pk}/field/", {"path": SIGNATURE, "verdict": "reject",
                                                      "reason_code": "app_signature"}).status_code == 403
    staff = get_user_model().objects.create_user("staff@example.com", "staff@example.com", "Str0ng-pass-99",
                                                  is_staff=True)  # staff without the reviewers role
    client.force_login(staff)
    assert client.get(f"/review/{order.pk}/").status_code == 403
    client.force_login(order.account)  # the applicant of the order is no reviewer either
    assert client.get(f"/review/{order.pk}/").status_code == 403
    assert not FieldDecision.objects.exists()
