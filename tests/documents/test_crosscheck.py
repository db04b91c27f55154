"""The cross-check tells "differs" (a confident reading that disagrees) from "could not read" (below the
threshold, or not read while the rest was): distinct states, codes and texts, shown apart on the applicant's
materials page, the phone page and the reviewer console; only confident readings are prefilled."""

import copy

import pytest
from django.utils import timezone

from beian.documents import crosscheck
from beian.documents import messages as msg
from beian.documents.services import store_material
from beian.filings import states
from beian.filings.models import Order
from beian.filings.services import create_order
from beian.verification import services as verification
from tests.pii.support import ID_NUMBER, account, person_application
from tests.review.support import make_reviewer, visible_text
from tests.rules.support import enterprise
from tests.wizard.support import image_bytes

TYPED_ADDRESS = "浙江省杭州市西湖区文三路100号8楼801室"


def app(address=TYPED_ADDRESS, name="杭州示例科技有限公司"):
    application = copy.deepcopy(enterprise())
    application["subject"].update({"cert_address": address, "name": name})
    return application


def rows_for(fields, confidence, application, threshold=0.8):
    return crosscheck.compare(kind="business_license", owner="subject", fields=fields, confidence=confidence,
                              application=application, threshold=threshold)


CASES = {
    # field read: (fields, confidence, typed address) -> (state of the 证件住所 row, prefilled)
    "confident and equal": ({"address": TYPED_ADDRESS}, {"address": 0.97}, TYPED_ADDRESS, "matches", False),
    "confident and different": ({"address": "浙江省杭州市西湖区文三路101号"}, {"address": 0.97}, TYPED_ADDRESS, "differs", False),
    "unsure and different": ({"address": "浙江省杭州市西湖区文三路"}, {"address": 0.55}, TYPED_ADDRESS, "unread", False),
    "not read while the name was": ({"name": "杭州示例科技有限公司"}, {"name": 0.99}, TYPED_ADDRESS, "unread", False),
    "confident, typed blank": ({"address": TYPED_ADDRESS}, {"address": 0.97}, "", "prefilled", True),
    "unsure, typed blank": ({"address": TYPED_ADDRESS}, {"address": 0.5}, "", "unread", False),
}


@pytest.mark.parametrize("fields, confidence, typed, state, prefilled", CASES.values(), ids=CASES.keys())
def test_row_states(fields, confidence, typed, state, prefilled):
    rows, prefill = rows_for(fields, confidence, app(address=typed))
    row = next(r for r in rows if r["field"] == "证件住所")
    assert row["state"] == state
    assert row["ok"] is (state != "differs")  # never a mismatch unless confident
    assert ("subject:cert_address" in prefill) is prefilled
    if state == "unread":
        assert msg.UNREAD in row["message"] and "不一致" not in row["message"] and row["read"] == ""
    if state == "differs":
        assert row["message"] == msg.MISMATCH.format(field="证件住所", typed=typed, read=fields["address"])


def test_the_threshold_decides():
    fields, confidence = {"address": "浙江省杭州市西湖区文三路101号"}, {"address": 0.85}
    assert rows_for(fields, confidence, app(), threshold=0.8)[0][-1]["state"] == "differs"
    assert rows_for(fields, confidence, app(), threshold=0.9)[0][-1]["state"] == "unread"


def test_nothing_read_gives_no_rows():
    """The wrong document (every field missing): the issues say so, no row of 未能识别 per field."""
    assert rows_for({}, {}, app()) == ([], {})


def test_without_confidences_every_reading_counts():
    rows, _ = crosscheck.compare(kind="business_license", owner="subject", fields={"address": "别处"}, application=app())
    assert [r["state"] for r in rows] == ["differs"]


def test_rows_stored_before_states_keep_their_meaning():
    assert crosscheck.row_state({"ok": True}) == "matches" and crosscheck.row_state({"ok": False}) == "differs"


def test_an_unread_personal_row_is_masked_on_the_phone_page():
    row = crosscheck._row("证件号码", ID_NUMBER, "", crosscheck.UNREAD, msg.UNREAD_ROW.format(field="证件号码"),
                          guess="370102199302157850")
    masked = crosscheck.masked_row(row)
    assert ID_NUMBER not in str(masked) and "370102199302157850" not in str(masked)
    assert masked["message"] == row["message"]


# ---- the three pages ---------------------------------------------------------------------------------------

UNREAD_ROW = {"field": "证件住所", "typed": TYPED_ADDRESS, "read": "", "ok": True, "state": "unread",
              "message": msg.UNREAD_ROW.format(field="证件住所"), "guess": "浙江省杭州市西湖区文三"}
DIFFERS_ROW = {"field": "姓名", "typed": "孙浩", "read": "孙涛", "ok": False, "state": "differs",
               "message": msg.MISMATCH.format(field="姓名", typed="孙浩", read="孙涛")}


@pytest.fixture
def order(db):
    order = create_order(account=account(), application=person_application())
    Order.objects.filter(pk=order.pk).update(state=states.MATERIALS)
    order.refresh_from_db()
    material = store_material(order=order, kind="principal_id", owner="subject_principal", side="front",
                              data=image_bytes(), via="phone")
    material.evidence = {"ocr_status": "done", "issues": [], "rows": [DIFFERS_ROW, UNREAD_ROW]}
    material.save()
    return order


def test_materials_page_shows_unread_as_a_warning_and_differs_as_an_error(client, order):
    client.force_login(order.account)
    page = client.get(f"/orders/{order.pk}/materials/").content.decode()
    assert 'class="field-warning crosscheck-unread" data-state="unread"' in page and "证件住所未能识别，请核对" in page
    assert 'class="field-error crosscheck-differs" data-state="differs"' in page and "姓名与证件不一致" in page
    assert "证件住所与证件不一致" not in page


def test_phone_page_shows_unread_apart(client, order):
    _, token = verification.create_link(order=order, person="subject_principal", user=order.account)
    page = client.get(f"/m/{token}/status/").content.decode()
    assert '<tr class="unread" data-state="unread"><td>证件住所</td><td class="read">未能识别，请核对</td>' in page
    assert '<tr class="mismatch" data-state="differs"><td>姓名</td>' in page


def test_console_shows_unread_with_the_guess_and_no_raw_codes(client, order):
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW, submitted_at=timezone.now())
    client.force_login(make_reviewer())
    page = client.get(f"/review/{order.pk}/").content.decode()
    unread = page[page.index('<tr class="unread" data-state="unread">'):]
    unread = unread[:unread.index("</tr>")]
    assert "证件住所" in unread and "疑似“浙江省杭州市西湖区文三”" in unread and "未能识别，请核对" in unread
    assert '<tr class="mismatch" data-state="differs"><td>姓名</td>' in page and ">不一致<" in page
    text = visible_text(page)
    assert not [code for code in ("unread", "differs", "matches", "prefilled") if code in text]
