"""Deliveries reach a real receiver on loopback, signed; a 500 is retried on the schedule until a 2xx; the log
holds every attempt; other accounts' events never arrive; a dead endpoint is disabled with a notice."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from beian.filings import states, transitions
from beian.filings.models import Order
from beian.filings.services import cancel_order, transition
from beian.notifications.models import Message
from beian.webhooks import services
from beian.webhooks.models import Attempt, Delivery, Endpoint, EndpointChange
from tests.webhooks.conftest import new_account, new_order

DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def docs_verify():
    """The signature check exactly as docs/api.md shows it (its first python block under ## Webhooks)."""
    text = DOCS.read_text()
    section = text.split("\n## Webhooks", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert len(code.strip().splitlines()) <= 10, "the documented check must stay within 10 lines"
    scope = {}
    exec(compile(code, "docs/api.md", "exec"), scope)  # noqa: S102 (our own documentation)
    return scope["verify"]


def _time_travel(delivery: Delivery):
    """Make the scheduled retry due now (instead of waiting a minute)."""
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


@pytest.mark.django_db
def test_a_500_is_retried_until_2xx_and_the_log_shows_both_attempts(receiver, django_capture_on_commit_callbacks):
    verify = docs_verify()
    account = new_account()
    endpoint, secret = services.create_endpoint(account=account, actor=account, url=receiver.hook(),
                                                events=["order.state_changed"])
    order = new_order(account)
    receiver.script = [500]
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order=order, actor=account)
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert delivery.status == Delivery.PENDING and delivery.attempts == 1
    first_retry = delivery.next_attempt_at - before
    assert timedelta(seconds=55) < first_retry < timedelta(seconds=70)  # 1 minute after the failed attempt
    assert len(receiver.requests) == 1

    assert services.retry_due() == 0  # not due yet: nothing is sent early
    assert len(receiver.requests) == 1
    _time_travel(delivery)
    assert services.retry_due() == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.SUCCEEDED and delivery.attempts == 2 and delivery.delivered_at

    log = list(Attempt.objects.filter(delivery=delivery).order_by("number"))
    assert [(a.number, a.status_code) for a in log] == [(1, 500), (2, 200)]
    assert "500" in log[0].error and log[0].next_retry_at and log[1].next_retry_at is None
    assert services.retry_due() == 0 and len(receiver.requests) == 2  # delivered: never sent again

    first, second = receiver.requests
    for request in (first, second):
        assert request.path == "/hook"
        assert verify(secret, request.headers, request.body)
        assert not verify("whsec_wrong", request.headers, request.body)  # a wrong secret fails the check
        assert not verify(secret, request.headers, request.body + b" ")  # so does a changed body
        assert request.headers["X-Beian-Event-Id"] == delivery.event_id
    payload = json.loads(second.body)
    assert payload["id"] == delivery.event_id and payload["type"] == "order.state_changed"
    assert payload["data"]["order"] == {**payload["data"]["order"], "reference": order.reference,
                                        "state": states.CANCELLED, "previous_state": states.DRAFT}
    # No personal data: the application (names, ID numbers, mobiles) never goes out.
    order.refresh_from_db()
    principal = order.application["subject"]["principal"]
    for secret_value in (principal.get("mobile"), principal.get("id_number"), order.subject_name):
        if secret_value:
            assert secret_value not in first.body.decode()


@pytest.mark.django_db
def test_old_timestamp_and_rotated_secret_fail_the_documented_check(receiver):
    verify = docs_verify()
    account = new_account()
    endpoint, secret = services.create_endpoint(account=account, actor=account, url=receiver.hook(),
                                                events=["order.created"])
    services.send_test(endpoint, actor=account)
    request = receiver.requests[-1]
    assert verify(secret, request.headers, request.body)
    assert not verify(secret, request.headers, request.body, tolerance=-1)  # stale: refused
    new = services.rotate_secret(endpoint, actor=account)
    assert new != secret and not verify(new, request.headers, request.body)
    services.send_test(Endpoint.objects.get(pk=endpoint.pk), actor=account)
    assert verify(new, receiver.requests[-1].headers, receiver.requests[-1].body)
    assert not verify(secret, receiver.requests[-1].headers, receiver.requests[-1].body)
    assert list(EndpointChange.objects.filter(endpoint_id_value=endpoint.pk).values_list("action", flat=True)) == [
        "tested", "rotated", "tested", "created"]


@pytest.mark.django_db
def test_events_of_another_accounts_orders_never_reach_this_endpoint(receiver, django_capture_on_commit_callbacks):
    mine, theirs = new_account("mine"), new_account("theirs")
    services.create_endpoint(account=mine, actor=mine, url=receiver.hook("/mine"),
                             events=["order.created", "order.state_changed"])
    services.create_endpoint(account=theirs, actor=theirs, url=receiver.hook("/theirs"),
                             events=["order.created", "order.state_changed"])
    with django_capture_on_commit_callbacks(execute=True):
        their_order = new_order(theirs)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order=their_order, actor=theirs)
    assert [r.path for r in receiver.requests] == ["/theirs", "/theirs"]
    assert {json.loads(r.body)["type"] for r in receiver.requests} == {"order.created", "order.state_changed"}
    with django_capture_on_commit_callbacks(execute=True):
        my_order = new_order(mine)
    mine_bodies = [json.loads(r.body) for r in receiver.requests if r.path == "/mine"]
    assert [b["data"]["order"]["reference"] for b in mine_bodies] == [my_order.reference]
    assert their_order.reference not in b"".join(r.body for r in receiver.requests if r.path == "/mine").decode()


@pytest.mark.django_db
def test_approval_carries_the_icp_numbers_and_unsubscribed_events_are_not_sent(
        receiver, django_capture_on_commit_callbacks):
    account = new_account()
    services.create_endpoint(account=account, actor=account, url=receiver.hook(), events=["order.approved"])
    with django_capture_on_commit_callbacks(execute=True):
        order = new_order(account)  # order.created: not chosen
    Order.objects.filter(pk=order.pk).update(state=states.BUREAU_REVIEW, meta={
        "icp_number": "浙ICP备2030000001号", "website_numbers": {"a.example.com": "浙ICP备2030000001号-1"}})
    with django_capture_on_commit_callbacks(execute=True):
        transition(order=order, to_state=states.APPROVED, role=transitions.MINISTRY)
    assert len(receiver.requests) == 1
    body = json.loads(receiver.requests[0].body)
    assert body["type"] == "order.approved"
    assert body["data"]["order"]["icp_number"] == "浙ICP备2030000001号"
    assert body["data"]["order"]["website_numbers"] == {"a.example.com": "浙ICP备2030000001号-1"}
    assert body["data"]["order"]["previous_state"] == states.BUREAU_REVIEW and body["data"]["role"] == "ministry"


@pytest.mark.django_db
def test_a_rolled_back_transition_sends_nothing(receiver, django_capture_on_commit_callbacks):
    from django.db import transaction

    account = new_account()
    services.create_endpoint(account=account, actor=account, url=receiver.hook(), events=["order.state_changed"])
    order = new_order(account)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            cancel_order(order=order, actor=account)
            raise RuntimeError("the request failed after the transition")
    assert receiver.requests == [] and not Delivery.objects.exists()


@pytest.mark.django_db
def test_the_retry_schedule_then_giving_up_then_disabling_with_a_notice(receiver, django_capture_on_commit_callbacks):
    account = new_account()
    endpoint, _ = services.create_endpoint(account=account, actor=account, url=receiver.hook(),
                                           events=["order.state_changed"])
    receiver.script = [503] * 100
    for n in range(services.DISABLE_AFTER):
        order = new_order(account)
        with django_capture_on_commit_callbacks(execute=True):
            cancel_order(order=order, actor=account)
        delivery = Delivery.objects.get(endpoint=endpoint, order=order)
        gaps = []
        while delivery.status == Delivery.PENDING:
            previous = Attempt.objects.filter(delivery=delivery).order_by("-number").first()
            gaps.append(delivery.next_attempt_at - previous.at)
            _time_travel(delivery)
            services.retry_due()
            delivery.refresh_from_db()
        assert gaps == list(services.RETRY_DELAYS)  # 1 min, 5 min, 30 min, 2 h, 6 h
        assert delivery.status == Delivery.FAILED and delivery.attempts == services.MAX_ATTEMPTS == 6
        endpoint.refresh_from_db()
        assert endpoint.is_active == (n + 1 < services.DISABLE_AFTER)
    assert "已自动停用" in endpoint.disabled_reason
    receiver.script = []
    probe = services.send_test(endpoint, actor=account)  # the owner checks the receiver before re-enabling
    assert probe.status == Delivery.SUCCEEDED and probe.attempt_log.get().manual
    receiver.script = [503] * 100
    notice = Message.objects.get(account=account, event="webhook:disabled")
    assert endpoint.url in notice.body
    sent = len(receiver.requests)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order=new_order(account), actor=account)
    assert len(receiver.requests) == sent  # disabled: nothing more is sent
    # Re-enabled by its owner: deliveries resume, the failure count starts again.
    services.update_endpoint(endpoint, actor=account, url=endpoint.url, events=endpoint.events, is_active=True)
    receiver.script = []
    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order=new_order(account), actor=account)
    assert len(receiver.requests) == sent + 1
    endpoint.refresh_from_db()
    assert endpoint.is_active and endpoint.failed_deliveries == 0


@pytest.mark.django_db
def test_manual_redelivery_of_a_failed_delivery(receiver, django_capture_on_commit_callbacks):
    account = new_account()
    endpoint, _ = services.create_endpoint(account=account, actor=account, url=receiver.hook(),
                                           events=["order.state_changed"])
    receiver.script = [500]
    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order=new_order(account), actor=account)
    delivery = Delivery.objects.get(endpoint=endpoint)
    services.redeliver(delivery, actor=account)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.SUCCEEDED
    log = list(delivery.attempt_log.order_by("number").values_list("number", "manual", "status_code"))
    assert log == [(1, False, 500), (2, True, 200)]
    assert receiver.requests[0].headers["X-Beian-Event-Id"] == receiver.requests[1].headers["X-Beian-Event-Id"]


@pytest.mark.django_db
def test_an_unanswering_receiver_times_out_and_is_logged(monkeypatch):
    import socket

    from beian.webhooks import delivery as http

    monkeypatch.setattr(http, "TIMEOUT", 0.5)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection, never answers
    try:
        account = new_account()
        endpoint, _ = services.create_endpoint(account=account, actor=account,
                                               url=f"http://127.0.0.1:{listener.getsockname()[1]}/slow",
                                               events=["order.created"])
        delivery = services.send_test(endpoint, actor=account)
    finally:
        listener.close()
    attempt = delivery.attempt_log.get()
    assert attempt.status_code is None and "超时" in attempt.error and attempt.duration_ms < 3000
    assert delivery.status == Delivery.PENDING and delivery.next_attempt_at
