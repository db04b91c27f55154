"""The platform and the simulator together: order -> ministry -> SMS -> bureau -> approved filing."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from beian.filings import states, transitions
from beian.filings.models import FiledWebsite, Filing, Order, Timer
from beian.filings.services import create_order, transition
from beian.filings.timers import sweep
from beian.ministry import services
from beian.ministry.models import MinistryResult
from beian.ministry.port import Status
from tests.filings.conftest import application
from tests.ministry_sim import unique_uscc

pytestmark = pytest.mark.django_db


def _to_pending(domain, mobile, cert=None, province="浙江省"):
    account = get_user_model().objects.create_user(f"{domain}@example.com", f"{domain}@example.com", "pw-12345678")
    app = application(domain, cert or unique_uscc())
    app["region"]["province"] = province
    app["subject"]["principal"]["mobile"] = mobile
    order = create_order(account=account, application=app)
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW)
    return transition(order=order, to_state=states.PENDING_MINISTRY, role=transitions.REVIEWER)


def test_order_reaches_an_icp_number(ministry, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = _to_pending("flow-one.com", "13700001111")
    order.refresh_from_db()
    assert order.state == states.SMS_VERIFICATION and order.meta["sms_deadline"]
    code = ministry.codes("13700001111")[0]
    assert "已提交管局审核" in ministry.sms_post(code=code, mobile="13700001111", cert_last6="01123X")
    assert services.poll_results() >= 1
    order.refresh_from_db()
    assert order.state == states.BUREAU_REVIEW
    ministry.manage("ministry_decide", order.ministry_request_id)
    services.poll_results()
    order.refresh_from_db()
    assert order.state == states.APPROVED and order.meta["icp_number"].startswith("浙ICP备")
    assert "beian.miit.gov.cn" in order.meta["footer_html"]
    filing = Filing.objects.get(subject_number=order.meta["icp_number"])
    assert FiledWebsite.objects.get(filing=filing, domain="flow-one.com").website_number.endswith("-1")
    assert ministry.get_json("/query/api?q=flow-one.com")["results"][0]["subject_number"] == filing.subject_number
    assert Timer.objects.filter(order=order, kind="psb_reminder", done_at__isnull=True).exists()


def test_duplicate_result_delivery_is_applied_once(ministry, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = _to_pending("flow-two.com", "13700002222")
    order.refresh_from_db()
    result = Status(request_id=order.ministry_request_id, status="bureau", result_id="dup-result-1")
    assert services.apply_result(status=result) is True
    assert services.apply_result(status=result) is False
    assert MinistryResult.objects.filter(result_id="dup-result-1").count() == 1
    order.refresh_from_db()
    assert order.state == states.BUREAU_REVIEW
    assert order.events.filter(to_state=states.BUREAU_REVIEW).count() == 1


def test_ministry_down_the_order_waits_and_retries(settings, ministry, django_capture_on_commit_callbacks):
    real_url = settings.MINISTRY_URL
    settings.MINISTRY_URL = "http://127.0.0.1:9"  # nothing listens: the ministry is down
    with django_capture_on_commit_callbacks(execute=True):
        order = _to_pending("flow-three.com", "13700003333")
    order.refresh_from_db()
    assert order.state == states.PENDING_MINISTRY and order.meta["submit_attempts"] == 1
    assert "自动重试" in order.meta["ministry_note"]
    timer = Timer.objects.get(order=order, kind="ministry_submit")
    assert timer.done_at is None and timer.due_at > timezone.now()
    settings.MINISTRY_URL = real_url  # the ministry is back
    sweep(now=timezone.now() + timedelta(minutes=5))
    order.refresh_from_db()
    assert order.state == states.SMS_VERIFICATION, "the retry submitted it; nothing was lost"
    assert order.application["websites"][0]["domains"] == ["flow-three.com"]


def test_sms_timeout_returns_the_order_and_resubmission_is_new(ministry, django_capture_on_commit_callbacks):
    import datetime as dt

    with django_capture_on_commit_callbacks(execute=True):
        order = _to_pending("flow-four.com", "13700004444")
    order.refresh_from_db()
    first_request = order.ministry_request_id
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)).isoformat()
    ministry.manage("ministry_tick", "--once", "--now", later)
    services.poll_results()
    order.refresh_from_db()
    assert order.state == states.RETURNED and not order.ministry_request_id
    assert order.events.filter(to_state=states.RETURNED, reason__contains="超时").exists()
    transition(order=order, to_state=states.PROVIDER_REVIEW, role=transitions.APPLICANT)
    with django_capture_on_commit_callbacks(execute=True):
        transition(order=order, to_state=states.PENDING_MINISTRY, role=transitions.REVIEWER)
    order.refresh_from_db()
    assert order.ministry_request_id and order.ministry_request_id != first_request
    assert order.state == states.SMS_VERIFICATION


def test_bureau_rejection_reaches_the_applicant(ministry, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = _to_pending("flow-five.com", "13700005555")
    order.refresh_from_db()
    ministry.sms_post(code=ministry.codes("13700005555")[0], mobile="13700005555", cert_last6="01123X")
    services.poll_results()
    order.refresh_from_db()
    ministry.manage("ministry_decide", order.ministry_request_id, "--reject", "网站名称不符合命名规范")
    services.poll_results()
    order.refresh_from_db()
    assert order.state == states.BUREAU_REJECTED
    assert order.messages.filter(event="state:bureau_rejected", body__contains="网站名称不符合命名规范").exists()
