import pytest
from django.contrib.auth import get_user_model

from beian.filings import states, transitions
from beian.filings.services import create_order, transition
from beian.notifications.models import Message, SmsRecord
from tests.filings.conftest import application

pytestmark = pytest.mark.django_db


def test_every_transition_reaches_the_applicant_by_site_email_and_sms(smtp_server, django_capture_on_commit_callbacks):
    account = get_user_model().objects.create_user("n@example.com", "n@example.com", "pw-12345678")
    order = create_order(account=account, application=application())
    with django_capture_on_commit_callbacks(execute=True):
        transition(order=order, to_state=states.MATERIALS, role=transitions.APPLICANT)
    with django_capture_on_commit_callbacks(execute=True):
        transition(order=order, to_state=states.PROVIDER_REVIEW, role=transitions.APPLICANT)
    events = set(Message.objects.filter(order=order, channel="site").values_list("event", flat=True))
    assert events == {"state:materials", "state:provider_review"}
    # Each mail to the account and to the subject principal's address on the form (seed 003 §2).
    assert [(m["Subject"], m["To"]) for m in smtp_server.messages] == [
        (f"订单 {order.reference} 待上传资料", "n@example.com"), (f"订单 {order.reference} 待上传资料", "zhangsan@example.com"),
        (f"订单 {order.reference} 已提交初审", "n@example.com"), (f"订单 {order.reference} 已提交初审", "zhangsan@example.com")]
    assert SmsRecord.objects.filter(SmsRecord.for_mobile("13800000000"), body__contains=order.reference).count() == 1
    assert not Message.objects.filter(status="pending").exists()


def test_failed_email_stays_pending_for_retry(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1  # nothing listens there
    account = get_user_model().objects.create_user("f@example.com", "f@example.com", "pw-12345678")
    order = create_order(account=account, application=application())
    with django_capture_on_commit_callbacks(execute=True):
        transition(order=order, to_state=states.CANCELLED, role=transitions.APPLICANT)
    mails = Message.objects.filter(order=order, channel="email")
    assert {m.to for m in mails} == {"f@example.com", "zhangsan@example.com"}
    assert all(m.status == "pending" and m.attempts == 1 and m.last_error for m in mails)


def test_inbox_shows_only_own_messages(client):
    a = get_user_model().objects.create_user("a@example.com", "a@example.com", "pw-12345678")
    b = get_user_model().objects.create_user("b@example.com", "b@example.com", "pw-12345678")
    order = create_order(account=a, application=application())
    transition(order=order, to_state=states.CANCELLED, role=transitions.APPLICANT)
    client.force_login(b)
    assert order.reference not in client.get("/notifications/").content.decode()
    client.force_login(a)
    assert order.reference in client.get("/notifications/").content.decode()


def test_sink_is_off_with_a_real_gateway(client, settings):
    client.force_login(get_user_model().objects.create_user("s@example.com", "s@example.com", "pw-12345678"))
    assert client.get("/notifications/sink/").status_code == 200
    settings.SMS_GATEWAY = "vendor.sms.RealGateway"
    assert client.get("/notifications/sink/").status_code == 404


def test_a_reason_that_ends_a_sentence_is_not_followed_by_a_second_full_stop():
    from beian.notifications.services import render

    text = render("state:returned", "sms", {"reference": "BA1", "reason": "短信核验超时，备案申请已退回。"})
    assert "已退回，原因：短信核验超时，备案申请已退回。请登录" in text and "。。" not in text
