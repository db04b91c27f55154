"""Issue 11 items 3, 5, 7 and 9 through the wizard's pages (Django test client)."""

import copy
import html
import re

import pytest

from beian.filings import checks
from beian.filings.demo import FILED_SUBJECT, seed_approved_filing, seed_business
from beian.filings.models import Order
from beian.filings.services import create_order

from .support import applicant_with_products, basic_post, setup_registry, subject_post, website_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client):
    setup_registry()
    account, instances = applicant_with_products()
    client.force_login(account)
    return client, account, instances


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _field(page: str, name: str) -> str:
    """The HTML of one field block (label, input, errors, notes, help)."""
    pattern = r'<div class="field[^"]*" data-field="' + re.escape(name) + r'">(.*?)\n</div>'
    match = re.search(pattern, page, re.S)
    assert match, f"no field {name}"
    return match.group(1)


# Item 3 -------------------------------------------------------------------------------------------

def test_a_subdomain_blocks_next_and_the_summary_never_says_passed(logged_in):
    client, _, _ = logged_in
    response = client.post("/orders/new/", basic_post(**{"websites[0].domains[0]": "WWW.Example.COM"}))
    assert response.status_code == 200 and not Order.objects.exists(), "下一步 created an order with a subdomain"
    page = _text(response)
    assert "校验通过" not in page and "可以备案" not in page
    domain = _field(page, "websites[0].domains[0]")
    assert "field-error" in domain and "“example.com”" in domain
    assert 'data-fix-value="example.com"' in domain, "no one-click fix"
    assert 'id="basic-findings"' in page and "example.com" in page.split('id="basic-findings"')[1]


def test_an_existing_order_does_not_go_on_with_a_subdomain(logged_in):
    client, _, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    response = client.post(f"/orders/{order.pk}/basic/", basic_post(version=order.version,
                                                                   **{"websites[0].domains[0]": "www.zj-demo-one.com"}))
    assert response.status_code == 200, "went on to 产品验证 with a subdomain"
    assert "校验通过" not in _text(response)


def test_a_clean_step_one_still_says_passed(logged_in):
    client, _, _ = logged_in
    page = _text(client.post("/orders/new/", basic_post(action="check")))
    assert "可以备案" in page and "校验通过" in page


def test_the_websites_step_offers_the_fix_for_a_second_site(logged_in):
    client, _, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    client.post(f"/orders/{order.pk}/websites/", website_post(order.version, [("示例科技官方网站", "zj-demo-one.com")],
                                                              action="add"))
    order.refresh_from_db()
    sites = [("示例科技官方网站", "zj-demo-one.com"), ("示例科技产品中心", "Shop.ZJ-Demo-Two.com")]
    page = _text(client.post(f"/orders/{order.pk}/websites/", website_post(order.version, sites, action="next")))
    domain = _field(page, "websites[1].domains[0]")
    assert 'data-fix-value="zj-demo-two.com"' in domain and 'value="shop.zj-demo-two.com"' in domain
    assert "Shop.ZJ-Demo-Two.com" in domain, "the tidied value is not explained"
    order.refresh_from_db()
    assert order.state == "draft", "went on to 上传资料 with a subdomain"


# Item 5 -------------------------------------------------------------------------------------------

def test_step_one_normalises_full_width_domain_and_cert_number(logged_in):
    client, _, _ = logged_in
    typed = {"websites[0].domains[0]": "ＺＪ－ｆｕｌｌ．ＣＯＭ", "subject.cert_number": "９１３３ ０１０６ ma2g l0xx 7u"}
    response = client.post("/orders/new/", basic_post(action="check", **typed))
    page = _text(response)
    domain = _field(page, "websites[0].domains[0]")
    assert 'value="zj-full.com"' in domain and "ＺＪ－ｆｕｌｌ．ＣＯＭ" in domain, "not normalised, or not explained"
    assert 'value="91330106MA2GL0XX7U"' in _field(page, "subject.cert_number")
    assert "可以备案" in page
    client.post("/orders/new/", basic_post(**typed))
    order = Order.objects.get()
    assert order.application["websites"][0]["domains"] == ["zj-full.com"]
    assert order.application["subject"]["cert_number"] == "91330106MA2GL0XX7U"


@pytest.mark.parametrize("typed", ["http://zj-demo-one.com/about", "zj-demo-one.com.", "zj-demo-one。com"])
def test_pasted_addresses_become_the_domain(logged_in, typed):
    client, _, _ = logged_in
    client.post("/orders/new/", basic_post(**{"websites[0].domains[0]": typed}))
    assert Order.objects.get().application["websites"][0]["domains"] == ["zj-demo-one.com"]


def test_subject_step_normalises_phones_and_id_numbers_and_says_so(logged_in):
    client, _, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    typed = {"subject.principal.mobile": "+86-138-0000-0000", "subject.principal.emergency_mobile": "８６１３９００００００００",
             "subject.principal.cert_number": "330106 19900101 123x", "subject.principal.contact2": "0571 88886666",
             "subject.principal.email": " ZhangSan＠Example．COM", "subject.mailing_address": "浙江省杭州市西湖区文三路１００号8楼801室",
             "subject.principal.cert_valid_until": "2035/1/1"}
    page = _text(client.post(f"/orders/{order.pk}/subject/", subject_post(order.version, action="save", **typed)))
    order.refresh_from_db()
    principal = order.application["subject"]["principal"]
    assert principal["mobile"] == "13800000000" and principal["emergency_mobile"] == "13900000000"
    assert principal["cert_number"] == "33010619900101123X" and principal["contact2"] == "086-0571-88886666"
    assert principal["email"] == "ZhangSan@example.com" and principal["cert_valid_until"] == "2035-01-01"
    assert order.application["subject"]["mailing_address"] == "浙江省杭州市西湖区文三路100号8楼801室"
    mobile = _field(page, "subject.principal.mobile")
    assert "+86-138-0000-0000" in mobile and 'value="13800000000"' in mobile and "field-error" not in mobile


@pytest.mark.parametrize("typed", ["138 0000 0000", "+86 13800000000", "+86-138-0000-0000", "８６１３８００００００００"])
def test_every_odd_mobile_form_is_kept(logged_in, typed):
    client, _, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    client.post(f"/orders/{order.pk}/subject/", subject_post(order.version, action="save",
                                                             **{"subject.principal.mobile": typed}))
    order.refresh_from_db()
    assert order.application["subject"]["principal"]["mobile"] == "13800000000"


def test_a_message_never_quotes_an_empty_value(logged_in):
    client, _, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    page = _text(client.post(f"/orders/{order.pk}/subject/", subject_post(
        order.version, action="save", **{"subject.principal.mobile": "", "subject.principal.email": ""})))
    assert "“”" not in page
    assert "请填写手机号码" in _field(page, "subject.principal.mobile")
    assert "请填写电子邮箱" in _field(page, "subject.principal.email")


def test_an_unreadable_value_is_kept_and_quoted(logged_in):
    client, _, _ = logged_in
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    page = _text(client.post(f"/orders/{order.pk}/subject/", subject_post(
        order.version, action="save", **{"subject.principal.mobile": "138 0000"})))
    order.refresh_from_db()
    assert order.application["subject"]["principal"]["mobile"] == "138 0000"
    assert "“138 0000”" in _field(page, "subject.principal.mobile")


# Item 7 -------------------------------------------------------------------------------------------

REMARK_HINT = "江苏个人网站须说明网站开通后的主要内容"


def _order_in(account, province: str, nature: str) -> Order:
    app = checks.blank_application()
    app["region"] = {"province": province, "city": "某市", "district": "某区"}
    app["subject"].update(nature=nature, cert_type="resident_id" if nature == "individual" else "business_license",
                          name="李四", cert_number="320102199003071234")
    app["websites"][0].update(name="李四的个人博客", domains=["lisi-blog.com"], content="其他")
    return create_order(account=account, application=app, kind="first")


@pytest.mark.parametrize(("province", "nature", "shown"), [
    ("江苏省", "individual", True), ("浙江省", "individual", False), ("浙江省", "enterprise", False),
    ("江苏省", "enterprise", False),
])
def test_the_jiangsu_remark_hint_shows_only_in_jiangsu(logged_in, province, nature, shown):
    client, account, _ = logged_in
    order = _order_in(account, province, nature)
    page = _text(client.get(f"/orders/{order.pk}/websites/"))
    assert (REMARK_HINT in page) is shown


def test_jiangsu_required_name_form_gets_no_contradicting_warning(logged_in):
    client, account, _ = logged_in
    order = _order_in(account, "江苏省", "individual")
    name = _field(_text(client.get(f"/orders/{order.pk}/websites/")), "websites[0].name")
    assert "个人姓名" not in name and "关联性" not in name, "help or warning contradicts the required form"
    assert "field-error" not in name and "field-warning" not in name


@pytest.mark.parametrize(("province", "nature", "needle"), [
    ("江苏省", "individual", "某某的个人博客"), ("浙江省", "individual", "不能使用个人姓名"),
    ("浙江省", "enterprise", "与主办单位名称有关联性"),
])
def test_the_site_name_help_fits_the_subject(logged_in, province, nature, needle):
    client, account, _ = logged_in
    order = _order_in(account, province, nature)
    assert needle in _field(_text(client.get(f"/orders/{order.pk}/websites/")), "websites[0].name")


# Item 9 -------------------------------------------------------------------------------------------

def _filed(account, number="浙ICP备2025000009号", domain="xixi-old.com"):
    seed_business((FILED_SUBJECT["cert_number"], FILED_SUBJECT["name"], "陈明"))
    return seed_approved_filing(account, subject=FILED_SUBJECT, province="浙江省", number=number, domain=domain,
                                site_name="西溪示例官方网站", instance_id="i-x", ip="47.96.10.11")


def _basic_for_filed(**overrides):
    return basic_post(**{"subject.name": FILED_SUBJECT["name"], "subject.cert_number": FILED_SUBJECT["cert_number"],
                         "subject.cert_address": FILED_SUBJECT["cert_address"], "websites[0].domains[0]": "xixi-new.com",
                         "region.city": "", "region.district": "", **overrides})


def _assert_prefilled(order):
    subject = order.application["subject"]
    for key in ("mailing_address", "investor", "cert_address"):
        assert subject[key] == FILED_SUBJECT[key], key
    assert subject["principal"] == FILED_SUBJECT["principal"]
    assert order.application["region"]["city"] == "杭州市" and order.application["region"]["district"] == "西湖区"


def test_new_site_here_is_prefilled_from_the_filing(logged_in):
    client, account, _ = logged_in
    _filed(account)
    client.post("/orders/new/", _basic_for_filed())
    order = Order.objects.get()
    assert order.kind == "new_site_here"
    _assert_prefilled(order)
    page = _text(client.get(f"/orders/{order.pk}/subject/"))
    assert f'value="{FILED_SUBJECT["principal"]["mobile"]}"' in _field(page, "subject.principal.mobile")
    assert f'value="{FILED_SUBJECT["principal"]["email"]}"' in _field(page, "subject.principal.email")
    assert f'value="{FILED_SUBJECT["mailing_address"]}"' in _field(page, "subject.mailing_address")


def test_step_one_turning_an_order_into_new_site_here_prefills_it(logged_in):
    client, account, _ = logged_in
    _filed(account)
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    assert order.kind == "first"
    client.post(f"/orders/{order.pk}/basic/", _basic_for_filed(version=order.version))
    order.refresh_from_db()
    assert order.kind == "new_site_here"
    _assert_prefilled(order)


def test_prefill_keeps_what_the_applicant_typed(logged_in):
    client, account, _ = logged_in
    _filed(account)
    client.post("/orders/new/", _basic_for_filed(**{"region.city": "宁波市", "region.district": "海曙区"}))
    order = Order.objects.get()
    assert order.application["region"]["city"] == "宁波市" and order.application["region"]["district"] == "海曙区"
    assert order.application["subject"]["principal"]["mobile"] == FILED_SUBJECT["principal"]["mobile"]


def test_another_accounts_filing_is_never_copied(logged_in, django_user_model):
    # Issue 13 #4: not even an order is made (tests/filings/test_other_account.py has the rest).
    client, _, _ = logged_in
    other = django_user_model.objects.create_user("other@example.com", "other@example.com", "Str0ng-pass-99")
    _filed(other)
    page = _text(client.post("/orders/new/", _basic_for_filed()))
    assert not Order.objects.exists()
    assert "该域名对应的主体信息在系统中已经存在" in page
    assert FILED_SUBJECT["principal"]["mobile"] not in page and FILED_SUBJECT["principal"]["email"] not in page


def test_prefill_does_not_change_the_filing(logged_in):
    client, account, _ = logged_in
    filing = _filed(account)
    before = copy.deepcopy(filing.application)
    client.post("/orders/new/", _basic_for_filed())
    order = Order.objects.get()
    order.application["subject"]["principal"]["mobile"] = "13700000000"
    filing.refresh_from_db()
    assert filing.application == before


def test_new_site_from_the_filing_card_starts_with_the_subject_filled(logged_in, django_user_model):
    client, account, _ = logged_in
    filing = _filed(account)
    listing = _text(client.get("/orders/"))
    assert f'/orders/new/?filing={filing.pk}' in listing
    page = _text(client.get(f"/orders/new/?filing={filing.pk}"))
    assert f'value="{FILED_SUBJECT["cert_number"]}"' in _field(page, "subject.cert_number")
    assert f'value="{FILED_SUBJECT["name"]}"' in _field(page, "subject.name")
    assert 'value="杭州市"' in _field(page, "region.city")
    other = django_user_model.objects.create_user("o2@example.com", "o2@example.com", "Str0ng-pass-99")
    client.force_login(other)
    for bad in (str(filing.pk), "abc", "-1", "9" * 30):
        response = client.get(f"/orders/new/?filing={bad}")
        assert response.status_code == 200 and FILED_SUBJECT["cert_number"] not in _text(response)
