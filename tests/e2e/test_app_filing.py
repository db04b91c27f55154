"""Issue 17's done-when in Chromium, from the applicant's first click to the public query of the running ministry
simulator: (a) a new enterprise files a website and an Android + iOS APP in one order and reaches `…号-1` and
`…号-1A`; (b) an already filed subject files one APP by uploading a signed APK built here (tests/documents/
apk_factory.py), and the reviewer sees that the row agrees with the file."""

import re
import urllib.parse

import pytest

from beian.filings import states
from beian.filings.demo import seed_products
from beian.filings.models import Order
from beian.ministry import services
from tests.documents.apk_factory import make_apk, make_certificate, signing_key

from .filing_kinds_support import (
    account,
    add_instance,
    cert_last6,
    filed,
    mobile,
    public_query,
    resident_id,
    reviewer,
    sms_sent,
    unique,
    unit,
)
from .kinds_newkinds import product_step
from .wizard_helpers import basic_step, confirm_and_submit, fill, login, select, subject_step, upload_all

pytestmark = pytest.mark.django_db(transaction=True)
SUBJECT_CERT = "33010619900101123X"  # subject_step's default 主体负责人


def app_principal(n: int) -> dict:
    """The APP's own principal: not the subject principal, its own certificate and mobile."""
    return {"name": "王五", "cert_type": "resident_id", "cert_number": resident_id(n + 700),
            "cert_valid_until": "长期", "mobile": mobile(n, "139"), "contact2": mobile(n, "135"),
            "emergency_mobile": mobile(n, "135"), "email": f"app-{n}@example.com"}


def own_app_principal(page, values: dict, index: int = 0):
    """APP负责人: 不复用, saved (the rows appear), then filled."""
    page.check(f'[name="apps[{index}].reuse"][value="0"]')
    page.click("button[value=save]")
    page.wait_for_selector(f'[name="apps[{index}].principal.name"]')
    for key, value in values.items():
        if key == "cert_type":
            select(page, f"apps[{index}].principal.{key}", value)
        else:
            fill(page, f"apps[{index}].principal.{key}", value)


def sms_on_public_page(public, ministry, mobile_number: str, cert: str, shot: str) -> str:
    """A principal types the code the simulator texted, the mobile and the certificate's last 6 on /sms/."""
    public.goto(ministry.url + "/sms/")
    public.fill("#code", ministry.codes(mobile_number)[0])
    public.fill("#mobile", mobile_number)
    public.fill("#cert_last6", cert_last6(cert))
    public.click("#verify")
    text = public.locator("#sms-result").inner_text()
    public.shots(shot, public)
    return text


def reviewer_console(browser, base, email, order, shots):
    """The reviewer's page on the order (signed in, dialogs accepted): (context, page)."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    rev = context.new_page()
    rev.shots = shots
    rev.on("dialog", lambda dialog: dialog.accept())
    login_reviewer(rev, base, email)
    rev.goto(f"{base}/review/{order.pk}/")
    return context, rev


def login_reviewer(rev, base, email):
    rev.goto(base + "/accounts/login/")
    rev.fill("#id_username", email)
    rev.fill("#id_password", "Str0ng-pass-99")
    rev.click("button[type=submit]")
    rev.wait_for_load_state()


def open_app_group(rev, i: int = 0):
    group = rev.locator(f"#group-app-{i}")
    if not group.evaluate("d => d.open"):
        group.locator(":scope > summary").click()


def bureau_and_result(public, ministry, order, packages: list[str]) -> Order:
    """The bureau signs in to the simulator's console, sees the APP with its platforms, and approves."""
    services.poll_results()  # the scheduler's tick
    order.refresh_from_db()
    assert order.state == states.BUREAU_REVIEW, order.state
    public.goto(ministry.url + "/bureau/")
    public.fill("#u", "bureau@beian.local")
    public.fill("#p", "bureau12345")
    public.click("button[type=submit]")
    row = public.locator(f'tr[data-ref="{order.reference}"]')
    app = row.locator('.service[data-service-type="app"]').inner_text()
    assert all(p in app for p in packages), app
    row.locator("button.approve").click()
    row.wait_for(state="detached")
    public.shots("bureau-approved", public)
    services.poll_results()
    order.refresh_from_db()
    assert order.state == states.APPROVED, order.state
    return order


def colons(hex_value: str) -> str:
    return ":".join(hex_value[k:k + 2] for k in range(0, len(hex_value), 2))


def test_new_subject_files_a_website_and_an_android_ios_app(live_server, browser, page, ministry, smtp_server):
    base = live_server.url
    n = unique()
    cert, name, _ = unit(n)
    owner = account(f"appfirst-{n}@example.com")
    instances = seed_products(owner, prefix=f"a{n}")
    rev_user = reviewer(f"apprev-{n}@example.com")
    domain, principal = f"appfirst-{n}.com", app_principal(n)
    android_pkg, ios_pkg = f"com.example.app{n}", f"com.example.ios{n}"
    _der, android = make_certificate(signing_key("rsa", 1), common_name=f"Android {n}")
    _der, ios = make_certificate(signing_key("ec", 1), common_name=f"iOS {n}")

    # 验证备案类型 (服务类型 网站) → 产品验证 → 主办者 → 网站信息 with an APP beside the website.
    login(page, base, owner.username)
    basic_step(page, province="浙江省", nature="enterprise", cert_type="business_license", name=name, cert=cert,
               address="浙江省杭州市西湖区文三路100号", domain=domain, shot="first")
    assert "首次备案" in page.locator("#filing-type").inner_text()
    product_step(page, instances[0].instance_id)
    subject_step(page, base, mobile=mobile(n), shot="subject")
    page.wait_for_url("**/websites/")
    fill(page, "websites[0].name", "示例科技官方网站")
    page.click("#add-app")
    page.wait_for_selector('[name="apps[0].name"]')
    fill(page, "apps[0].name", f"示例商城{n}")
    fill(page, "apps[0].domains", f"api.{domain}")
    # Android, typed: the MD5 pasted as keytool prints it, colons and a line break in it.
    md5 = colons(android["md5"])
    fill(page, "apps[0].platforms[0].package_name", android_pkg)
    fill(page, "apps[0].platforms[0].public_key", android["public_key"])
    fill(page, "apps[0].platforms[0].signature", md5[:24] + "\n" + md5[24:])
    # iOS: a second platform row.
    page.click('[data-add-platform="0"]')
    page.wait_for_selector('[name="apps[0].platforms[1].package_name"]')
    select(page, "apps[0].platforms[1].platform", "ios")
    fill(page, "apps[0].platforms[1].package_name", ios_pkg)
    fill(page, "apps[0].platforms[1].public_key", ios["public_key"])
    fill(page, "apps[0].platforms[1].signature", ios["sha1"].lower())
    own_app_principal(page, principal)
    assert page.input_value('[name="apps[0].platforms[0].package_name"]') == android_pkg, "what was typed stays"
    page.shots("websites-and-app")
    page.click("#next")

    # 产品验证 for the APP, then 上传资料 asks the APP principal's ID too.
    page.wait_for_url("**/product/")
    select(page, "apps[0].access.instance_id", instances[1].instance_id)
    page.click("#next")
    page.wait_for_url("**/materials/")
    assert "APP负责人" in page.locator("#materials").inner_text()
    upload_all(page)
    page.shots("materials")
    order = Order.objects.get(account=owner)
    app = order.application["apps"][0]
    assert [p["signature"] for p in app["platforms"]] == [android["md5"], ios["sha1"]]
    assert app["principal"]["mobile"] == principal["mobile"]
    confirm_and_submit(page, shot="app-first")
    order.refresh_from_db()
    assert order.state == states.PROVIDER_REVIEW, order.state

    # The reviewer sees the APP's two platform rows and approves.
    context, rev = reviewer_console(browser, base, rev_user.username, order, page.shots)
    open_app_group(rev)
    rows = rev.locator('tr[data-platform^="apps[0].platforms"]')
    assert rows.count() == 2
    assert android_pkg in rows.nth(0).inner_text() and ios_pkg in rows.nth(1).inner_text()
    page.shots("reviewer-app", rev)
    rev.click("#approve")
    rev.wait_for_load_state()
    context.close()
    order.refresh_from_db()
    assert order.state == states.SMS_VERIFICATION, order.state

    # Codes go to the subject principal and the APP principal; both answer on the simulator's public page.
    assert sms_sent(ministry, order) == sorted([mobile(n), principal["mobile"]])
    public = browser.new_context(locale="zh-CN").new_page()
    public.shots = page.shots
    assert "请等待其他核验人" in sms_on_public_page(public, ministry, mobile(n), SUBJECT_CERT, "sms-subject")
    assert "已提交管局审核" in sms_on_public_page(public, ministry, principal["mobile"], principal["cert_number"],
                                                 "sms-app")
    order = bureau_and_result(public, ministry, order, [android_pkg, ios_pkg])

    # The applicant's order page: the subject number, the website's -1 and the APP's -1A, and where to show it.
    number = order.meta["icp_number"]
    assert re.fullmatch(r"浙ICP备\d{10}号", number)
    page.goto(f"{base}/orders/{order.pk}/")
    approved = page.locator("#approved").inner_text()
    page.shots("approved")
    assert f"{domain}：{number}-1" in approved
    app_number = page.locator("#approved-apps [data-app-number]").get_attribute("data-app-number")
    assert app_number == number + "-1A" and app_number in approved
    assert "“关于”或“设置”" in approved and "应用商店" in approved
    # The approval message names the APP number and where to show it: in the site inbox and by email.
    page.goto(f"{base}/notifications/")
    inbox = page.locator("main").inner_text()
    assert f"备案成功：{number}" in inbox and app_number in inbox
    mails = [m for m in smtp_server.messages if number in str(m["Subject"])]
    assert mails, [str(m["Subject"]) for m in smtp_server.messages]
    body = mails[0].get_body(("plain",)).get_content()
    assert app_number in body and "“关于”或“设置”" in body and "应用商店" in body

    # The public query finds the APP by its name, its package name and its number.
    for q in (f"示例商城{n}", ios_pkg, app_number):
        public.goto(ministry.url + "/query/?" + urllib.parse.urlencode({"q": q}))
        row = public.locator(f'#results tr[data-number="{app_number}"]')
        assert row.count() == 1, q
        assert row.get_attribute("data-service-type") == "app" and android_pkg in row.inner_text()
    public.shots("public-query-app", public)
    sites = public_query(ministry, domain)
    assert [r["website_number"] for r in sites] == [number + "-1"]
    public.context.close()


def test_filed_subject_files_an_app_by_uploading_its_apk(live_server, browser, page, ministry):
    base = live_server.url
    n = unique()
    owner, filing, _first = filed(ministry, email=f"appmore-{n}@example.com", n=n)
    site_number = filing.subject_number + "-1"
    instance = add_instance(owner, n)
    rev_user = reviewer(f"apprev-{n}@example.com")
    package = f"com.example.upload{n}"
    apk, expected = make_apk(package, v1=True, v2=True)

    # From the filing page: 新增网站/APP → 新增APP, which opens step 1 with 服务类型 APP.
    login(page, base, owner.username)
    page.click(f'[data-filing="{filing.subject_number}"] a.new-app')
    assert page.input_value("#id-service_kind") == "app"
    page.click("#check")
    page.shots("new-app-checked")
    assert "短信核验对象为APP负责人" in page.locator("#filing-type").inner_text()
    page.click("#next")
    page.wait_for_url("**/product/")  # 产品验证 for the APP (no website in this order)
    assert page.locator('[name^="websites["]').count() == 0
    select(page, "apps[0].access.instance_id", instance.instance_id)
    page.click("#next")
    page.wait_for_url("**/subject/")
    subject_step(page, base, mobile=mobile(n), shot="subject", **{"subject.principal.cert_number": resident_id(n)})
    page.wait_for_url("**/websites/")
    assert page.locator("[data-website]").count() == 0, "an APP only: no website form"
    fill(page, "apps[0].name", f"示例上传{n}")

    # The signed APK, uploaded and read into the Android row: package name and MD5 from the file, the file named.
    page.set_input_files('[name="apps[0].platforms[0].file"]',
                         {"name": f"upload-{n}-release.apk", "mimeType": "application/vnd.android.package-archive",
                          "buffer": apk})
    page.click('[data-read-file="apps[0].platforms[0].file"]')
    page.wait_for_selector("[data-signing-read]")
    page.shots("apk-read")
    assert f"upload-{n}-release.apk" in page.locator("[data-signing-read]").inner_text()
    assert page.input_value('[name="apps[0].platforms[0].package_name"]') == package
    assert page.input_value('[name="apps[0].platforms[0].signature"]') == expected["md5"]
    assert page.input_value('[name="apps[0].name"]') == f"示例上传{n}", "what was typed stays"
    page.click("#next")
    page.wait_for_url("**/materials/")
    upload_all(page)
    confirm_and_submit(page, shot="app-more")
    order = Order.objects.get(account=owner, state=states.PROVIDER_REVIEW)
    assert order.kind == "new_site_here" and not order.application.get("websites")

    # The reviewer sees that the row agrees with the uploaded APK, and approves.
    context, rev = reviewer_console(browser, base, rev_user.username, order, page.shots)
    open_app_group(rev)
    check = rev.locator('tr[data-platform="apps[0].platforms[0]"] td.file-check').inner_text()
    assert "已核对：与上传的安装包一致" in check
    page.shots("reviewer-apk-match", rev)
    rev.click("#approve")
    rev.wait_for_load_state()
    context.close()

    # SMS (the subject principal is the APP's principal), the bureau, the number.
    services.poll_results()
    order.refresh_from_db()
    assert order.state == states.SMS_VERIFICATION, order.state
    assert sms_sent(ministry, order) == [mobile(n)]
    public = browser.new_context(locale="zh-CN").new_page()
    public.shots = page.shots
    assert "已提交管局审核" in sms_on_public_page(public, ministry, mobile(n), resident_id(n), "sms-app")
    order = bureau_and_result(public, ministry, order, [package])
    app_number = filing.subject_number + "-1A"
    assert [a["number"] for a in order.meta["approved_apps"]] == [app_number]
    page.goto(f"{base}/orders/{order.pk}/")
    assert page.locator("#approved-apps [data-app-number]").get_attribute("data-app-number") == app_number
    page.shots("approved")
    # No website in this order: the next step is the APP's (关于/设置 or the store), no footer, no 公安联网备案 card.
    assert "“关于”或“设置”" in page.locator("main").inner_text()
    assert page.locator("#footer-html, #after-approval").count() == 0
    page.goto(f"{base}/notifications/")
    inbox = page.locator("main").inner_text()
    assert f"备案成功：{filing.subject_number}" in inbox and app_number in inbox

    # The subject's website keeps its -1; the APP is listed under the filing and public under -1A.
    filing.refresh_from_db()
    numbers = {w.website_number: w.service_type for w in filing.websites.all()}
    assert numbers == {site_number: "website", app_number: "app"}
    page.goto(f"{base}/orders/")
    assert page.locator(f'tr[data-website="{site_number}"]').count() == 1
    assert page.locator(f'tr[data-app="{app_number}"]').count() == 1
    assert [r["website_number"] for r in public_query(ministry, f"kinds-{n}.com")] == [site_number]
    assert [r["website_number"] for r in public_query(ministry, package)] == [app_number]
    public.context.close()
