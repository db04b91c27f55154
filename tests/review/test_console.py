"""Issue 11 item 10: the console speaks Chinese, asks for a reason, confirms what was done, says who
handles an order, and merges repeated history lines (on the applicant's progress page too)."""

import re

import pytest

from beian.filings import states
from beian.filings.models import Order, OrderEvent
from beian.review.models import FieldDecision
from tests.answers import answered
from tests.verification.support import pass_verification

from .support import console_order, make_reviewer, raw_codes_in, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def order():
    return console_order()


@pytest.fixture
def reviewer_client(client):
    client.force_login(make_reviewer())
    return client


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_order_page_and_queue_show_no_raw_codes(reviewer_client, order):
    page = _page(reviewer_client, f"/review/{order.pk}/")
    text = visible_text(page)
    assert raw_codes_in(text) == []
    for label in ("新增网站（原备案在本服务商）", "企业", "营业执照", "居民身份证", "未检测到转头动作", "手机上传", "网站2负责人"):
        assert label in text, label
    assert raw_codes_in(visible_text(_page(reviewer_client, "/review/"))) == []
    for state in states.ALL:
        assert raw_codes_in(visible_text(_page(reviewer_client, f"/review/?state={state}"))) == []


def test_reason_menu_starts_empty_and_offers_only_reasons_that_fit(reviewer_client, order):
    from beian.review.reasons import for_path

    page = _page(reviewer_client, f"/review/{order.pk}/")
    row = page.split('data-path="subject.principal.mobile"')[1].split("</tr>")[0]
    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', row)
    assert options[0] == ("", " selected", "请选择原因")
    codes = [value for value, _, _ in options[1:]]
    assert codes == [c for c, _ in for_path("subject.principal.mobile")] and "phone" in codes
    assert "site_name" not in codes and codes[-1] == "other"
    domain_row = page.split('data-path="websites[1].domains[0]"')[1].split("</tr>")[0]
    assert 'value="domain_holder"' in domain_row and 'value="phone"' not in domain_row


def test_rejecting_without_a_reason_is_refused_with_a_message(reviewer_client, order):
    post = {"path": "subject.principal.mobile", "verdict": "reject", "note": "打不通"}
    page = reviewer_client.post(f"/review/{order.pk}/field/", post, follow=True).content.decode()
    assert not FieldDecision.objects.exists()
    assert "请为“主体负责人 · 手机号码”选择驳回原因" in page
    # A reason that does not fit the field is refused the same way.
    reviewer_client.post(f"/review/{order.pk}/field/", {**post, "reason_code": "site_name"})
    assert not FieldDecision.objects.exists()
    # The htmx request answers the row in place, with the message in it.
    row = reviewer_client.post(f"/review/{order.pk}/field/", post, HTTP_HX_REQUEST="true").content.decode()
    assert row.startswith("<tr") and "选择驳回原因" in row and not FieldDecision.objects.exists()


def test_reject_and_approve_say_what_was_done_with_the_reference(reviewer_client, order):
    post = {"path": "subject.principal.mobile", "verdict": "reject", "reason_code": "phone", "note": "空号"}
    page = reviewer_client.post(f"/review/{order.pk}/field/", post, follow=True).content.decode()
    decision = FieldDecision.objects.get()
    assert decision.verdict == "reject" and decision.reason_code == "phone"
    assert f"订单 {order.reference}：已驳回“主体负责人 · 手机号码”" in page and "联系电话非本省号段" in page
    row = reviewer_client.post(f"/review/{order.pk}/field/", {"path": "websites[1].name", "verdict": "approve"},
                               HTTP_HX_REQUEST="true").content.decode()
    assert f"订单 {order.reference}：“网站2 · 网站名称”已审核通过" in row
    # The open rejection blocks approval; once approved, the page says so with the reference.
    reviewer_client.post(f"/review/{order.pk}/field/", {"path": "subject.principal.mobile", "verdict": "approve"})
    page = _page(reviewer_client, f"/review/{order.pk}/")
    assert f"确定初审通过订单 {order.reference}" in page  # the confirmation dialog's question
    pass_verification(order)  # 网站2's principal failed liveness: nobody reaches the ministry unverified
    done = reviewer_client.post(f"/review/{order.pk}/approve/", follow=True).content.decode()
    order.refresh_from_db()
    assert order.state == states.PENDING_MINISTRY and f"订单 {order.reference} 初审通过" in done


def test_supplement_says_what_was_done_with_the_reference(reviewer_client, order):
    reviewer_client.post(f"/review/{order.pk}/field/", {"path": "subject.mailing_address", "verdict": "reject",
                                                        "reason_code": "other", "note": "请写到门牌号"})
    done = reviewer_client.post(f"/review/{order.pk}/supplement/", {"kind": "materials"}, follow=True).content.decode()
    order.refresh_from_db()
    assert order.state == states.SUPPLEMENT_REQUIRED
    assert f"订单 {order.reference} 已退回申请人补充资料（补充或更换资料）" in done


def test_decisions_are_refused_outside_review_and_for_unknown_fields(reviewer_client, order):
    page = reviewer_client.post(f"/review/{order.pk}/field/", {"path": "subject.nope", "verdict": "approve"},
                                follow=True).content.decode()
    assert "该订单没有此字段" in page
    Order.objects.filter(pk=order.pk).update(state=states.BUREAU_REVIEW)
    page = reviewer_client.post(f"/review/{order.pk}/field/", {"path": "subject.name", "verdict": "approve"},
                                follow=True).content.decode()
    assert "不在初审中" in page and not FieldDecision.objects.exists()


def test_who_handles_is_filled_on_approved_orders(reviewer_client, order):
    pass_verification(order)
    reviewer_client.post(f"/review/{order.pk}/approve/")  # approved without claiming it first
    Order.objects.filter(pk=order.pk).update(state=states.APPROVED)
    queue = visible_text(_page(reviewer_client, "/review/?state=approved"))
    assert order.reference in queue and "rev@example.com" in queue and "已办结（管局已通过）" in queue
    page = _page(reviewer_client, f"/review/{order.pk}/")
    assert re.search(r'id="handler">已办结（管局已通过）<', page) and re.search(r'id="reviewer">rev@example.com<', page)
    reviewer_client.force_login(order.account)
    progress = _page(reviewer_client, f"/orders/{order.pk}/")
    who = re.search(r"由谁处理：([^<]*)<", progress).group(1)
    assert who not in ("", "—") and "管局" in who


def test_history_merges_repeated_identical_edits(reviewer_client, order):
    assert OrderEvent.objects.filter(order=order, kind="edit").count() == 5
    text = visible_text(_page(reviewer_client, f"/review/{order.pk}/"))
    assert text.count("修改备案信息") == 1 and "×5" in text
    reviewer_client.force_login(order.account)
    progress = visible_text(_page(reviewer_client, f"/orders/{order.pk}/"))
    assert progress.count("修改备案信息") == 1 and "×5" in progress


@pytest.mark.parametrize("value", ["", "x" * 10_000, "a\x00b", "😀", "ＡＢＣ１２３", "<script>alert(1)</script>"])
def test_hostile_values_in_every_console_form_never_fail(reviewer_client, order, value):
    forms = {
        "field/": {"path": value, "verdict": "reject", "reason_code": value, "note": value},
        "claim/": {"assign_to": value},
        "supplement/": {"kind": value, "details": value, "mail_address": value, "tracking_number": value,
                        "appointment_at": value},
        "call/": {"mobile": value, "outcome": value, "notes": value},
        "manual-review/": {"request": value, "outcome": "approved"},
    }
    for action, post in forms.items():
        response = reviewer_client.post(f"/review/{order.pk}/{action}", post)
        assert answered(response), (action, response.status_code)
    for action in ("field/", "supplement/"):  # a real field and an impossible date
        post = {"path": "subject.principal.note", "note": value, "verdict": "reject", "reason_code": "other",
                "appointment_at": "2026-13-45 10:00", "details": value or "x"}
        assert answered(reviewer_client.post(f"/review/{order.pk}/{action}", post))
    assert reviewer_client.get(f"/review/{order.pk}/").status_code == 200


def test_an_order_with_almost_nothing_filled_in_opens_in_chinese(reviewer_client, order):
    Order.objects.filter(pk=order.pk).update(application={"subject": {"nature": "bogus"}}, state=states.DRAFT,
                                             kind="change_website", subject_nature="")
    text = visible_text(_page(reviewer_client, f"/review/{order.pk}/"))
    assert raw_codes_in(text) == [] and "变更网站" in text and "申请人" in text
