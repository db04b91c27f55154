"""Webhook endpoints (add, change, rotate, delete: each audited), the events of an order's lifecycle turned
into deliveries, and the delivery itself: signed POST, retries with backoff, the log, disabling a dead endpoint.

Retry schedule (docs/api.md, Webhooks): the first attempt right after the commit that caused the event, then
after RETRY_DELAYS; a delivery that still has no 2xx after the last one is given up. An endpoint whose
DISABLE_AFTER deliveries in a row were given up is disabled, with a site message to its account."""

import hashlib
import hmac
import json
import time
import uuid
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from beian import queue
from beian.webhooks import delivery as http
from beian.webhooks import messages as msg
from beian.webhooks.models import Attempt, Delivery, Endpoint, EndpointChange, new_secret
from beian.webhooks.urlcheck import UrlRefused, check_saved, target

EVENTS = tuple(msg.EVENT_LABELS)
TEST_EVENT = "webhook.test"
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
                timedelta(hours=6))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
DISABLE_AFTER = 3
ENDPOINT_LIMIT = 10
LEASE = timedelta(minutes=2)  # a claimed delivery is retried by the sweep if its worker died mid-attempt
DELIVER_TASK = "beian.webhooks.tasks.deliver_webhook"


class WebhookError(Exception):
    def __init__(self, code: str, field: str = "", **values):
        super().__init__(code)
        self.code, self.field = code, field
        self.message = msg.ERRORS[code].format(**values)


# ---- signing ----------------------------------------------------------------------------------------------

def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`v1=` + hex HMAC-SHA256 of `<timestamp>.<body>` under the endpoint's secret."""
    return "v1=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


# ---- endpoints --------------------------------------------------------------------------------------------

def clean(*, url, events, description="") -> dict:
    """The cleaned fields, or WebhookError (the first problem)."""
    try:
        url = check_saved(str(url or ""))
    except UrlRefused as exc:
        raise WebhookError(exc.code, "url", **exc.values) from None
    events = [str(e) for e in (events or [])]
    unknown = sorted({e for e in events if e not in EVENTS})
    if unknown:
        raise WebhookError("webhook_events_invalid", "events", events="、".join(u[:40] for u in unknown[:5]),
                           known="、".join(EVENTS))
    if not events:
        raise WebhookError("webhook_events_required", "events")
    description = str(description or "").strip()
    if len(description) > 100 or any(ord(c) < 32 for c in description):
        raise WebhookError("webhook_description_invalid", "description")
    return {"url": url, "events": [e for e in EVENTS if e in set(events)], "description": description}


def _audit(endpoint_id, *, account, actor, action, via, now=None, **details):
    EndpointChange.objects.create(account=account, actor=actor, endpoint_id_value=endpoint_id,
                                  at=now or timezone.now(), action=action, via=via, details=details)


def create_endpoint(*, account, actor, url, events, description="", via="web") -> tuple[Endpoint, str]:
    """A new endpoint and its secret (the only time the secret is returned)."""
    cleaned = clean(url=url, events=events, description=description)
    with transaction.atomic():
        if Endpoint.objects.select_for_update().filter(account=account).count() >= ENDPOINT_LIMIT:
            raise WebhookError("webhook_limit", limit=ENDPOINT_LIMIT)
        secret = new_secret()
        endpoint = Endpoint.objects.create(account=account, secret=secret, secret_hint=secret[:10], **cleaned)
        _audit(endpoint.pk, account=account, actor=actor, action="created", via=via, url=cleaned["url"],
               events=cleaned["events"])
    return endpoint, secret


def update_endpoint(endpoint: Endpoint, *, actor, url, events, description="", is_active=True, via="web") -> Endpoint:
    cleaned = clean(url=url, events=events, description=description)
    with transaction.atomic():
        before = {"url": endpoint.url, "events": endpoint.events, "is_active": endpoint.is_active}
        for field, value in cleaned.items():
            setattr(endpoint, field, value)
        if is_active and not endpoint.is_active:
            endpoint.failed_deliveries, endpoint.disabled_reason = 0, ""  # re-enabled: a fresh start
        endpoint.is_active = bool(is_active)
        endpoint.save()
        after = {"url": endpoint.url, "events": endpoint.events, "is_active": endpoint.is_active}
        _audit(endpoint.pk, account=endpoint.account, actor=actor, action="updated", via=via,
               changed={k: after[k] for k in after if after[k] != before[k]})
    return endpoint


def rotate_secret(endpoint: Endpoint, *, actor, via="web") -> str:
    secret = new_secret()
    with transaction.atomic():
        endpoint.secret, endpoint.secret_hint = secret, secret[:10]
        endpoint.save(update_fields=["secret", "secret_hint", "updated_at"])
        _audit(endpoint.pk, account=endpoint.account, actor=actor, action="rotated", via=via)
    return secret


def delete_endpoint(endpoint: Endpoint, *, actor, via="web") -> None:
    with transaction.atomic():
        _audit(endpoint.pk, account=endpoint.account, actor=actor, action="deleted", via=via, url=endpoint.url)
        endpoint.delete()


# ---- events -----------------------------------------------------------------------------------------------

def _order_data(order, *, previous_state=None) -> dict:
    """What a receiver learns about an order: references, kind and states, never personal data."""
    from beian.filings import states

    data = {"reference": order.reference, "kind": order.kind, "state": order.state,
            "state_label": states.PUBLIC_LABELS.get(order.state, order.state),
            "previous_state": previous_state, "state_changed_at": order.state_changed_at.isoformat()}
    if order.state == states.APPROVED:
        data["icp_number"] = (order.meta or {}).get("icp_number", "")
        data["website_numbers"] = dict((order.meta or {}).get("website_numbers") or {})
        data["app_numbers"] = list((order.meta or {}).get("app_numbers") or [])  # [i]: the application's apps[i]
    return data


def _body(event_id: str, event_type: str, created, data: dict) -> str:
    return json.dumps({"id": event_id, "type": event_type, "created": created.isoformat(), "data": data},
                      ensure_ascii=False, separators=(",", ":"))


def emit(*, account, event_type: str, data: dict, order=None, now=None) -> list[int]:
    """Write a delivery for every active endpoint of `account` that wants `event_type`, in the caller's
    transaction; they are sent after it commits."""
    now = now or timezone.now()
    ids = []
    for endpoint in Endpoint.objects.filter(account=account, is_active=True):
        if event_type not in endpoint.events:
            continue
        event_id = "evt_" + uuid.uuid4().hex
        delivery = Delivery.objects.create(endpoint=endpoint, event_id=event_id, event_type=event_type, order=order,
                                           body=_body(event_id, event_type, now, data), created_at=now,
                                           next_attempt_at=now)
        ids.append(delivery.pk)
    for delivery_id in ids:
        queue.enqueue_on_commit("beian.webhooks.tasks.deliver_webhook", delivery_id)
    return ids


def _emit_order(order, *, event_type: str, data: dict, now=None) -> None:
    """An order's event to its account's endpoints and, while the account is an agent's customer (an ACTIVE link
    of an active agent, read now: beian.agents.selectors), to the agent's endpoints too, with `customer` {id}
    added so that a reseller can tell its customers' orders apart. A customer who left is no longer the agent's:
    its later events reach only its own endpoints."""
    from beian.agents.selectors import current_agent

    emit(account=order.account, event_type=event_type, data=data, order=order, now=now)
    agent = current_agent(order.account)
    if agent is not None and agent.user_id != order.account_id:
        emit(account=agent.user, event_type=event_type, data={**data, "customer": {"id": order.account_id}},
             order=order, now=now)


def order_created(order, now=None) -> None:
    _emit_order(order, event_type="order.created", now=now, data={"order": _order_data(order)})


def order_transitioned(order, event) -> None:
    from beian.filings import states

    data = {"order": _order_data(order, previous_state=event.from_state or None), "role": event.role}
    _emit_order(order, event_type="order.state_changed", data=data, now=event.at)
    if event.to_state == states.APPROVED:
        _emit_order(order, event_type="order.approved", data=data, now=event.at)


def send_test(endpoint: Endpoint, *, actor, via="web") -> Delivery:
    """A test event to one endpoint (whatever events it chose), sent now; its attempt is in the log."""
    now = timezone.now()
    event_id = "evt_" + uuid.uuid4().hex
    with transaction.atomic():
        delivery = Delivery.objects.create(
            endpoint=endpoint, event_id=event_id, event_type=TEST_EVENT, created_at=now, next_attempt_at=now,
            body=_body(event_id, TEST_EVENT, now, {"message": "这是一条测试事件。", "endpoint_id": endpoint.pk}))
        _audit(endpoint.pk, account=endpoint.account, actor=actor, action="tested", via=via, event_id=event_id)
    # A disabled endpoint still gets its test (one attempt, not retried): how its owner checks a repaired receiver.
    deliver(delivery.pk, manual=not endpoint.is_active)
    delivery.refresh_from_db()
    return delivery


def redeliver(delivery: Delivery, *, actor, via="web") -> Delivery:
    """Send a logged delivery once more, now (by hand; no further automatic retries are scheduled for it)."""
    _audit(delivery.endpoint_id, account=delivery.endpoint.account, actor=actor, action="redelivered", via=via,
           event_id=delivery.event_id)
    deliver(delivery.pk, manual=True)
    delivery.refresh_from_db()
    return delivery


# ---- delivery ---------------------------------------------------------------------------------------------

def _claim(delivery_id: int, now) -> bool:
    """Take a due pending delivery for LEASE (a conditional update: two workers never both take it)."""
    return bool(Delivery.objects.filter(id=delivery_id, status=Delivery.PENDING, next_attempt_at__lte=now,
                                        endpoint__is_active=True).update(next_attempt_at=now + LEASE))


def deliver(delivery_id: int, *, manual: bool = False, now=None) -> str:
    """One attempt of one delivery, outside any transaction (no row is locked while the receiver answers).
    Returns "succeeded", "retry", "failed", "manual" (a manual attempt that failed) or "skipped"."""
    now = now or timezone.now()
    if not manual and not _claim(delivery_id, now):
        return "skipped"
    delivery = Delivery.objects.select_related("endpoint").filter(id=delivery_id).first()
    if delivery is None:
        return "skipped"
    endpoint = delivery.endpoint
    body = delivery.body.encode()
    timestamp = str(int(time.time()))
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "beian-webhooks/1",
               "X-Beian-Event-Id": delivery.event_id, "X-Beian-Event-Type": delivery.event_type,
               "X-Beian-Timestamp": timestamp, "X-Beian-Signature": signature(endpoint.secret, timestamp, body)}
    started = time.monotonic()
    status_code, error = None, ""
    try:
        status_code = http.post(target(endpoint.url), url=endpoint.url, headers=headers, body=body)
    except UrlRefused as exc:
        error = msg.BLOCKED.format(reason=msg.ERRORS[exc.code].format(**exc.values))
    except http.DeliveryFailed as exc:
        error = str(exc)
    duration = int((time.monotonic() - started) * 1000)
    ok = status_code is not None and 200 <= status_code < 300
    if status_code is not None and not ok:
        error = msg.NOT_2XX.format(status=status_code)
    return _record(delivery, now=timezone.now(), manual=manual, status_code=status_code, ok=ok, error=error,
                   duration=duration)


def _record(delivery: Delivery, *, now, manual, status_code, ok, error, duration) -> str:
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().select_related("endpoint").get(pk=delivery.pk)
        endpoint = delivery.endpoint
        number = delivery.attempt_log.count() + 1
        if not manual:
            delivery.attempts += 1  # the schedule counts automatic attempts only
        next_at = delivery.next_attempt_at if manual else None
        if ok:
            outcome = "succeeded"
            delivery.status, delivery.delivered_at, next_at = Delivery.SUCCEEDED, now, None
            Endpoint.objects.filter(pk=endpoint.pk).update(failed_deliveries=0)
        elif manual:
            outcome = "manual"  # a by-hand attempt changes nothing about the schedule
        elif delivery.attempts < MAX_ATTEMPTS:
            outcome = "retry"
            next_at = now + RETRY_DELAYS[delivery.attempts - 1]
        else:
            outcome = "failed"
            delivery.status = Delivery.FAILED
        delivery.next_attempt_at = next_at
        delivery.save(update_fields=["attempts", "status", "delivered_at", "next_attempt_at"])
        Attempt.objects.create(delivery=delivery, number=number, at=now, manual=manual, status_code=status_code,
                               duration_ms=duration, error=error[:300],
                               next_retry_at=next_at if delivery.status == Delivery.PENDING else None)
        if outcome == "failed":
            Endpoint.objects.filter(pk=endpoint.pk).update(failed_deliveries=F("failed_deliveries") + 1)
            endpoint.refresh_from_db()
            if endpoint.is_active and endpoint.failed_deliveries >= DISABLE_AFTER:
                _disable(endpoint, now)
    return outcome


def _disable(endpoint: Endpoint, now) -> None:
    from beian.notifications.models import Message

    endpoint.is_active = False
    endpoint.disabled_reason = msg.DISABLED_REASON.format(count=endpoint.failed_deliveries)
    endpoint.save(update_fields=["is_active", "disabled_reason", "updated_at"])
    Delivery.objects.filter(endpoint=endpoint, status=Delivery.PENDING).update(status=Delivery.FAILED,
                                                                                 next_attempt_at=None)
    _audit(endpoint.pk, account=endpoint.account, actor=None, action="disabled", via="system", now=now,
           failed_deliveries=endpoint.failed_deliveries)
    Message.objects.create(account=endpoint.account, channel=Message.SITE, event="webhook:disabled",
                           subject=msg.DISABLED_NOTICE_SUBJECT, status=Message.SENT, sent_at=now,
                           body=msg.DISABLED_NOTICE_BODY.format(url=endpoint.url, count=endpoint.failed_deliveries))


def retry_due(now=None, limit: int = 200) -> int:
    """Enqueue every due pending delivery (run by the periodic scheduler, beian_scheduler)."""
    now = now or timezone.now()
    deliver_webhook = import_string(DELIVER_TASK)  # by name: services never import task modules (beian.queue)
    ids = list(Delivery.objects.filter(status=Delivery.PENDING, next_attempt_at__lte=now, endpoint__is_active=True)
               .order_by("next_attempt_at").values_list("id", flat=True)[:limit])
    for delivery_id in ids:
        deliver_webhook.enqueue(delivery_id)
    return len(ids)
