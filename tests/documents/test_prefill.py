"""The form filled from the documents (documents/prefill.py): which field each reading fills, what stays empty and
flagged below the confidence threshold, and that nothing typed is replaced."""

import pytest

from beian.documents import prefill
from beian.wizard.photo_first import application_for

T = 0.85
FRONT = {"name": "王小明", "cert_number": "110105199001011234", "address": "北京市朝阳区建国路1号"}
LICENCE = {"name": "杭州云帆网络科技有限公司", "cert_number": "91330106MA2GL0XX7U", "address": "浙江省杭州市西湖区文三路100号",
           "legal_representative": "张三"}


def sure(fields, value=0.97):
    return {k: value for k in fields}


def test_an_individuals_id_front_fills_the_subject_and_the_principal():
    app = application_for(nature="individual", province="北京市")
    fill, marks = prefill.plan(kind="resident_id_front", owner="subject_principal", fields=FRONT, confidence=sure(FRONT),
                               threshold=T, application=app)
    assert fill == {"subject.principal.name": "王小明", "subject.principal.cert_number": "110105199001011234",
                    "subject.name": "王小明", "subject.cert_number": "110105199001011234",
                    "subject.cert_address": "北京市朝阳区建国路1号"}
    assert {m["state"] for m in marks.values()} == {prefill.READ} and set(marks) == set(fill)


def test_an_enterprises_licence_fills_subject_legal_representative_and_investor():
    app = application_for(nature="enterprise", province="浙江省")
    fill, _ = prefill.plan(kind="business_license", owner="subject", fields=LICENCE, confidence=sure(LICENCE),
                           threshold=T, application=app)
    assert fill == {"subject.name": LICENCE["name"], "subject.cert_number": LICENCE["cert_number"],
                    "subject.cert_address": LICENCE["address"], "subject.principal.name": "张三",
                    "subject.investor": "张三"}
    # An enterprise principal's ID fills the principal only (its address is not the subject's 证件住所).
    fill, _ = prefill.plan(kind="resident_id_front", owner="subject_principal", fields=FRONT, confidence=sure(FRONT),
                           threshold=T, application=app)
    assert set(fill) == {"subject.principal.name", "subject.principal.cert_number"}
    fill, _ = prefill.plan(kind="resident_id_back", owner="subject_principal", fields={"valid_until": "长期"},
                           confidence={"valid_until": 0.9}, threshold=T, application=app)
    assert fill == {"subject.principal.cert_valid_until": "长期"}


def test_below_the_threshold_stays_empty_and_is_flagged_near_miss_at_the_threshold():
    app = application_for(nature="individual", province="北京市")
    confidence = {"name": T - 0.01, "cert_number": T, "address": 0.3}
    fill, marks = prefill.plan(kind="resident_id_front", owner="subject_principal", fields=FRONT, confidence=confidence,
                               threshold=T, application=app)
    assert "subject.name" not in fill and marks["subject.name"] == {"state": prefill.UNSURE}
    assert marks["subject.cert_address"] == {"state": prefill.UNSURE}
    assert fill["subject.cert_number"] == FRONT["cert_number"]  # exactly at the threshold counts as read
    # A field not read at all is flagged too.
    _, marks = prefill.plan(kind="resident_id_back", owner="subject_principal", fields={}, confidence={}, threshold=T,
                            application=app)
    assert marks == {"subject.principal.cert_valid_until": {"state": prefill.UNSURE}}


def test_nothing_typed_is_replaced_and_a_typed_equal_value_is_marked():
    app = application_for(nature="enterprise", province="浙江省")
    app["subject"]["name"] = "别的公司"
    app["subject"]["cert_number"] = LICENCE["cert_number"].lower()
    fill, marks = prefill.plan(kind="business_license", owner="subject", fields=LICENCE, confidence=sure(LICENCE),
                               threshold=T, application=app)
    assert "subject.name" not in fill and "subject.name" not in marks  # the cross-check's 不一致 says it
    assert "subject.cert_number" not in fill and marks["subject.cert_number"]["state"] == prefill.READ
    # Unsure about a field the person typed: no flag (their value stands).
    _, marks = prefill.plan(kind="business_license", owner="subject", fields=LICENCE, confidence=sure(LICENCE, 0.5),
                            threshold=T, application=app)
    assert "subject.name" not in marks and marks["subject.cert_address"]["state"] == prefill.UNSURE


def test_a_website_that_reuses_the_subject_principal_gets_nothing_of_its_own():
    app = application_for(nature="enterprise", province="浙江省")
    assert prefill.targets("resident_id_front", "websites[0].principal", app) == []
    app["websites"][0]["principal"] = {"name": "", "cert_number": ""}
    assert prefill.targets("resident_id_front", "websites[0].principal", app) == [
        ("name", "websites[0].principal.name"), ("cert_number", "websites[0].principal.cert_number")]


@pytest.mark.django_db
def test_marks_say_read_while_the_value_stands_and_unsure_while_empty():
    from django.contrib.auth import get_user_model

    from beian.filings.services import create_order

    account = get_user_model().objects.create_user("m@example.com", "m@example.com", "Str0ng-pass-99")
    app = application_for(nature="individual", province="北京市")
    order = create_order(account=account, application=app)
    app["subject"]["name"] = "王小明"
    order.meta = {prefill.META_KEY: {"subject.name": {"state": "read", "digest": prefill.digest("王小明")},
                                     "subject.cert_address": {"state": "unsure"}}}
    shown = prefill.field_marks(order, app)
    assert shown["subject.name"]["text"] == "由证件识别，可修改" and shown["subject.cert_address"]["state"] == "unsure"
    app["subject"]["name"] = "王小明明"  # edited: no longer "read from the document"
    app["subject"]["cert_address"] = "北京市朝阳区建国路1号"  # typed by the person: no flag
    assert prefill.field_marks(order, app) == {}
