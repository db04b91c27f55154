"""The simulator's provider API reads JSON within rules/safejson.py's limits and refuses control characters,
over real HTTP (its own process): a stable code and a Chinese message, never a 500."""

import json
import re

import pytest

from tests.ministry.test_simulator import _raw

DEEP = b"[" * 50_000 + b"]" * 50_000


def _submission(application) -> bytes:
    return json.dumps({"request_id": "hostile-1", "order_ref": "BA1", "kind": "first",
                       "application": application}).encode()


@pytest.mark.parametrize(("path", "body", "status", "code"), [
    ("/api/v1/filings", DEEP, 400, "json_too_deep"),
    ("/api/v1/filings", _submission({"a": json.loads("[" * 35 + "]" * 35)}), 400, "json_too_deep"),
    ("/api/v1/filings", b'{"request_id": "x", "kind": "first", "application": {"n": ' + b"9" * 5000 + b"}}", 400,
     "json_number_too_large"),
    ("/api/v1/filings", b'{"request_id": "x", "kind": "first", "application": {"n": 1e999}}', 400,
     "json_number_too_large"),
    ("/api/v1/filings", b"{not json", 400, "invalid_request"),  # the code it always had
    ("/api/v1/filings", _submission({"subject": {"name": "a\x00b"}}), 400, "input_control_characters"),
    ("/api/v1/callback", DEEP, 400, "json_too_deep"),
    ("/api/v1/callback", b'{"url": ' + b"1" * 5000 + b"}", 400, "json_number_too_large"),
])
def test_the_provider_api_answers_hostile_json_with_a_code(simulator, path, body, status, code):
    got, data = _raw(simulator, "POST", path, body, **{"Content-Type": "application/json"})
    assert (got, data["code"]) == (status, code), data
    assert re.search(r"[\u4e00-\u9fff]{2}", data["message"])


def test_a_nul_is_refused_even_when_the_body_claims_to_be_text(simulator):
    got, data = _raw(simulator, "POST", "/api/v1/filings", _submission({"subject": {"name": "a\x00b"}}),
                     **{"Content-Type": "text/plain"})
    assert got == 400 and data["code"] == "input_control_characters"


@pytest.mark.parametrize(("path", "form"), [
    ("/sms/", {"code": "123456", "mobile": "138\x0000000000", "cert_last6": "050019"}),
    ("/bureau/login/", {"username": "bureau@beian.local\x00", "password": "x"}),
    ("/query/?q=abc%00", None),
])
def test_the_simulator_pages_refuse_a_nul(simulator, path, form):
    from urllib.parse import urlencode

    from tests.ministry.test_simulator_error_pages import assert_page, fetch

    if form is None:
        assert_page(*fetch(simulator, path), 400, "input_control_characters")
        return
    data = urlencode(form).encode()
    assert_page(*fetch(simulator, path, method="POST", data=data,
                       headers={"Content-Type": "application/x-www-form-urlencoded"}), 400, "input_control_characters")
