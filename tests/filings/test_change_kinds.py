"""Issue 15 item 1: a change order's SMS targets and materials follow its kind and what it changes (seed 003 §9
变更备案; "Materials: only those the change touches"), and so does the authenticity check."""

import pytest

from beian.filings import changes, checks, demo
from beian.filings.models import FiledWebsite, Order
from beian.verification.selectors import verification_status
from tests.rules.support import principal

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(applicant):
    filing = demo.seed_approved_filing(applicant, subject={**demo.FILED_SUBJECT}, province="浙江省",
                                       number="浙ICP备2025000002号", domain="kinds-one.com", site_name="示例网站",
                                       instance_id="i-one", ip="47.96.10.12")
    return filing, FiledWebsite.objects.get(filing=filing)


def _change(client, applicant, filed, kind):
    filing, website = filed
    client.force_login(applicant)
    assert client.post(f"/orders/filings/{filing.pk}/change/", {"kind": kind, "website": website.pk}).status_code == 302
    return Order.objects.get(kind=kind)


def _edit(order, **paths):
    from beian.wizard.fields import set_path

    for path, value in paths.items():
        set_path(order.application, path.replace("__", "."), value)
    order.save()
    return checks.run(order.application, order=order, materials=[])


def _owners(result):
    return sorted({(m["kind"], m["owner"]) for m in result["required_materials"]})


def _missing(result):
    return sorted({f["path"] for f in result["findings"] if f["code"] == "MATERIAL_MISSING"})


def test_change_subject_email_only_needs_nothing_and_verifies_the_subject_principal(client, applicant, filed):
    order = _change(client, applicant, filed, "change_subject")
    result = _edit(order, **{"subject.principal.email": "new@example.com"})
    assert result["filing_type"] == "change_subject"
    assert result["required_materials"] == [] and _missing(result) == []
    assert result["sms_targets"] == [demo.FILED_SUBJECT["principal"]["mobile"]]
    assert verification_status(order, required=result["required_materials"])["people"] == []


def test_change_subject_new_mobile_is_the_one_verified_and_needs_no_upload(client, applicant, filed):
    order = _change(client, applicant, filed, "change_subject")
    result = _edit(order, **{"subject.principal.mobile": "13912345678"})
    assert result["sms_targets"] == ["13912345678"]
    assert result["required_materials"] == []


def test_change_subject_new_principal_needs_their_id(client, applicant, filed):
    order = _change(client, applicant, filed, "change_subject")
    result = _edit(order, **{"subject.principal.name": "李四", "subject.principal.cert_number": "110105194912310029"})
    assert _owners(result) == [("principal_id", "subject_principal")]
    assert _missing(result) == ["subject.principal"]
    # the website reuses the subject principal: the new person verifies their face
    people = verification_status(order, required=result["required_materials"])["people"]
    assert [(p["person"], p["must"]) for p in people] == [("subject_principal", True)]


def test_change_subject_new_name_needs_the_new_licence_not_an_address_for_letters(client, applicant, filed):
    order = _change(client, applicant, filed, "change_subject")
    result = _edit(order, **{"subject.mailing_address": "浙江省杭州市西湖区文三路200号9楼901室"})
    assert result["required_materials"] == []  # near miss: the mailing address is not on the licence
    result = _edit(order, **{"subject.name": "杭州西溪新名科技有限公司"})
    assert ("subject_certificate", "subject") in _owners(result)
    assert ("principal_id", "subject_principal") not in _owners(result)
    assert "subject" in _missing(result)


def test_change_website_verifies_the_website_principal_and_needs_a_new_ones_id(client, applicant, filed):
    order = _change(client, applicant, filed, "change_website")
    result = _edit(order, **{"websites[0].name": "西溪示例科技网站"})
    assert result["required_materials"] == []
    # the website reuses the subject principal: their mobile is the website principal's
    assert result["sms_targets"] == [demo.FILED_SUBJECT["principal"]["mobile"]]
    order.application["websites"][0]["principal"] = principal(mobile="13700009999")
    order.save()
    result = checks.run(order.application, order=order, materials=[])
    assert result["sms_targets"] == ["13700009999"]  # the website principal, not the subject principal
    assert _owners(result) == [("principal_id", "websites[0].principal")]
    assert _missing(result) == ["websites[0].principal"]


def test_change_access_sends_no_code_and_needs_nothing(client, applicant, filed):
    order = _change(client, applicant, filed, "change_access")
    result = _edit(order, **{"websites[0].access.ip": "47.96.10.99", "websites[0].access.instance_id": "i-two"})
    assert result["sms_targets"] == [] and result["required_materials"] == []


def test_a_new_filing_keeps_the_engines_targets_and_materials(make_order):
    order = make_order("fresh-kinds.com")
    result = checks.run(order.application, order=order, materials=[])
    assert result["sms_targets"] == ["13800000000"]
    assert ("subject_certificate", "subject") in _owners(result)


@pytest.mark.parametrize("kind,targets", [
    ("change_subject", ["13800000000"]), ("change_website", ["13700000000"]), ("change_access", []),
    ("cancel_access", []),
])
def test_sms_targets_by_kind(kind, targets):
    app = {"subject": {"principal": {"mobile": "13800000000"}},
           "websites": [{"principal": {"mobile": "13700000000"}}, {"principal": None}]}
    expected = targets + (["13800000000"] if kind == "change_website" else [])
    assert changes.sms_targets(kind, app) == expected


def test_the_materials_step_says_so_when_a_change_needs_nothing(client, applicant, filed):
    """A renamed website needs no upload and no face check: 上传资料 says so, instead of an empty table, a phone
    section with nobody in it and templates to print."""
    order = _change(client, applicant, filed, "change_website")
    _edit(order, **{"websites[0].name": "示例网站新名称"})
    page = client.get(f"/orders/{order.pk}/materials/").content.decode()
    assert 'id="no-materials"' in page and 'id="materials"' not in page and "template-link" not in page
    _edit(order, **{"websites[0].principal": dict(principal(), name="王五", cert_number="110105194912310021")})
    page = client.get(f"/orders/{order.pk}/materials/").content.decode()
    assert 'id="no-materials"' not in page and 'id="materials"' in page  # a new principal: their ID is needed


def test_step_one_of_a_change_order_names_its_kind(client, applicant, filed):
    """Step 1 of a 变更网站 order (reachable from its progress page) explains the order's own kind."""
    order = _change(client, applicant, filed, "change_website")
    response = client.get(f"/orders/{order.pk}/basic/")
    assert response.status_code == 200 and "变更网站" in response.content.decode()
