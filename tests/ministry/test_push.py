"""Results pushed by the ministry simulator to the platform's callback receiver (signed, at least once,
applied once), and the receiver's answers to bad input."""

import datetime as dt
import http.server
import json
import threading
import time
import uuid

import pytest
from django.contrib.auth import get_user_model

from beian.filings import states, transitions
from beian.filings.models import Order
from beian.filings.services import create_order, transition
from beian.ministry import services, signing
from beian.ministry.adapter_http import HttpMinistry
from beian.ministry.models import MinistryResult
from tests.filings.conftest import application
from tests.ministry_sim import unique_uscc

CALLBACK = "/ministry/callback/results"
SECRET, PROVIDER = "demo-ministry-secret", "beian-demo-provider"


def _signed_post(client, body, path=CALLBACK, **overrides):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = signing.headers(provider=PROVIDER, secret=SECRET, method="POST", path=path, body=raw)
    headers.update(overrides)
    return client.post(path, data=raw, content_type="application/json", headers=headers)


def _wait(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _pending_order(domain, mobile):
    account = get_user_model().objects.create_user(f"{domain}@example.com", f"{domain}@example.com", "pw-12345678")
    app = application(domain, unique_uscc())
    app["region"]["province"] = "浙江省"
    app["subject"]["principal"]["mobile"] = mobile
    order = create_order(account=account, application=app)
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW)
    return transition(order=order, to_state=states.PENDING_MINISTRY, role=transitions.REVIEWER)


@pytest.fixture
def callback(ministry):
    """Register a callback URL with the simulator for one test; pull-only again afterwards."""
    client = HttpMinistry(base_url=ministry.url, provider=PROVIDER, secret=SECRET)
    yield lambda url: client.register_callback(url=url)
    client.register_callback(url="")


# ---- the whole path: simulator process -> HTTP push -> platform receiver -> order moves ----

@pytest.mark.django_db(transaction=True)
def test_pushed_results_move_the_order_without_polling(live_server, ministry, callback):
    assert callback(live_server.url + CALLBACK) == live_server.url + CALLBACK
    order = _pending_order("push-flow.com", "13700006666")
    order.refresh_from_db()
    assert order.state == states.SMS_VERIFICATION
    ministry.sms_post(code=ministry.codes("13700006666")[0], mobile="13700006666", cert_last6="01123X")
    # No poll_results() anywhere in this test: only the push can move the order.
    assert _wait(lambda: Order.objects.get(pk=order.pk).state == states.BUREAU_REVIEW)
    ministry.manage("ministry_decide", order.ministry_request_id)
    assert _wait(lambda: Order.objects.get(pk=order.pk).state == states.APPROVED)
    order.refresh_from_db()
    assert order.meta["icp_number"].startswith("浙ICP备") and "beian.miit.gov.cn" in order.meta["footer_html"]
    pushed = MinistryResult.objects.filter(request_id=order.ministry_request_id, channel="push")
    assert set(pushed.values_list("status", flat=True)) >= {"bureau", "approved"}
    # The scheduler's pull delivers the same results again: applied once, nothing changes.
    events = order.events.count()
    services.poll_results()
    order.refresh_from_db()
    assert order.state == states.APPROVED and order.events.count() == events
    assert order.events.filter(to_state=states.APPROVED).count() == 1


class _Receiver(http.server.BaseHTTPRequestHandler):
    """A provider endpoint that is down (503) for the first `failures` calls carrying the `watch` request's result,
    then accepts. Other tests of the session leave results behind in the shared simulator, pushed here too as
    soon as the callback is registered: counting every call would let one of those take the 503."""

    failures = 1
    watch = ""
    calls: list

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        problem = signing.verify(secret=SECRET, method="POST", path=self.path, body=body,
                                 timestamp=self.headers["X-Timestamp"], nonce=self.headers["X-Nonce"],
                                 signature=self.headers["X-Signature"])
        self.calls.append({"results": json.loads(body)["results"], "signature_problem": problem})
        carrying = [c for c in self.calls if any(r["request_id"] == self.watch for r in c["results"])]
        ok = len(carrying) > self.failures or not carrying
        self.send_response(200 if ok else 503)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_a_failed_push_is_retried_with_backoff_and_signed(ministry, callback):
    _Receiver.calls, _Receiver.failures = [], 1
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        rid = _Receiver.watch = uuid.uuid4().hex
        callback(f"http://127.0.0.1:{server.server_port}/hook?v=1")
        HttpMinistry(base_url=ministry.url, provider=PROVIDER, secret=SECRET).submit(
            request_id=rid, order_ref="BA-PUSH", kind="change_access", application=application("push-retry.com"))

        def mine():
            return [r for call in _Receiver.calls for r in call["results"] if r["request_id"] == rid]

        assert _wait(lambda: len(mine()) == 1), "pushed at once after the result was made"
        assert all(call["signature_problem"] is None for call in _Receiver.calls)
        first = mine()[0]
        assert first["status"] == "bureau" and first["result_id"]
        # The provider answered 503: not delivered. A tick now is inside the backoff and sends nothing.
        ministry.manage("ministry_tick", "--once", "--now", dt.datetime.now(dt.UTC).isoformat())
        assert len(mine()) == 1
        later = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2)).isoformat()
        ministry.manage("ministry_tick", "--once", "--now", later)
        assert [r["result_id"] for r in mine()] == [first["result_id"]] * 2, "the same result, redelivered"
        ministry.manage("ministry_tick", "--once", "--now", later)
        assert len(mine()) == 2, "delivered (2xx): not pushed again"
    finally:
        server.shutdown()


def test_callback_registration_validates_the_url(ministry):
    from beian.ministry.port import MinistryRejected

    client = HttpMinistry(base_url=ministry.url, provider=PROVIDER, secret=SECRET)
    with pytest.raises(MinistryRejected) as exc:
        client.register_callback(url="ftp://example.com/x")
    assert exc.value.code == "invalid_callback_url"


# ---- the receiver's answers (Django test client; no simulator needed) ----

pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_duplicate_push_is_applied_once(client, ministry, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = _pending_order("push-dup.com", "13700007777")
    order.refresh_from_db()
    item = {"result_id": "push-dup-1", "request_id": order.ministry_request_id, "status": "bureau"}
    first = _signed_post(client, {"results": [item]})
    assert first.status_code == 200 and first.json()["applied"] == 1
    again = _signed_post(client, {"results": [item, item]})
    assert again.status_code == 200 and again.json() == {"applied": 0, "duplicate": 2, "ignored": 0, "invalid": []}
    order.refresh_from_db()
    assert order.state == states.BUREAU_REVIEW
    assert order.events.filter(to_state=states.BUREAU_REVIEW).count() == 1
    assert MinistryResult.objects.get(result_id="push-dup-1").channel == "push"


@pytestmark_db
@pytest.mark.parametrize(("override", "code"), [
    ({"X-Provider": "someone-else"}, "unknown_provider"),
    ({"X-Signature": "0" * 64}, "bad_signature"),
    ({"X-Timestamp": str(int(time.time()) - 3600)}, "stale_timestamp"),
    ({"X-Timestamp": "not-a-time"}, "stale_timestamp"),
])
def test_unsigned_or_forged_pushes_are_refused(client, override, code):
    response = _signed_post(client, {"results": []}, **override)
    assert response.status_code == 401 and response.json()["code"] == code and response.json()["message"]


@pytestmark_db
def test_a_replayed_push_is_refused(client):
    raw = json.dumps({"results": []}).encode()
    headers = signing.headers(provider=PROVIDER, secret=SECRET, method="POST", path=CALLBACK, body=raw)
    assert client.post(CALLBACK, data=raw, content_type="application/json", headers=headers).status_code == 200
    replay = client.post(CALLBACK, data=raw, content_type="application/json", headers=headers)
    assert replay.status_code == 401 and replay.json()["code"] == "replayed_nonce"


@pytestmark_db
@pytest.mark.parametrize(("body", "code"), [
    (b"not json", "invalid_request"), (b"[]", "invalid_request"), (b'{"results": {}}', "invalid_request"),
    (b'{"nothing": 1}', "invalid_request"),
])
def test_malformed_bodies_get_a_code_and_a_chinese_message(client, body, code):
    response = _signed_post(client, body)
    assert response.status_code == 400 and response.json()["code"] == code
    assert "请求体" in response.json()["message"]


@pytestmark_db
def test_invalid_items_are_reported_and_valid_ones_still_applied(client, ministry, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = _pending_order("push-mixed.com", "13700008888")
    order.refresh_from_db()
    good = {"result_id": "push-mixed-ok", "request_id": order.ministry_request_id, "status": "bureau"}
    bad = [{"result_id": "", "request_id": "x", "status": "bureau"},
           {"result_id": "r2", "request_id": "x", "status": "exploded"},
           {"result_id": "r3", "request_id": "x", "status": "approved", "website_numbers": ["not", "a", "map"]},
           "a string"]
    response = _signed_post(client, {"results": [*bad, good]})
    body = response.json()
    assert response.status_code == 200 and body["applied"] == 1
    assert [(i["index"], i["code"]) for i in body["invalid"]] == [
        (0, "invalid_result_id"), (1, "invalid_status"), (2, "invalid_website_numbers"), (3, "invalid_result")]
    assert not MinistryResult.objects.filter(result_id__in=["r2", "r3"]).exists()
    order.refresh_from_db()
    assert order.state == states.BUREAU_REVIEW


@pytestmark_db
def test_a_result_for_no_known_order_is_ignored_not_an_error(client):
    item = {"result_id": "push-unknown", "request_id": "BA-NOPE-1", "status": "approved", "icp_number": "浙ICP备1号"}
    response = _signed_post(client, {"results": [item]})
    assert response.status_code == 200 and response.json()["ignored"] == 1


@pytestmark_db
def test_get_is_refused_with_a_code(client):
    response = client.get(CALLBACK)
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"


@pytestmark_db
def test_the_receiver_needs_no_csrf_token_but_a_signature(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert _signed_post(strict, {"results": []}).status_code == 200
    assert strict.post(CALLBACK, data=b"{}", content_type="application/json").status_code == 401



@pytestmark_db
def test_a_late_earlier_status_changes_nothing(client, ministry, django_capture_on_commit_callbacks):
    """Push and pull are not ordered between them: an `sms` result arriving after `bureau` is ignored."""
    with django_capture_on_commit_callbacks(execute=True):
        order = _pending_order("push-late.com", "13700009999")
    order.refresh_from_db()
    rid = order.ministry_request_id
    assert _signed_post(client, {"results": [{"result_id": "late-2", "request_id": rid, "status": "bureau"}]}).json()["applied"] == 1
    late = _signed_post(client, {"results": [{"result_id": "late-1", "request_id": rid, "status": "sms"}]})
    assert late.json()["ignored"] == 1
    order.refresh_from_db()
    assert order.state == states.BUREAU_REVIEW
