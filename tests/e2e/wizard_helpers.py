"""Steps of the applicant wizard, driven in Chromium as a person would."""

import re

from tests.wizard.support import image_bytes

PNG = image_bytes()


def login(page, base, email, password="Str0ng-pass-99"):
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/orders/"))


def logout(page):
    """退出登录 as a person does it: open the account menu under the user name, then the button in it."""
    page.click("#account-menu summary")
    page.click("#account-menu button")
    page.wait_for_load_state()


def fill(page, name, value):
    page.fill(f'[name="{name}"]', value)


def select(page, name, value):
    page.select_option(f'[name="{name}"]', value)


def basic_step(page, *, province, nature, cert_type, name, cert, address, domain, shot="basic"):
    page.click("#start")
    select(page, "region.province", province)
    fill(page, "region.city", "某市")
    fill(page, "region.district", "某区")
    select(page, "subject.nature", nature)
    select(page, "subject.cert_type", cert_type)
    fill(page, "subject.name", name)
    fill(page, "subject.cert_number", cert)
    fill(page, "subject.cert_address", address)
    fill(page, "websites[0].domains[0]", domain)
    page.click("#check")
    page.shots(f"{shot}-checked")


def field_errors(page, name) -> str:
    return page.locator(f'[data-field="{name}"] .field-error').all_inner_texts().__str__()


def read_code(page, base, mobile) -> str:
    sink = page.context.new_page()
    sink.goto(f"{base}/notifications/sink/?mobile={mobile}")
    body = sink.locator("#sms .sms-body").first.inner_text()
    sink.close()
    return re.search(r"验证码为(\d{6})", body).group(1)


def subject_step(page, base, *, mobile, individual=False, shot="subject", **values):
    defaults = {"subject.mailing_address": "浙江省杭州市西湖区文三路100号8楼801室", "subject.principal.cert_valid_until": "2035-01-01",
                "subject.principal.mobile": mobile, "subject.principal.emergency_mobile": "13900000009",
                "subject.principal.email": "owner@example.com"}
    if not individual:
        defaults.update({"subject.investor": "法定代表人", "subject.principal.name": "张三",
                         "subject.principal.cert_number": "33010619900101123X",
                         "subject.principal.contact2": "086-0571-88886666"})
    defaults.update(values)
    for key, value in defaults.items():
        fill(page, key, value)
    page.click("#send-code")
    page.shots(f"{shot}-code-sent")
    fill(page, "sms_code", read_code(page, base, mobile))
    page.click("#next")


def upload_all(page):
    rows = page.locator("#materials tbody tr")
    for k in range(rows.count()):
        row = page.locator("#materials tbody tr").nth(k)
        if "辅助资料" in row.inner_text():
            continue
        row.locator("input[type=file]").set_input_files({"name": "id.png", "mimeType": "image/png", "buffer": PNG})
        row.locator("button[type=submit]").click()
        page.wait_for_load_state()


def confirm_and_submit(page, shot="confirm"):
    """上传资料 → 信息确认 → 提交. The face check is the phone page's (test_phone, test_verification_required):
    here each person who must verify is recorded as passed, as the phone page leaves it."""
    from beian.filings.models import Order
    from tests.verification.support import pass_verification

    pass_verification(Order.objects.get(pk=int(re.search(r"/orders/(\d+)/", page.url).group(1))))
    page.click("#next")
    page.check("#agreement")
    page.shots(f"{shot}-page")
    page.click("#submit")
    page.wait_for_selector("#state")


def own_website_principal(page, values: dict, index: int = 0):
    """网站信息: the website gets its own principal (not 复用主体负责人), filled with `values`."""
    page.check(f'[name="websites[{index}].reuse"][value="0"]')
    page.click("button[value=save]")
    for key, value in values.items():
        if key == "cert_type":
            page.select_option(f'[name="websites[{index}].principal.{key}"]', value)
        else:
            fill(page, f"websites[{index}].principal.{key}", value)


def bureau_approves(public, ministry_url, reference):
    """The bureau signs in to the simulator's console and approves the order (the demo bureau login)."""
    public.goto(ministry_url + "/bureau/")
    public.fill("#u", "bureau@beian.local")
    public.fill("#p", "bureau12345")
    public.click("button[type=submit]")
    public.locator(f'tr[data-ref="{reference}"] button.approve').click()
