"""Paths a person can click through the wizard besides the scripted one (issue 11, items 1, 2, 4 and 6)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from beian.documents.pdf import render_template
from beian.filings import states
from beian.filings.models import Order
from beian.notifications.models import SmsRecord
from tests.verification.support import pass_verification

from .support import (
    applicant_with_products,
    basic_post,
    image_bytes,
    setup_registry,
    subject_post,
    website_post,
)

pytestmark = pytest.mark.django_db
SITES = [("示例科技官方网站", "zj-demo-one.com"), ("示例科技产品中心", "zj-demo-two.com")]


@pytest.fixture
def logged_in(client):
    setup_registry()
    account, instances = applicant_with_products()
    client.force_login(account)
    return client, account, instances


def _fresh(order):
    order.refresh_from_db()
    return order


def _through_subject(client, instances, django_capture_on_commit_callbacks):
    """Step 1 to 3 of a first filing, as the scripted path does it."""
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "next",
                                                "websites[0].access.instance_id": instances[0].instance_id})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/orders/{order.pk}/subject/", subject_post(_fresh(order).version, action="send_code"))
    code = re.search(r"验证码为(\d{6})", SmsRecord.objects.get(SmsRecord.for_mobile("13800000000")).body).group(1)
    done = client.post(f"/orders/{order.pk}/subject/", subject_post(_fresh(order).version, action="next", sms_code=code))
    assert done.status_code == 302, done.content.decode()[:2000]
    return _fresh(order)


def _second_site(client, order):
    client.post(f"/orders/{order.pk}/websites/", website_post(order.version, SITES[:1], action="add"))
    return client.post(f"/orders/{order.pk}/websites/", website_post(_fresh(order).version, SITES, action="next"))


# Item 1 ---------------------------------------------------------------------------------------------

def test_a_second_website_goes_through_product_and_confirm_lists_what_is_missing(
        logged_in, django_capture_on_commit_callbacks):
    client, account, instances = logged_in
    order = _through_subject(client, instances, django_capture_on_commit_callbacks)
    response = _second_site(client, order)
    assert response.status_code == 302 and response["Location"].endswith(f"/orders/{order.pk}/product/")
    order = _fresh(order)
    assert order.application["websites"][1]["access"] is None

    # The person skips 产品验证 by URL: nothing crashes, and every page says what is missing, with a link.
    materials = client.get(f"/orders/{order.pk}/materials/").content.decode()
    assert "zj-demo-two.com" in materials and f"/orders/{order.pk}/product/" in materials
    confirm = client.get(f"/orders/{order.pk}/confirm/")
    assert confirm.status_code == 200
    page = confirm.content.decode()
    missing = page[page.index('id="missing"'):]
    assert "网站2" in missing and "请填写接入信息" in missing and f"/orders/{order.pk}/product/" in missing
    refused = client.post(f"/orders/{order.pk}/confirm/", {"agreement": "on"})
    assert refused.status_code == 200 and "请填写接入信息" in refused.content.decode()
    assert _fresh(order).state != states.PROVIDER_REVIEW
    assert client.get(f"/orders/{order.pk}/").status_code == 200
    for kind in ("authorization_letter", "site_plan"):
        assert render_template(order, kind)[:4] == b"%PDF"

    # 产品验证 for the new site, then 下一步 goes on to 上传资料 (the earlier steps are done).
    done = client.post(f"/orders/{order.pk}/product/", {
        "version": order.version, "action": "next", "websites[0].access.instance_id": instances[0].instance_id,
        "websites[1].access.instance_id": instances[1].instance_id})
    assert done.status_code == 302 and done["Location"].endswith(f"/orders/{order.pk}/materials/")
    order = _fresh(order)
    assert order.state == states.MATERIALS
    for kind, owner, side in [("subject_certificate", "subject", ""), ("principal_id", "subject_principal", "front"),
                              ("principal_id", "subject_principal", "back")]:
        client.post(f"/orders/{order.pk}/materials/", {"kind": kind, "owner": owner, "side": side,
                                                      "file": SimpleUploadedFile("x.png", image_bytes())})
    confirm = client.get(f"/orders/{order.pk}/confirm/").content.decode()
    missing = confirm[confirm.index('id="missing"'):]
    assert "真实性核验" in missing and "主体负责人 张三" in missing and f"/orders/{order.pk}/materials/" in missing
    pass_verification(order)
    confirm = client.get(f"/orders/{order.pk}/confirm/").content.decode()
    assert 'id="missing"' not in confirm
    assert client.post(f"/orders/{order.pk}/confirm/", {"agreement": "on"}).status_code == 302
    assert _fresh(order).state == states.PROVIDER_REVIEW


def test_product_next_stays_while_a_website_has_no_access(logged_in):
    client, account, instances = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    page = client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "next"})
    assert page.status_code == 200 and "尚未完成产品验证" in page.content.decode()


def test_the_reviewer_page_shows_an_order_whose_website_has_no_access(logged_in, client, django_user_model):
    from django.contrib.auth.models import Group

    c, account, _ = logged_in
    c.post("/orders/new/", basic_post())
    order = Order.objects.get()
    app = order.application
    app["websites"].append({**app["websites"][0], "name": "第二个网站", "domains": ["zj-demo-two.com"], "access": None})
    Order.objects.filter(pk=order.pk).update(application=app, state=states.PROVIDER_REVIEW)
    reviewer = django_user_model.objects.create_user("rev@example.com", "rev@example.com", "pw-12345678")
    group, _ = Group.objects.get_or_create(name="reviewers")
    reviewer.groups.add(group)
    reviewer.is_staff = True
    reviewer.save()
    client.force_login(reviewer)
    assert client.get(f"/review/{order.pk}/").status_code == 200


# Item 2 ---------------------------------------------------------------------------------------------

def test_step_one_of_an_existing_order_saves_at_version_zero(logged_in):
    client, account, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    assert order.version == 0
    page = client.get(f"/orders/{order.pk}/basic/").content.decode()
    version = re.search(r'name="version" value="([^"]*)"', page).group(1)
    assert version == "0"
    saved = client.post(f"/orders/{order.pk}/basic/", basic_post(action="check", version=version,
                                                                 **{"subject.cert_address": "浙江省杭州市西湖区文三路200号"}))
    assert "已在其他页面或标签页中被修改" not in saved.content.decode()
    assert _fresh(order).application["subject"]["cert_address"] == "浙江省杭州市西湖区文三路200号"


def test_every_step_posts_the_order_version(logged_in):
    client, account, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    for step in ("basic", "product", "subject", "websites"):
        page = client.get(f"/orders/{order.pk}/{step}/").content.decode()
        assert re.findall(r'name="version" value="([^"]*)"', page) == [str(order.version)], step


def test_a_version_that_is_not_a_number_is_not_a_server_error(logged_in):
    client, account, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    response = client.post(f"/orders/{order.pk}/subject/", subject_post("abc", action="save"))
    assert response.status_code == 200


def test_the_step_bar_links_back_to_every_step_reached(logged_in):
    client, account, instances = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    client.get(f"/orders/{order.pk}/product/")
    client.post(f"/orders/{order.pk}/product/", {"version": order.version, "action": "next",
                                                "websites[0].access.instance_id": instances[0].instance_id})
    page = client.get(f"/orders/{order.pk}/subject/").content.decode()
    bar = page[page.index('class="steps"'):page.index("</ol>")]
    assert f'href="/orders/{order.pk}/basic/"' in bar and f'href="/orders/{order.pk}/product/"' in bar
    assert 'aria-current="step"' in bar and f'href="/orders/{order.pk}/subject/"' not in bar, "current: no link"
    assert f'href="/orders/{order.pk}/websites/"' not in bar, "not reached yet"
    page = client.get(f"/orders/{order.pk}/basic/").content.decode()
    bar = page[page.index('class="steps"'):page.index("</ol>")]
    assert f'href="/orders/{order.pk}/subject/"' in bar, "a step reached stays reachable after going back"


# Item 4 ---------------------------------------------------------------------------------------------

def test_a_stale_tab_sees_both_values_and_chooses_per_field(logged_in):
    client, account, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    stale = order.version
    client.post(f"/orders/{order.pk}/subject/", subject_post(stale, action="save"))  # tab A, first
    ok = subject_post(stale, action="save", **{"subject.mailing_address": "浙江省杭州市西湖区文三路100号9楼901室",
                                               "subject.principal.email": "other@example.com"})
    page = client.post(f"/orders/{order.pk}/subject/", ok).content.decode()  # tab B, stale
    order = _fresh(order)
    assert order.application["subject"]["mailing_address"] == "浙江省杭州市西湖区文三路100号8楼801室", "nothing overwritten"
    assert "此订单已在其他页面或标签页中被修改" in page
    box = page[page.index('data-conflict="subject.mailing_address"'):]
    assert "9楼901室" in box and "8楼801室" in box
    assert 'data-conflict="subject.principal.mobile"' not in page, "same value on both sides: no conflict"
    assert re.search(r'name="version" value="(\d+)"', page).group(1) == str(order.version)

    # Saving again without choosing still overwrites nothing.
    again = ok | {"version": order.version, "conflicts": ["subject.mailing_address", "subject.principal.email"]}
    page = client.post(f"/orders/{order.pk}/subject/", again).content.decode()
    assert "请逐项选择" in page
    assert _fresh(order).application["subject"]["principal"]["email"] == "zhangsan@example.com"

    chosen = again | {"conflict:subject.mailing_address": "saved", "conflict:subject.principal.email": "mine"}
    client.post(f"/orders/{order.pk}/subject/", chosen)
    subject = _fresh(order).application["subject"]
    assert subject["mailing_address"] == "浙江省杭州市西湖区文三路100号8楼801室"
    assert subject["principal"]["email"] == "other@example.com"


def _form(page: str) -> dict:
    """The hidden version and base of a step page, as the browser would post them back."""
    import html

    return {"version": re.search(r'name="version" value="(\d*)"', page).group(1),
            "base": html.unescape(re.search(r'name="base" value="([^"]*)"', page).group(1))}


def test_a_stale_tab_keeps_what_it_typed_and_what_the_other_tab_saved(logged_in):
    client, account, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    tab_a = _form(client.get(f"/orders/{order.pk}/websites/").content.decode())
    tab_b = _form(client.get(f"/orders/{order.pk}/subject/").content.decode())
    tab_b = _form(client.post(f"/orders/{order.pk}/subject/", subject_post(tab_b["version"], action="save",
                                                                          base=tab_b["base"])).content.decode())
    # Tab A, opened before tab B saved, types a website name: different fields, so both are kept.
    response = client.post(f"/orders/{order.pk}/websites/", website_post(tab_a["version"], [SITES[0]], action="save",
                                                                         base=tab_a["base"]))
    assert "此订单已在其他页面或标签页中被修改" not in response.content.decode()
    app = _fresh(order).application
    assert app["websites"][0]["name"] == SITES[0][0] and app["subject"]["principal"]["mobile"] == "13800000000"

    # Tab B (now stale) saves the subject with only the email changed: tab A's name stays, the email is saved.
    page = client.post(f"/orders/{order.pk}/subject/", subject_post(
        tab_b["version"], action="save", base=tab_b["base"], **{"subject.principal.email": "b@example.com"}))
    assert "data-conflict" not in page.content.decode()
    app = _fresh(order).application
    assert app["websites"][0]["name"] == SITES[0][0] and app["subject"]["principal"]["email"] == "b@example.com"


def test_a_field_both_tabs_changed_is_a_conflict_even_with_a_base(logged_in):
    client, account, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    tab_a = _form(client.get(f"/orders/{order.pk}/websites/").content.decode())
    tab_b = dict(tab_a)
    client.post(f"/orders/{order.pk}/websites/", website_post(tab_b["version"], [("B填写的网站", "zj-demo-one.com")],
                                                              action="save", base=tab_b["base"]))
    page = client.post(f"/orders/{order.pk}/websites/", website_post(
        tab_a["version"], [("A填写的网站", "zj-demo-one.com")], action="save", base=tab_a["base"])).content.decode()
    box = page[page.index('data-conflict="websites[0].name"'):]
    assert "A填写的网站" in box[:800] and "B填写的网站" in box[:800]
    assert page.count("data-conflict=") == 1
    assert _fresh(order).application["websites"][0]["name"] == "B填写的网站"


def test_a_stale_add_website_is_not_lost_silently(logged_in):
    client, account, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    client.post(f"/orders/{order.pk}/websites/", website_post(order.version, [("第一个名字网站", "zj-demo-one.com")],
                                                              action="save"))
    response = client.post(f"/orders/{order.pk}/websites/", website_post(order.version, [SITES[0]], action="add"))
    page = response.content.decode()
    assert response.status_code == 200 and 'data-conflict="websites[0].name"' in page
    assert len(_fresh(order).application["websites"]) == 1


def test_a_website_removed_in_another_tab_is_named_not_dropped_unseen(logged_in):
    client, account, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    client.post(f"/orders/{order.pk}/websites/", website_post(order.version, [SITES[0]], action="add"))
    stale = _fresh(order).version
    client.post(f"/orders/{order.pk}/websites/", website_post(stale, SITES, action="remove:1"))  # the other tab
    page = client.post(f"/orders/{order.pk}/websites/", website_post(stale, SITES, action="save"), follow=True)
    assert "示例科技产品中心" in page.content.decode() and "zj-demo-two.com" in page.content.decode()
    assert len(_fresh(order).application["websites"]) == 1


# Item 6 ---------------------------------------------------------------------------------------------

def test_a_step_opens_without_errors_until_the_person_acts(logged_in):
    client, account, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    for step in ("subject", "websites"):
        page = client.get(f"/orders/{order.pk}/{step}/").content.decode()
        assert 'class="field-error' not in page, step
    page = client.post(f"/orders/{order.pk}/subject/", {"version": order.version, "action": "save"}).content.decode()
    assert 'class="field-error' in page
    page = client.get(f"/orders/{order.pk}/subject/").content.decode()
    assert 'class="field-error' in page, "a step saved before shows its findings"



def test_a_website_just_added_opens_blank_and_shows_its_findings_once_saved(logged_in):
    client, account, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    added = client.post(f"/orders/{order.pk}/websites/", website_post(order.version, [SITES[0]], action="add"))
    page = client.get(added["Location"]).content.decode()
    assert 'name="websites[1].name"' in page
    site = page[page.index('data-website="1"'):]
    assert 'class="field-error' not in site
    saved = client.post(added["Location"], website_post(_fresh(order).version, [SITES[0], ("", "")], action="save"))
    site = saved.content.decode()[saved.content.decode().index('data-website="1"'):]
    assert 'class="field-error' in site


def _filled_outside_wizard(client, account, instances, site_name=""):
    """A draft made by services (as the demo or an API client makes one): no step visits, SMS not confirmed."""
    from beian.filings.services import create_order

    client.post("/orders/new/", basic_post())
    application = Order.objects.get().application
    Order.objects.all().delete()
    application["websites"][0]["access"] = {"product": "ecs", "instance_id": instances[0].instance_id,
                                            "ip": instances[0].public_ip, "service_number": None}
    application["subject"].update({"mailing_address": "浙江省杭州市西湖区文三路100号8楼801室"})
    application["subject"]["principal"].update({"mobile": "13800000000", "name": "张三"})
    application["websites"][0]["name"] = site_name
    return create_order(account=account, application=application, kind="first")


def test_an_order_filled_outside_the_wizard_links_every_step_its_content_reaches(logged_in):
    """A draft made by the demo, an API client or a prefill has no visits: its step bar still links to
    each step whose earlier steps are filled, and a step already filled shows its findings."""
    from beian.wizard.visits import reached_steps, saved_steps

    client, account, instances = logged_in
    order = _filled_outside_wizard(client, account, instances, site_name="示例科技官方网站")
    assert reached_steps(order) == {"basic", "product", "subject", "websites", "materials"}
    assert {"product", "subject", "websites"} <= saved_steps(order)
    page = client.get(f"/orders/{order.pk}/basic/").content.decode()
    bar = page[page.index('class="steps"'):page.index("</ol>")]
    for step in ("product", "subject", "websites", "materials"):
        assert f'href="/orders/{order.pk}/{step}/"' in bar, step
    assert f'href="/orders/{order.pk}/confirm/"' not in bar


def test_a_first_submission_needs_the_principals_mobile_confirmed_even_when_the_step_was_skipped(logged_in):
    """The step bar reaches 信息确认 without passing 填写主体信息's SMS code: the confirm page lists the code as
    missing with a link to the step, and the submission is refused, changing nothing."""
    client, account, instances = logged_in
    order = _filled_outside_wizard(client, account, instances)
    page = client.get(f"/orders/{order.pk}/confirm/").content.decode()
    missing_block = page[page.index('id="missing"'):]
    assert "请获取并填写发送到主体负责人手机的验证码" in missing_block
    assert f'href="/orders/{order.pk}/subject/"' in missing_block
    refused = client.post(f"/orders/{order.pk}/confirm/", {"agreement": "on"})
    assert refused.status_code == 200 and "请获取并填写发送到主体负责人手机的验证码" in refused.content.decode()
    assert _fresh(order).state == states.DRAFT and _fresh(order).submitted_at is None
