"""The precheck page's form: precheck.md's input field by field, findings next to each field, JSON kept as
an advanced tab, and no input that ends in a 500."""

import json

import pytest

from beian.web.views import SAMPLE
from tests.answers import answered

pytestmark = pytest.mark.django_db


def clean_post(**overrides) -> dict:
    """The sample individual (山东) with its two problems fixed, as the form posts it."""
    data = {
        "website_count": "1", "action": "check",
        "region.province": "山东省", "region.city": "济南市", "region.district": "历下区",
        "subject.nature": "individual", "subject.cert_type": "resident_id", "subject.name": "孙浩",
        "subject.cert_number": "370102199302157859", "subject.cert_address": "山东省济南市历下区泉城路26号",
        "requested_type": "", "subject.mailing_address": "山东省济南市历下区泉城路26号", "subject.remark": "",
        "subject.principal.cert_valid_until": "2035-12-31", "subject.principal.mobile": "13992943790",
        "subject.principal.contact2": "", "subject.principal.emergency_mobile": "18509624155",
        "subject.principal.email": "user19930215@163.com",
        "websites[0].name": "读书随笔记录", "websites[0].domains[0]": "sd-19930215.com", "websites[0].content": "其他",
        "websites[0].service_type": "网站应用服务", "websites[0].languages": ["中文简体"],
        "websites[0].pre_approvals[0].category": "", "websites[0].remark": "", "websites[0].access.product": "ecs",
        "websites[0].access.ip": "47.97.10.11", "websites[0].access.service_number": "",
    }
    data.update(overrides)
    return data


def field_html(page: str, name: str) -> str:
    start = page.index(f'data-field="{name}"')
    return page[start:page.index('<div class="field', start + 1) if '<div class="field' in page[start + 1:] else None]


def test_the_page_opens_on_a_form_with_fields_not_a_json_textarea(client):
    page = client.get("/precheck/").content.decode()
    for name in ("region.province", "subject.nature", "subject.cert_type", "subject.name", "subject.cert_number",
                 "subject.cert_address", "subject.principal.mobile", "websites[0].name", "websites[0].domains[0]",
                 "websites[0].access.ip", "websites[0].reuse"):
        assert f'name="{name}"' in page, name
    assert 'name="application"' not in page and "高级：粘贴或上传 JSON" in page
    assert "<script>" not in page  # scripts are files (a CSP without inline scripts is coming)


def test_findings_are_shown_at_their_fields(client):
    page = client.post("/precheck/", clean_post(**{
        "subject.mailing_address": "山东省济南市历下区泉城路", "websites[0].name": "孙浩论坛",
        "subject.principal.mobile": "12345", "websites[0].access.ip": ""})).content.decode()
    assert "未通过" in page
    assert "通信地址需详细到门牌号" in field_html(page, "subject.mailing_address")
    assert "论坛" in field_html(page, "websites[0].name")
    assert "手机号码" in field_html(page, "subject.principal.mobile")
    assert 'data-code="ACCESS_MISSING"' in page[page.index('data-field="websites[0].access"'):]
    assert 'value="孙浩论坛"' in page and 'value="12345"' in page  # what was typed stays


def test_a_clean_application_passes_and_shows_the_filing_type(client):
    page = client.post("/precheck/", clean_post()).content.decode()
    assert "预检通过" in page and "备案类型：</strong>首次备案" in page
    assert "field-error" not in page


def test_add_and_remove_websites_without_javascript(client):
    page = client.post("/precheck/", clean_post(action="add")).content.decode()
    assert 'name="websites[1].name"' in page and 'value="读书随笔记录"' in page and 'name="website_count" value="2"' in page
    two = clean_post(action="remove:0", website_count="2", **{
        "websites[1].name": "第二个网站", "websites[1].domains[0]": "second-site.com", "websites[1].content": "其他",
        "websites[1].service_type": "网站应用服务", "websites[1].languages": ["中文简体"]})
    page = client.post("/precheck/", two).content.decode()
    assert 'name="websites[1].name"' not in page and 'value="第二个网站"' in page and 'value="second-site.com"' in page


def test_a_second_website_with_its_own_principal(client):
    data = clean_post(website_count="2", **{
        "subject.nature": "enterprise", "subject.cert_type": "business_license", "subject.name": "济南示例科技有限公司",
        "subject.cert_number": "91370102MA3XXXXXXX", "websites[1].name": "济南示例商城", "websites[1].domains[0]": "jn-shop.com",
        "websites[1].content": "其他", "websites[1].service_type": "网站应用服务", "websites[1].languages": ["中文简体"],
        "websites[1].reuse": "0", "websites[1].principal.name": "李四", "websites[1].principal.mobile": "1380000",
        "websites[1].access.ip": "10.0.0.1"})
    page = client.post("/precheck/", data).content.decode()
    assert 'value="李四"' in page and 'value="0" checked' in page
    assert "手机号码" in field_html(page, "websites[1].principal.mobile")
    assert "IP" in field_html(page, "websites[1].access.ip")


def test_a_value_too_long_is_explained_and_kept(client):
    long_name = "很长" * 60
    page = client.post("/precheck/", clean_post(**{"websites[0].name": long_name})).content.decode()
    assert "不能超过50个字符" in field_html(page, "websites[0].name") and long_name in page


@pytest.mark.parametrize("hostile", ["", "x" * 10_000, "a\x00b", "😀", "ｅｘａｍｐｌｅ．ｃｏｍ", "<script>alert(1)</script>"])
def test_hostile_values_in_every_field_never_fail(client, hostile):
    for data in ({key: hostile for key in clean_post()}, {**clean_post(), "subject.cert_number": f"3701{hostile}02"}):
        for action in ("check", hostile):
            response = client.post("/precheck/", {**data, "website_count": hostile, "action": action})
            assert answered(response, ok=(200,))
            assert "<script>alert(1)</script>" not in response.content.decode()
    for action in ("add", "remove:0", "remove:99", "remove:x", "check"):
        assert client.post("/precheck/", {**clean_post(), "action": action, "website_count": "99999"}).status_code == 200


def test_sample_fills_the_form_and_the_json_tab(client):
    page = client.get("/precheck/?sample=1").content.decode()
    assert 'value="孙浩"' in page and 'value="sd-19930215.com"' in page
    json_tab = client.get("/precheck/?mode=json&sample=1").content.decode()
    assert 'name="application"' in json_tab and "sd-19930215.com" in json_tab and 'name="website_count"' not in json_tab


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[" * 100_000 + "]" * 100_000, "嵌套层数过多"),
        ('{"a":' * 40 + "1" + "}" * 40, "嵌套层数过多"),
        ('{"region": 1' + "0" * 5000 + "}", "超出范围的数字"),
        ('{"region": NaN}', "超出范围的数字"),
        ('{"region": 1e999}', "超出范围的数字"),
        (json.dumps({**json.loads(SAMPLE), "materials": [{"kind": "principal_id", "owner": "subject_principal",
                                                          "side": "front", "format": "jpg", "bytes": 10**400,
                                                          "width": 1, "height": 1}]}), "materials[0].bytes"),
    ],
)
def test_json_tab_bad_numbers_and_nesting_get_a_chinese_message(client, text, needle):
    response = client.post("/precheck/", {"mode": "json", "application": text})
    assert response.status_code == 200
    body = response.content.decode()
    assert needle in body and 'id="precheck-error"' in body
