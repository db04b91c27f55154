"""取消接入 / 注销网站 / 注销主体 (issue 15 #2, #3): what they ask of the applicant (seed 003 §9), how they are
submitted, and what the platform's filed record keeps after the ministry approves them. Each rule with a near miss."""

from datetime import timedelta

import pytest
from django.utils import timezone

from beian.documents.letters import bureau_of, deregistration_letter, render_deregistration_letter
from beian.filings import checks, release, states
from beian.filings.demo import seed_approved_filing
from beian.filings.models import FiledWebsite, Filing, OrderEvent
from beian.filings.services import OrderError, create_order, submit_order
from beian.ministry.port import Status
from beian.ministry.services import record_approval
from beian.notifications.models import Message
from beian.wizard import offline_form
from tests.rules.support import enterprise

pytestmark = pytest.mark.django_db
SITE_PRINCIPAL = {"name": "李四", "cert_type": "resident_id", "cert_number": "110105194912310029", "mobile": "13900001111",
                  "contact2": "", "emergency_mobile": "", "email": "lisi@example.com", "cert_valid_until": ""}


def two_sites(account, number="浙ICP备2025000077号", prefix="release") -> Filing:
    """A filing with two active websites: the first reuses the subject principal, the second has its own."""
    subject = enterprise()["subject"]
    filing = seed_approved_filing(account, subject=subject, province="浙江省", number=number, domain=f"{prefix}-a.com",
                                  site_name="示例网站一", instance_id="i-rel", ip="47.96.10.12")
    second = dict(filing.websites.get(seq=1).website, name="示例网站二", domains=[f"{prefix}-b.com"],
                  principal=dict(SITE_PRINCIPAL))
    FiledWebsite.objects.create(filing=filing, seq=2, domain=f"{prefix}-b.com", name="示例网站二", instance_id="i-rel",
                                ip="47.96.10.12", approved_at=timezone.now() - timedelta(days=9), website=second)
    return filing


def order_for(filing, kind, website=None):
    return create_order(account=filing.account, application=release.application_for(filing, kind, website), kind=kind,
                        filing=filing, filed_website=website)


def test_a_release_needs_no_uploads_the_same_record_as_a_first_filing_does(applicant):
    filing = two_sites(applicant)
    for kind in ("cancel_access", "deregister_website", "deregister_subject"):
        order = order_for(filing, kind, filing.websites.get(seq=2) if kind == "deregister_website" else None)
        result = checks.run(order.application, order=order, materials=[])
        assert result["required_materials"] == [] and result["ok"], kind
        assert not [f for f in result["findings"] if f["code"].startswith("MATERIAL_")]
        order.delete()
    # Near miss: the same record as a new filing asks for the licence and the principals' IDs.
    first = checks.run(release.application_for(filing, "deregister_subject", None))
    assert {m["kind"] for m in first["required_materials"]} >= {"subject_certificate", "principal_id"}


def test_sms_targets_follow_seed_003_section_9(applicant):
    filing = two_sites(applicant)
    subject_mobile = filing.application["subject"]["principal"]["mobile"]
    second = filing.websites.get(seq=2)
    assert release.sms_targets("cancel_access", release.application_for(filing, "cancel_access", None)) == []
    assert release.sms_targets("deregister_website", release.application_for(filing, "deregister_website", second)) \
        == [SITE_PRINCIPAL["mobile"]]
    # A website that reuses the subject principal: that principal is its website principal.
    first = filing.websites.get(seq=1)
    assert release.sms_targets("deregister_website", release.application_for(filing, "deregister_website", first)) \
        == [subject_mobile]
    # 注销主体: the subject principal only, not the website principals.
    assert release.sms_targets("deregister_subject", release.application_for(filing, "deregister_subject", None)) \
        == [subject_mobile]
    order = order_for(filing, "deregister_website", second)
    assert checks.run(order.application, order=order)["sms_targets"] == [SITE_PRINCIPAL["mobile"]]


def test_cancel_access_is_refused_without_the_declaration_and_then_skips_first_review(applicant):
    filing = two_sites(applicant)
    order = order_for(filing, "cancel_access", filing.websites.get(seq=1))
    with pytest.raises(OrderError) as refused:
        submit_order(order=order, actor=applicant, agreement=False)
    assert refused.value.code == "release_not_acknowledged" and "取消接入的后果" in refused.value.message
    order.refresh_from_db()
    assert order.state == states.DRAFT and order.submitted_at is None
    order = submit_order(order=order, actor=applicant, agreement=True)
    assert order.state == states.PENDING_MINISTRY and order.submitted_at is not None
    event = OrderEvent.objects.filter(order=order, kind="transition").last()
    assert (event.from_state, event.role, event.payload["sms_targets"]) == (states.DRAFT, "applicant", [])
    site = Message.objects.get(order=order, event="state:pending_ministry", channel="site")
    assert "无需初审和短信核验" in site.body and "通过初审" not in site.body


def test_a_deregistration_goes_to_first_review_and_names_the_lost_number(applicant):
    filing = two_sites(applicant)
    order = order_for(filing, "deregister_website", filing.websites.get(seq=2))
    with pytest.raises(OrderError) as refused:
        submit_order(order=order, actor=applicant, agreement=False)
    assert refused.value.code == "release_not_acknowledged" and "不能恢复" in refused.value.message
    assert submit_order(order=order, actor=applicant, agreement=True).state == states.PROVIDER_REVIEW


def _approve(order, number):
    """The platform's record after the ministry's approval (the order itself is not what these tests follow)."""
    record_approval(order=order, status=Status(request_id="r", status="approved", icp_number=number, website_numbers={}),
                    now=timezone.now())
    order.delete()  # its claims go with it: the next order of the subject may start


def test_cancel_access_of_the_subject_cancels_every_site_served_here_and_keeps_the_filing(applicant):
    filing = two_sites(applicant)
    gone = filing.websites.get(seq=2)
    gone.status = FiledWebsite.DEREGISTERED
    gone.save()
    order = order_for(filing, "cancel_access")
    assert [w["domains"] for w in order.application["websites"]] == [["release-a.com"]]
    _approve(order, filing.subject_number)
    assert dict(filing.websites.values_list("domain", "status")) == {
        "release-a.com": FiledWebsite.ACCESS_CANCELLED, "release-b.com": FiledWebsite.DEREGISTERED}
    filing.refresh_from_db()
    assert filing.status == Filing.ACTIVE


def test_cancel_access_of_one_site_leaves_the_other(applicant):
    filing = two_sites(applicant)
    order = order_for(filing, "cancel_access", filing.websites.get(seq=1))
    _approve(order, filing.subject_number)
    assert dict(filing.websites.values_list("seq", "status")) == {1: FiledWebsite.ACCESS_CANCELLED, 2: FiledWebsite.ACTIVE}
    # The subject still has a site here: no offline application; once none is served here it is 空壳.
    assert release.offline_reason(filing, "deregister_subject", None) is None
    order = order_for(filing, "cancel_access", filing.websites.get(seq=2))
    _approve(order, filing.subject_number)
    assert release.offline_reason(filing, "deregister_subject", None) == "shell"
    assert release.offline_reason(filing, "deregister_website", filing.websites.get(seq=2)) == "shell"


def test_deregister_subject_removes_every_website(applicant):
    filing = two_sites(applicant)
    order = order_for(filing, "deregister_subject")
    assert len(order.application["websites"]) == 2
    _approve(order, filing.subject_number)
    filing.refresh_from_db()
    assert filing.status == Filing.DEREGISTERED
    assert set(filing.websites.values_list("status", flat=True)) == {FiledWebsite.DEREGISTERED}
    assert release.offline_reason(filing, "deregister_subject", None) == "deregistered"


def test_the_approval_message_of_a_deregistration_says_the_number_is_gone():
    from beian.notifications.services import render

    ctx = {"reference": "BA1", "number": "浙ICP备2025000001号", "footer": "<a>…</a>"}
    body = render("state:approved", "body", ctx, kind="deregister_subject")
    assert "不能恢复" in body and "首页底部" not in body
    # Near miss: a first filing's approval still asks for the footer.
    assert "首页底部" in render("state:approved", "body", ctx, kind="first")


# ---- the written application to the 管局 (空壳主体 / 他单位) -----------------------------------------------------

LETTER = {"applicant": "杭州新持有人科技有限公司", "applicant_cert": "91330106MA2XXXXX1X", "contact": "王五",
          "contact_mobile": "13800001234", "number": "浙ICP备2020000001号-1", "subject_name": "原主办单位有限公司",
          "domains": ["old-site.com"], "reason": "other_unit", "detail": "域名已于2025年转让给本单位。"}


def test_the_letter_goes_to_the_bureau_of_the_filings_province():
    assert bureau_of("浙ICP备2020000001号-1") == "浙江省通信管理局"
    assert bureau_of("京ICP备2020000001号") == "北京市通信管理局"
    assert bureau_of("ICP备2020000001号") is None  # no province: the letter leaves the bureau to fill in
    title, lines = deregistration_letter(LETTER)
    assert title == "注销ICP备案信息申请书" and lines[0] == "浙江省通信管理局："
    text = "\n".join(lines)
    assert "浙ICP备2020000001号-1" in text and "old-site.com" in text and "主办单位并非申请人" in text
    assert "证明申请人现持有上述域名的材料" in text
    shell = "\n".join(deregistration_letter(dict(LETTER, reason="shell"))[1])
    assert "空壳" in shell and "现持有上述域名" not in shell  # near miss: a shell needs no domain proof


def test_the_letter_is_a_pdf():
    assert render_deregistration_letter(LETTER).startswith(b"%PDF")


@pytest.mark.parametrize(("number", "ok"), [("浙ICP备2020000001号", True), ("浙ICP备2020000001号-12", True),
                                            ("浙ICP备2020000001", False), ("ICP备2020000001号", False)])
def test_the_offline_form_checks_the_number(number, ok):
    values, cleaned, errors = offline_form.clean({**LETTER, "domains": "a.com，b.com", "number": number})
    assert ("number" not in errors) is ok
    if not ok:
        assert errors["number"]["code"] == "offline_number_invalid" and values["number"] == number
    assert cleaned["domains"] == ["a.com", "b.com"]


def test_the_offline_form_names_what_is_missing():
    _values, _cleaned, errors = offline_form.clean({"reason": "bogus"})
    assert {k: e["code"] for k, e in errors.items()} == {
        "applicant": "offline_required", "number": "offline_required", "contact": "offline_required",
        "contact_mobile": "offline_required", "reason": "offline_reason_invalid"}
