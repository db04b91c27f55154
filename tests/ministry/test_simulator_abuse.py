"""Issue 12 finding 11: the ministry's interface refuses a missing or odd nonce (the simulator accepted an empty
X-Nonce once, and the platform's callback receiver shares the check), and knowing a principal's mobile is not
enough to get their filing returned: only entries with the right last 6 of the certificate count against it."""

import json
import time
import urllib.error
import uuid

import pytest

from beian.ministry import signing
from tests.ministry.test_simulator import _app, _client, _fresh_mobile, _raw

RIGHT_LAST6 = "01123X"  # the subject principal's certificate in _app()
SECRET, PROVIDER = "demo-ministry-secret", "beian-demo-provider"


def _headers_with_nonce(method, path, nonce, body=b""):
    timestamp = str(int(time.time()))
    return {"X-Provider": PROVIDER, "X-Timestamp": timestamp, "X-Nonce": nonce,
            "X-Signature": signing.sign(SECRET, method, path, timestamp, nonce, body)}


@pytest.mark.parametrize("nonce", ["", "short", "x" * 65, "has space in it!!", "ünïcödé-nonce-123456"])
def test_verify_refuses_a_missing_or_odd_nonce(nonce):
    timestamp = str(int(time.time()))
    signature = signing.sign(SECRET, "GET", "/x", timestamp, nonce, b"")
    assert signing.verify(secret=SECRET, method="GET", path="/x", body=b"", timestamp=timestamp, nonce=nonce,
                          signature=signature) == "bad_nonce"


def test_the_nonce_the_adapter_makes_is_accepted():
    headers = signing.headers(provider=PROVIDER, secret=SECRET, method="GET", path="/x", body=b"")
    assert signing.verify(secret=SECRET, method="GET", path="/x", body=b"", timestamp=headers["X-Timestamp"],
                          nonce=headers["X-Nonce"], signature=headers["X-Signature"]) is None


@pytest.mark.parametrize("nonce", ["", "x" * 100])
def test_the_simulator_refuses_a_signed_request_without_a_proper_nonce(simulator, nonce):
    path = "/api/v1/results?cursor=0"
    for _ in range(2):  # not even once
        status, body = _raw(simulator, "GET", path, **_headers_with_nonce("GET", path, nonce))
        assert status == 401 and body["code"] == "bad_nonce" and "X-Nonce" in body["message"]


@pytest.mark.django_db
def test_the_platform_callback_refuses_an_empty_nonce(client, settings):
    settings.MINISTRY_PROVIDER_ID, settings.MINISTRY_SHARED_SECRET = PROVIDER, SECRET
    path = "/ministry/callback/results"
    raw = json.dumps({"results": []}).encode()
    response = client.post(path, data=raw, content_type="application/json",
                           headers=_headers_with_nonce("POST", path, "", raw))
    assert response.status_code == 401 and response.json()["code"] == "bad_nonce"


def _post(simulator, **fields) -> tuple[int, str]:
    try:
        return 200, simulator.sms_post(**fields)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_wrong_entries_with_a_wrong_last6_do_not_return_the_filing(simulator):
    client = _client(simulator)
    mobile, rid = _fresh_mobile(), uuid.uuid4().hex
    client.submit(request_id=rid, order_ref="BA-ABUSE", kind="first", application=_app(principal_mobile=mobile))
    for guess in range(6):  # someone who knows only the mobile
        status, page = _post(simulator, code="999999", mobile=mobile, cert_last6=f"00000{guess}")
        assert status == 200 and "该条验证库里找不到记录" in page and "退回" not in page
    assert client.status(request_id=rid).status == "sms"
    # The person themself still verifies with the code they received.
    code = simulator.codes(mobile)[0]
    status, page = _post(simulator, code=code, mobile=mobile, cert_last6=RIGHT_LAST6.lower())
    assert "已提交管局审核" in page
    assert client.status(request_id=rid).status == "bureau"


def test_guesses_at_the_last6_are_limited_per_mobile(simulator):
    client = _client(simulator)
    mobile, rid = _fresh_mobile(), uuid.uuid4().hex
    client.submit(request_id=rid, order_ref="BA-GUESS", kind="first", application=_app(principal_mobile=mobile))
    for guess in range(10):
        assert _post(simulator, code="999999", mobile=mobile, cert_last6=f"1{guess:05d}")[0] == 200
    # The 11th guess is refused whatever it is, so the answer cannot tell a right last 6 from a wrong one.
    for last6 in ("100010", RIGHT_LAST6):
        status, page = _post(simulator, code="999999", mobile=mobile, cert_last6=last6)
        assert status == 429 and "该手机号输入错误次数过多" in page and "后再试" in page
    status, page = _post(simulator, action="resend", mobile=mobile, cert_last6="100011")
    assert status == 429
    assert client.status(request_id=rid).status == "sms"  # nothing counted against the filing
